// Where queries go: the in-browser Prometheus (local) or a real server's HTTP API (remote). The query page,
// dashboards and lesson checks ask a Datasource, so the same screens work on both.

import type { Value } from '../promql/value.ts';

export interface Datasource {
  readonly kind: 'local' | 'remote';
  /** What the badge shows: "promlab" or the server's URL. */
  readonly name: string;
  instantQuery(expr: string, timeMs: number): Promise<Value>;
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Value>;
}

/** What LocalDatasource needs of the running Prometheus. */
export interface LocalEngine {
  instantQuery(expr: string, timeMs?: number): Value;
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Value;
}

export class LocalDatasource implements Datasource {
  readonly kind = 'local';
  readonly name = 'promlab';

  constructor(private readonly prom: LocalEngine) {}

  async instantQuery(expr: string, timeMs: number): Promise<Value> {
    return this.prom.instantQuery(expr, timeMs);
  }

  async rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Value> {
    return this.prom.rangeQuery(expr, startMs, endMs, stepMs);
  }
}
