// The drills as the UI and the terminal see them: plain data and one async interface, so the engine can live
// behind a message channel (a worker) with no change to its callers.

import type { Localized } from './types.ts';

export interface DrillProgress {
  attempts: number;
  solved: boolean;
  bestScore: number | null;
  /** Time to the passing diagnosis, from the pager, in virtual and wall-clock ms. */
  bestVirtualMs: number | null;
  bestWallMs: number | null;
}

export interface DrillSummary {
  id: string;
  title: Localized;
  budget: number;
  /** Virtual time the start fast-forwards through (warm-up and the fault developing). */
  history: number;
  progress: DrillProgress;
}

/** A diagnosis: the component, the evidence (a PromQL query or a log line), the cause. */
export interface Diagnosis {
  service: string;
  /** A container name, IP or `ip:port`; empty when the whole service is meant. */
  instance: string;
  query: string;
  log: string;
  cause: string;
}

export type DiagnosisField = 'component' | 'evidence' | 'cause' | 'fix';

/** Why a diagnosis was rejected, with the signal that says so. */
export interface Reason {
  field: DiagnosisField;
  text: Localized;
  /** The query behind the reason and the range it was judged over. */
  link?: GraphLink;
}

export interface GraphLink {
  expr: string;
  start: number;
  end: number;
}

export interface LogsLink {
  service: string;
  contains: string;
  from: number;
  to: number;
}

export interface Verdict {
  pass: boolean;
  reasons: Reason[];
  score: number;
}

export interface DebriefLine {
  text: Localized;
  graph?: GraphLink;
  logs?: LogsLink;
}

export interface RunningDrill {
  id: string;
  title: Localized;
  symptom: Localized;
  budget: number;
  /** Virtual time the pager went off; elapsed time is the clock's now minus this. */
  pagedAt: number;
  /** When the fault began (the incident window starts here). */
  faultAt: number;
  /** The start of the history the drill made (the warm-up). */
  historyFrom: number;
  wallStartedAt: number;
  services: string[];
  causes: { id: string; text: Localized }[];
  hints: { cost: number; text: Localized | null }[];
  attempts: number;
  last: Verdict | null;
  solved: boolean;
  /** Once solved: virtual and wall time to the diagnosis, and the signal chain. */
  virtualMs: number | null;
  wallMs: number | null;
  debrief: DebriefLine[] | null;
}

export interface DrillsView {
  list(): Promise<DrillSummary[]>;
  /** Runs the warm-up and the fault (fast-forwarding the clock), then pages the learner. */
  start(id: string): Promise<RunningDrill>;
  state(): Promise<RunningDrill | null>;
  /** Shows the next hint (it costs its points); null when all are shown. */
  hint(): Promise<RunningDrill>;
  submit(diagnosis: Diagnosis): Promise<Verdict>;
  /** Ends the running drill: the faults go, the learner's config comes back. */
  end(): Promise<void>;
  subscribe(fn: () => void): () => void;
}
