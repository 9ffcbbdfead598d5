// A lesson as data: Korean and English text, and steps whose checks are evaluated against the running playground.

import type { LogLevel } from '../logs/store.ts';

export type Lang = 'ko' | 'en';
export type Localized = Readonly<Record<Lang, string>>;

/** What a learner's PromQL answer must return. All given conditions must hold. */
export interface AnswerSpec {
  /**
   * The result must answer like this reference expression now: the same values, told apart by the same labels
   * (see compare.ts); the answer must read the reference's metrics.
   */
  readonly sameAs?: string;
  /** Compare `sameAs` with the whole label sets too; the step's or question's text must say so. */
  readonly labelsMatter?: boolean;
  /** Labels the expression must filter on with a matcher (the step asks for a filter, not just a result). */
  readonly filters?: readonly string[];
  /** Exactly this many series. */
  readonly series?: number;
  /** Every series carries these label values. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Every series has a different value of this label. */
  readonly distinct?: string;
  /** Functions or aggregation operators the expression must use. */
  readonly uses?: readonly string[];
}

/** Settings a job in the running prometheus.yml must have. */
export interface ConfigSpec {
  readonly job: string;
  readonly scrape_interval?: string;
  readonly metrics_path?: string;
  /** Names the job's dns_sd_configs must look up (type A). */
  readonly dns_sd_names?: readonly string[];
}

export type Check =
  /** This many targets of a scrape pool are up. */
  | { readonly kind: 'targets'; readonly job: string; readonly up: number }
  /** This many containers of a compose service are running. */
  | { readonly kind: 'containers'; readonly service: string; readonly running: number }
  /** A PromQL expression's single value compared with a number, or its number of series. */
  | { readonly kind: 'query'; readonly expr: string; readonly op: CompareOp; readonly value: number; readonly count: boolean }
  /** The learner types a PromQL expression; it must satisfy the spec. */
  | { readonly kind: 'answer'; readonly spec: AnswerSpec }
  | { readonly kind: 'config'; readonly spec: ConfigSpec }
  /** A terminal command line matching this regular expression ran and exited 0. */
  | { readonly kind: 'ran'; readonly pattern: string }
  /** The Logs page shows at least this many lines of a service at or above a level from the last `within` ms, and only such lines. */
  | { readonly kind: 'logs'; readonly spec: LogsSpec }
  /** An incident of this kind is running, however it was started. */
  | { readonly kind: 'incident'; readonly incident: string };

export interface LogsSpec {
  /** Compose service (`image-gallery`, `iotd`, `accesslog`). */
  readonly service: string;
  /** This level and above (warn includes error). */
  readonly level: LogLevel;
  readonly atLeast: number;
  /** How far back from now, in ms of virtual time. */
  readonly within: number;
}

export type CompareOp = '==' | '>=' | '<=' | '>' | '<';

export interface Step {
  readonly id: string;
  readonly title: Localized;
  readonly hint: Localized | null;
  /** A terminal line the learner can send to the terminal with one click. */
  readonly command: string | null;
  readonly check: Check;
}

export interface Lesson {
  readonly id: string;
  readonly order: number;
  /** Where it was loaded from, for error messages. */
  readonly file: string;
  readonly title: Localized;
  readonly summary: Localized;
  readonly steps: readonly Step[];
  /** Markdown, per language. */
  readonly body: Localized;
}

/** Why a check passes or not, as a message key and its parameters (the UI words it). */
export interface CheckResult {
  readonly pass: boolean;
  readonly reason: string;
  readonly params: Readonly<Record<string, string | number>>;
}
