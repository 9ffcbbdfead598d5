// What the terminal drives: the simulated Docker host (compose), the running Prometheus (its config file), the
// clock, and fetch() — the same path the scraper's requests take, so curl reaches what Prometheus reaches.

import type { ComposeEvent, ContainerInfo } from '../sim/world.ts';

export interface ComposeHost {
  up(opts?: { scale?: { accesslog?: number } }): ComposeEvent[];
  scale(service: string, replicas: number): ComposeEvent[];
  stop(service: string): ComposeEvent[];
  start(service: string): ComposeEvent[];
  down(): ComposeEvent[];
  containers(): readonly ContainerInfo[];
}

export interface TerminalEnv {
  readonly world: ComposeHost;
  readonly prom: { configText(): string };
  readonly clock: { now(): number };
  readonly fetch: typeof fetch;
}
