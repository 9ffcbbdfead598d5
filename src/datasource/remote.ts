// A real Prometheus through its HTTP API (/api/v1/*). Failures say which of the usual three it is: the server
// cannot be reached, the browser refused the answer for CORS, or the answer is not Prometheus' API.

import type { QueryResult } from '../promql/value.ts';
import type { Datasource } from './datasource.ts';
import { NotPrometheusError, decodeQueryData, serverError } from './decode.ts';

export type ConnectionProblem = 'bad-url' | 'unreachable' | 'cors' | 'not-prometheus' | 'http';

export class DatasourceError extends Error {
  constructor(
    readonly problem: ConnectionProblem,
    message: string,
    /** What the UI needs to word the problem in the learner's language ({server}, {origin}); the message is English. */
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DatasourceError';
  }
}

/** The server's base URL without a trailing slash; a DatasourceError for anything but http(s). */
export function normaliseServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DatasourceError('bad-url', `not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DatasourceError('bad-url', `only http and https servers can be queried, not ${url.protocol}`);
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

export class RemoteDatasource implements Datasource {
  readonly kind = 'remote';
  readonly name: string;

  constructor(
    baseUrl: string,
    private readonly fetchFn: typeof fetch = (...a) => fetch(...a),
  ) {
    this.name = normaliseServerUrl(baseUrl);
  }

  now(): number {
    return Date.now();
  }

  instantQuery(expr: string, timeMs: number): Promise<QueryResult> {
    return this.query(expr, 'query', { query: expr, time: String(timeMs / 1000) });
  }

  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<QueryResult> {
    return this.query(expr, 'query_range', { query: expr, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepMs / 1000) });
  }

  /** GET /api/v1/status/buildinfo: the server's version, or the DatasourceError that explains why not. */
  async check(): Promise<string> {
    const body = await this.get('status/buildinfo', new URLSearchParams());
    const data = (body as { data?: { version?: unknown } }).data;
    if (typeof data?.version !== 'string') throw new DatasourceError('not-prometheus', `${this.name} answered /api/v1/status/buildinfo without a version`);
    return data.version;
  }

  private async query(expr: string, endpoint: string, params: Record<string, string>): Promise<QueryResult> {
    const body = (await this.get(endpoint, new URLSearchParams(params), expr)) as { data?: unknown; warnings?: unknown; infos?: unknown };
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    try {
      return { value: decodeQueryData(body.data), warnings: strings(body.warnings), infos: strings(body.infos) };
    } catch (err) {
      if (err instanceof NotPrometheusError) throw new DatasourceError('not-prometheus', `${this.name}: ${err.message}`);
      throw err;
    }
  }

  /** The JSON of a successful answer; an API error becomes a PromQLError (positioned when the server says where). */
  private async get(endpoint: string, params: URLSearchParams, expr?: string): Promise<unknown> {
    const url = `${this.name}/api/v1/${endpoint}${params.size ? `?${params}` : ''}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, { headers: { Accept: 'application/json' } });
    } catch {
      throw await this.whyUnreachable(url);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new DatasourceError('not-prometheus', `${url} answered HTTP ${res.status} with something that is not JSON: is this a Prometheus server?`);
    }
    const b = body as { status?: unknown; error?: unknown };
    if (b.status === 'error' && typeof b.error === 'string') throw expr !== undefined && res.status === 400 ? serverError(expr, b.error) : new DatasourceError('http', `${url}: ${b.error}`);
    if (b.status !== 'success') throw new DatasourceError('not-prometheus', `${url} answered HTTP ${res.status} without Prometheus' {"status": …} envelope`);
    return body;
  }

  /** A failed fetch is either a server that does not answer or one whose answer the browser hid for lack of CORS headers. */
  private async whyUnreachable(url: string): Promise<DatasourceError> {
    try {
      await this.fetchFn(url, { mode: 'no-cors' });
    } catch {
      return new DatasourceError('unreachable', `${this.name} cannot be reached: is the server running, and is the URL right?`, { server: this.name });
    }
    const origin = globalThis.location?.origin ?? '.*';
    return new DatasourceError(
      'cors',
      `${this.name} answered, but the browser refused to show the answer to this page (CORS). Start Prometheus with --web.cors.origin='${origin}'.`,
      { server: this.name, origin },
    );
  }
}
