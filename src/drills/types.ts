// A drill as its file describes it: a hidden fault in the chapter's world, the pager message that starts it, and
// what a correct diagnosis names (component, evidence, cause). Times are virtual milliseconds.

import type { IncidentKind } from '../sim/incidents/kinds.ts';
import type { ServiceFaults } from '../sim/incidents/faults.ts';

import type { Localized } from '../i18n/localized.ts';

export type { Localized };

/** How a series changes at the fault: compared between the warm-up (before) and the incident (since). */
export const ANOMALIES = ['rise', 'fall', 'appear', 'vanish'] as const;
export type Anomaly = (typeof ANOMALIES)[number];

/** A text edit of a file the drill starts from (the chapter's prometheus.yml or rule file). */
export interface Replace {
  from: string;
  to: string;
}

/** What goes wrong, `at` after the warm-up ends. */
export type FaultSpec =
  | { at: number; kind: 'incident'; incident: IncidentKind }
  | { at: number; kind: 'faults'; service: string; set: Partial<ServiceFaults> }
  | { at: number; kind: 'config'; replace: Replace[] }
  | { at: number; kind: 'rules'; replace: Replace[] };

export interface ComponentSpec {
  /** Compose service: image-gallery, iotd, accesslog. */
  service: string;
  /** Which replica: `last` (the newest, where a bad start shows first) or `any` (the whole service). */
  replica: 'last' | 'any';
}

export interface QueryEvidence {
  /** Labels the anomalous series must carry (when the query kept them). */
  labels: Record<string, string>;
  /** The changes that count as showing the incident. */
  shows: Anomaly[];
  /** A query that shows it: the walk runs it, the debrief links it. Never compared as text. */
  example: string;
}

export interface LogEvidence {
  service: string;
  /** A regular expression the line must match. */
  pattern: string;
  /** A line that matches, for the walk and the debrief. */
  example: string;
}

export interface Cause {
  id: string;
  text: Localized;
  /** For a wrong cause: the signal that contradicts it. */
  contradiction?: Contradiction;
}

export interface Contradiction {
  query: string;
  /** Anomalies the query shows over the incident (the cause would have it otherwise) … */
  shows: Anomaly[];
  /** … and ones it does not show (the cause would have caused them). */
  not: Anomaly[];
  text: Localized;
}

export interface Hint {
  cost: number;
  text: Localized;
}

export interface DebriefStep {
  text: Localized;
  query?: string;
  logs?: { service: string; contains: string };
}

export interface Drill {
  file: string;
  id: string;
  order: number;
  title: Localized;
  /** The pager or chat message that starts it. */
  symptom: Localized;
  /** Virtual time the learner has, from the page. */
  budget: number;
  seed: number;
  setup: { accesslog: number; traffic: Record<string, number> };
  /** The world runs this long before the fault, so history exists. */
  warmup: number;
  /** And this long after it, before the pager goes off. */
  develop: number;
  faults: FaultSpec[];
  component: ComponentSpec;
  evidence: { query: QueryEvidence; log?: LogEvidence };
  causes: Cause[];
  /** The id of the right cause. */
  cause: string;
  /** Config faults: an instant query that returns something once the learner's fix is running. */
  resolved?: { query: string; text: Localized };
  hints: Hint[];
  debrief: DebriefStep[];
}
