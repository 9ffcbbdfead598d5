// Which Prometheus the query page, dashboards and lesson checks ask: the in-browser one, or a real server the
// learner connected. The server URL is remembered in the store; a failed connection keeps the current source.

import { LocalDatasource, type Datasource, type LocalEngine } from '../../datasource/datasource.ts';
import { DatasourceError, RemoteDatasource, type ConnectionProblem } from '../../datasource/remote.ts';
import type { Store } from '../../kvstore/store.ts';

const URL_KEY = 'datasource/server-url';

export type ConnectionState =
  | { readonly state: 'idle' }
  | { readonly state: 'checking'; readonly url: string }
  | { readonly state: 'connected'; readonly version: string }
  | { readonly state: 'failed'; readonly problem: ConnectionProblem; readonly message: string; readonly params: Readonly<Record<string, string>> };

export class DatasourceState {
  readonly local: Datasource;
  current = $state.raw<Datasource>(null!);
  connection = $state.raw<ConnectionState>({ state: 'idle' });

  constructor(
    engine: LocalEngine,
    private readonly store: Store,
    private readonly fetchFn: typeof fetch = (...a) => fetch(...a),
  ) {
    this.local = new LocalDatasource(engine);
    this.current = this.local;
  }

  /** The URL last connected to, for the form; the page starts on the in-browser engine whatever was saved. */
  savedUrl(): Promise<string | undefined> {
    return this.store.get<string>(URL_KEY).catch(() => undefined);
  }

  /** Checks the server and switches to it when it answers like Prometheus; otherwise says why and stays. */
  async connect(url: string): Promise<void> {
    this.connection = { state: 'checking', url };
    try {
      const remote = new RemoteDatasource(url, this.fetchFn);
      const version = await remote.check();
      this.current = remote;
      this.connection = { state: 'connected', version };
      await this.store.put(URL_KEY, remote.name).catch(() => undefined);
    } catch (err) {
      const e = err instanceof DatasourceError ? err : new DatasourceError('unreachable', String(err));
      this.connection = { state: 'failed', problem: e.problem, message: e.message, params: e.params };
    }
  }

  useLocal(): void {
    this.current = this.local;
    this.connection = { state: 'idle' };
  }
}
