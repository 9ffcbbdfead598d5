// Where queries go: the in-browser Prometheus (local) or a real server's HTTP API (remote). The query page,
// dashboards and lesson checks ask a Datasource, so the same screens work on both.

import type { Engine } from '../promql/index.ts';
import type { QueryResult } from '../promql/value.ts';
import type { Queryable } from '../storage/interface.ts';

export interface Datasource {
  readonly kind: 'local' | 'remote';
  /** What the badge shows: "promlab" or the server's URL. */
  readonly name: string;
  /** "Now" for this source: the virtual clock in the playground, the wall clock for a real server. */
  now(): number;
  instantQuery(expr: string, timeMs: number): Promise<QueryResult>;
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<QueryResult>;
}

/** What LocalDatasource needs of the running Prometheus. */
export interface LocalEngine {
  readonly clock: { now(): number };
  readonly engine: Engine;
  readonly head: Queryable;
}

export class LocalDatasource implements Datasource {
  readonly kind = 'local';
  readonly name = 'promlab';

  constructor(private readonly prom: LocalEngine) {}

  now(): number {
    return this.prom.clock.now();
  }

  async instantQuery(expr: string, timeMs: number): Promise<QueryResult> {
    return this.prom.engine.instantQueryResult(this.prom.head, expr, timeMs);
  }

  async rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<QueryResult> {
    return this.prom.engine.rangeQueryResult(this.prom.head, expr, startMs, endMs, stepMs);
  }
}
