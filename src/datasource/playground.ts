// The in-browser Prometheus as a datasource: its HTTP API at localhost:9090, reached through a fetch() that the
// worker running it answers. The page asks it exactly as it asks a real server (RemoteDatasource).

import type { QueryResult } from '../promql/value.ts';
import type { Datasource } from './datasource.ts';
import { RemoteDatasource } from './remote.ts';

export class PlaygroundDatasource implements Datasource {
  readonly kind = 'local';
  readonly name = 'promlab';
  private readonly api: RemoteDatasource;

  constructor(
    fetchFn: typeof fetch,
    /** The virtual clock's time, as the page last saw it. */
    readonly now: () => number,
  ) {
    this.api = new RemoteDatasource('http://localhost:9090', fetchFn);
  }

  instantQuery(expr: string, timeMs: number): Promise<QueryResult> {
    return this.api.instantQuery(expr, timeMs);
  }

  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<QueryResult> {
    return this.api.rangeQuery(expr, startMs, endMs, stepMs);
  }
}
