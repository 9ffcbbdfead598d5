// What the terminal drives: the simulated Docker host (compose), the running Prometheus (its config file), the
// clock, and fetch() — the same path the scraper's requests take, so curl reaches what Prometheus reaches.

import type { DrillsView } from '../drills/view.ts';
import type { Incidents } from '../sim/incidents/incidents.ts';

/** What compose reports per container: Created, Started, Running, Stopped, Removed. */
export type ComposeEvents = readonly { readonly container: string; readonly action: string }[];

export interface ContainerSummary {
  readonly name: string;
  /** The 12-hex container id, also its hostname. */
  readonly hostname: string;
  readonly service: string;
  readonly state: string;
  readonly startedAt: number;
  /** Replica number within the service (compose's `-N` suffix). */
  readonly number: number;
}

/** What the containers printed, oldest first (the World's log store). */
export interface ContainerLogs {
  query(q: { services?: readonly string[] }): readonly { readonly container: string; readonly time: number; readonly line: string }[];
}

/** The simulated Docker host as compose drives it; the World implements it. */
export interface ComposeHost {
  readonly logs: ContainerLogs;
  up(opts?: { scale?: { accesslog?: number } }): ComposeEvents;
  stop(service: string): ComposeEvents;
  start(service: string): ComposeEvents;
  down(): ComposeEvents;
  containers(): readonly ContainerSummary[];
}

export interface TerminalEnv {
  readonly world: ComposeHost;
  readonly prom: { configText(): string };
  readonly clock: { now(): number };
  readonly fetch: typeof fetch;
  /** `promlab incident …`: the world's incidents; absent where the terminal runs without them. */
  readonly incidents?: Pick<Incidents, 'active' | 'listed' | 'start' | 'stop' | 'steadyRate' | 'setSteadyRate'>;
  /** `promlab drill …`: the incident drills; absent where the terminal runs without them. */
  readonly drills?: DrillsView;
  /** The page's language for the terminal's own words (say.ts); English without one. */
  readonly lang?: () => 'ko' | 'en';
}
