// The Prometheus HTTP API (web/api/v1/api.go) over the running Prometheus, answered in the page by the MSW service
// worker at http://localhost:9090, so `curl` from the lessons' terminal and any tool that speaks the API work.
// Request in, Response out: the same code answers msw/node in tests.

import { compareLabels, getLabel, labelsKey, labelsToRecord, type Labels } from '../model/labels/labels.ts';
import type { Matcher } from '../model/labels/matcher.ts';
import type { Config } from '../config/types.ts';
import { PromQLError, exprType, documentedType, formatExpr, parseExpr, type Expr, type QueryResult } from '../promql/index.ts';
import type { AlertmanagerStatus } from '../rules/notifier.ts';
import type { AlertStatus, RuleGroupStatus } from '../rules/types.ts';
import type { TargetStatus } from '../server/types.ts';
import type { MetricMetadata } from '../textparse/types.ts';
import type { Head } from '../tsdb/head.ts';
import type { Querier, Queryable } from '../storage/interface.ts';
import { effectiveConfigYaml } from '../config/effective.ts';
import { queryData } from './json.ts';
import { alertJSON, rulesData } from './rules.ts';
import { ParamError, parseDuration, parseMatchersParam, parseTime, parseTimeParam } from './params.ts';
import { alertmanagersData, BUILD_INFO, flagsData, runtimeInfoData, tsdbStatusData } from './status.ts';
import { targetsData, type DroppedTargetStatus } from './targets.ts';
import { servesPrometheusApi } from '../sim/address.ts';

/** What the API reads; the running Prometheus provides all of it. */
export interface ApiBackend {
  readonly clock: { now(): number };
  readonly head: Queryable & Pick<Head, 'status' | 'retentionMs'>;
  /** Virtual ms when this Prometheus started. */
  readonly startTime: number;
  readonly engine: {
    instantQueryResult(q: Queryable, query: string, timeMs: number): QueryResult;
    rangeQueryResult(q: Queryable, query: string, startMs: number, endMs: number, stepMs: number): QueryResult;
  };
  targets(): TargetStatus[];
  droppedTargets(): DroppedTargetStatus[];
  metadata(): Map<string, MetricMetadata[]>;
  readonly rules: { groups(): RuleGroupStatus[]; alerts(): AlertStatus[] };
  readonly notifier: { alertmanagers(): AlertmanagerStatus[] };
  /** The running config, parsed with defaults; null before the first successful load. */
  config(): Config | null;
  configText(): string;
  lastReload(): { ok: boolean; time: number };
}

type ErrorType = 'bad_data' | 'execution' | 'internal' | 'not_found';

const STATUS: Record<ErrorType, number> = { bad_data: 400, execution: 422, internal: 500, not_found: 404 };

class ApiError extends Error {
  constructor(
    readonly errorType: ErrorType,
    message: string,
  ) {
    super(message);
  }
}

const invalidParam = (name: string, err: unknown) =>
  new ApiError('bad_data', `invalid parameter ${JSON.stringify(name)}: ${err instanceof Error ? err.message : String(err)}`);


const HEADERS = {
  'Content-Type': 'application/json',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Accept, Authorization, Content-Type, Origin',
  'Access-Control-Expose-Headers': 'Date',
};

// Prometheus allows at most 11,000 points per series in a range query.
const MAX_POINTS = 11_000;

// The widest time range the API accepts, standing in for Go's minTime/maxTime defaults.
const MIN_TIME = -Number.MAX_SAFE_INTEGER;
const MAX_TIME = Number.MAX_SAFE_INTEGER;

/** A successful answer's data, with the warnings and infos Prometheus lists next to it. */
class Answer {
  constructor(
    readonly data: unknown,
    readonly warnings: readonly string[] = [],
    readonly infos: readonly string[] = [],
  ) {}
}

type Handler = (form: URLSearchParams, param: string) => unknown;

export class PrometheusApi {
  // Path, handler, and whether POST (a form body) is accepted besides GET, as Prometheus registers them.
  private readonly routes: [RegExp, Handler, boolean][] = [
    [/^\/api\/v1\/query$/, (f) => this.query(f), true],
    [/^\/api\/v1\/query_range$/, (f) => this.queryRange(f), true],
    [/^\/api\/v1\/series$/, (f) => this.series(f), true],
    [/^\/api\/v1\/labels$/, (f) => this.labelNames(f), true],
    [/^\/api\/v1\/label\/([^/]+)\/values$/, (f, name) => this.labelValues(f, name), false],
    [/^\/api\/v1\/targets$/, (f) => targetsData(f.get('state') ?? '', this.backend.targets(), this.backend.droppedTargets()), false],
    [/^\/api\/v1\/rules$/, (f) => rulesData(this.backend.rules.groups(), ruleType(f)), false],
    [/^\/api\/v1\/alerts$/, () => ({ alerts: this.backend.rules.alerts().map(alertJSON) }), false],
    [/^\/api\/v1\/metadata$/, (f) => this.metadata(f), false],
    [/^\/api\/v1\/alertmanagers$/, () => alertmanagersData(this.backend.notifier.alertmanagers()), false],
    [/^\/api\/v1\/format_query$/, (f) => formatExpr(parseQuery(f.get('query') ?? '')), true],
    [/^\/api\/v1\/status\/buildinfo$/, () => BUILD_INFO, false],
    [/^\/api\/v1\/status\/config$/, () => this.config(), false],
    [/^\/api\/v1\/status\/flags$/, () => flagsData(this.backend.head.retentionMs), false],
    [/^\/api\/v1\/status\/runtimeinfo$/, () => this.runtimeInfo(), false],
    [/^\/api\/v1\/status\/tsdb$/, (f) => tsdbStatusData(this.backend.head, tsdbLimit(f)), false],
  ];

  constructor(private readonly backend: ApiBackend) {}

  serves(url: string): boolean {
    return servesPrometheusApi(url);
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/-/healthy') return text(200, 'Prometheus Server is Healthy.\n');
    if (path === '/-/ready') return text(200, 'Prometheus Server is Ready.\n');
    const route = this.routes.find(([re]) => re.test(path));
    if (!route) return text(404, '404 page not found\n');
    if (request.method === 'OPTIONS') return json(200, { status: 'success', data: null });
    if (request.method !== 'GET' && !(request.method === 'POST' && route[2])) return text(405, 'Method Not Allowed\n');
    const form = new URLSearchParams(url.search);
    if (request.method === 'POST' && (request.headers.get('Content-Type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(await request.text())) form.append(k, v);
    }
    try {
      const param = pathParam(path.match(route[0])?.[1] ?? '');
      const out = route[1](form, param);
      const a = out instanceof Answer ? out : new Answer(out);
      return json(200, {
        status: 'success',
        data: a.data,
        ...(a.warnings.length ? { warnings: a.warnings } : {}),
        ...(a.infos.length ? { infos: a.infos } : {}),
      });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('internal', err instanceof Error ? err.message : String(err));
      return json(STATUS[e.errorType], { status: 'error', errorType: e.errorType, error: e.message });
    }
  }

  private query(form: URLSearchParams): unknown {
    const time = param(() => parseTimeParam(form, 'time', this.backend.clock.now()), 'time');
    const limit = limitParam(form);
    const query = form.get('query') ?? '';
    parseQuery(query);
    return answer(execute(() => this.backend.engine.instantQueryResult(this.backend.head, query, time)), limit);
  }

  private queryRange(form: URLSearchParams): unknown {
    const start = param(() => parseTime(form.get('start') ?? ''), 'start');
    const end = param(() => parseTime(form.get('end') ?? ''), 'end');
    if (end < start) throw invalidParam('end', 'end timestamp must not be before start time');
    // The engine steps in whole milliseconds, so a step below 1ms counts as zero.
    const step = Math.floor(param(() => parseDuration(form.get('step') ?? ''), 'step'));
    if (step <= 0) throw invalidParam('step', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
    const limit = limitParam(form);
    if ((end - start) / step > MAX_POINTS) {
      throw new ApiError('bad_data', 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
    }
    const query = form.get('query') ?? '';
    const type = exprType(parseQuery(query));
    if (type !== 'scalar' && type !== 'vector') {
      throw invalidParam('query', `invalid expression type ${JSON.stringify(documentedType(type))} for range query, must be Scalar or instant Vector`);
    }
    return answer(execute(() => this.backend.engine.rangeQueryResult(this.backend.head, query, start, end, step)), limit);
  }

  private series(form: URLSearchParams): unknown {
    const match = form.getAll('match[]');
    if (match.length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
    const [start, end] = this.timeRange(form);
    const sets = param(() => parseMatchersParam(match), 'match[]');
    const limit = limitParam(form);
    return truncated(this.selectLabels(sets, start, end).map(labelsToRecord), limit);
  }

  private labelNames(form: URLSearchParams): Answer {
    const [start, end] = this.timeRange(form);
    const sets = matcherSets(form);
    const limit = limitParam(form);
    if (sets.length === 0) return truncated(this.read((q) => q.labelNames()), limit);
    const names = new Set<string>();
    for (const ls of this.selectLabels(sets, start, end)) for (const l of ls) names.add(l.name);
    return truncated([...names].sort(), limit);
  }

  private labelValues(form: URLSearchParams, name: string): Answer {
    if (name === '') throw new ApiError('bad_data', `invalid label name: ${JSON.stringify(name)}`);
    const [start, end] = this.timeRange(form);
    const sets = matcherSets(form);
    const limit = limitParam(form);
    if (sets.length === 0) return truncated(this.read((q) => q.labelValues(name)), limit);
    const values = new Set<string>();
    for (const ls of this.selectLabels(sets, start, end)) {
      const v = getLabel(ls, name);
      if (v !== '') values.add(v);
    }
    return truncated([...values].sort(), limit);
  }

  /** /api/v1/status/config: the running config marshalled back to YAML with its defaults, like config.String(). */
  private config(): { yaml: string } {
    const loaded = this.backend.config();
    return { yaml: loaded ? effectiveConfigYaml(loaded) : this.backend.configText() };
  }

  private runtimeInfo(): Record<string, unknown> {
    const b = this.backend;
    return runtimeInfoData({
      startTime: b.startTime,
      now: b.clock.now(),
      reload: b.lastReload(),
      retentionMs: b.head.retentionMs,
      loops: b.targets().length + b.rules.groups().length,
    });
  }

  /** Per metric family, its distinct TYPE/HELP/UNIT; `metric` picks one, `limit` and `limit_per_metric` cap the answer. */
  private metadata(form: URLSearchParams): Record<string, unknown[]> {
    const limit = intParam(form, 'limit');
    const perMetric = intParam(form, 'limit_per_metric');
    const metric = form.get('metric') ?? '';
    const out: Record<string, unknown[]> = {};
    let n = 0;
    for (const [name, list] of [...this.backend.metadata()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (metric !== '' && name !== metric) continue;
      if (limit >= 0 && n >= limit) break;
      const entries = perMetric >= 0 ? list.slice(0, perMetric) : list;
      out[name] = entries.map((m) => ({ type: m.type, help: m.help, unit: m.unit }));
      n++;
    }
    return out;
  }

  private timeRange(form: URLSearchParams): [number, number] {
    const start = param(() => parseTimeParam(form, 'start', MIN_TIME), 'start');
    const end = param(() => parseTimeParam(form, 'end', MAX_TIME), 'end');
    return [start, end];
  }

  /** The label sets of series matching any of the sets and having samples in [start, end], sorted and deduplicated. */
  private selectLabels(sets: Matcher[][], start: number, end: number): Labels[] {
    const seen = new Map<string, Labels>();
    this.read((q) => {
      for (const set of sets) for (const s of q.select(set, { start, end })) seen.set(labelsKey(s.labels), s.labels);
    });
    return [...seen.values()].sort(compareLabels);
  }

  // One read of the head through a querier, closed after.
  private read<T>(f: (q: Querier) => T): T {
    const q = this.backend.head.querier();
    try {
      return f(q);
    } finally {
      q.close();
    }
  }
}

function pathParam(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ApiError('bad_data', `invalid URL escape ${JSON.stringify(s)}`);
  }
}

function param<T>(fn: () => T, name: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ParamError || err instanceof PromQLError) throw invalidParam(name, err);
    throw err;
  }
}

/** An integer parameter; absent or negative means no limit (-1). */
function intParam(form: URLSearchParams, name: string): number {
  const s = form.get(name);
  if (s === null || s === '') return -1;
  if (!/^-?\d+$/.test(s)) throw new ApiError('bad_data', `${name} must be a number`);
  return Number(s);
}

// Prometheus' warning when `limit` cut a result short.
const TRUNCATED = 'results truncated due to limit';

/** The `limit` of query, query_range, series, labels and label values: absent or 0 means no limit (parseLimitParam). */
function limitParam(form: URLSearchParams): number {
  const s = form.get('limit') ?? '';
  if (s === '') return 0;
  if (!/^[+-]?\d+$/.test(s)) throw invalidParam('limit', `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) throw invalidParam('limit', 'limit must be non-negative');
  return n;
}

/** The first `limit` items, with Prometheus' warning when there were more. */
function truncated<T>(items: T[], limit: number): Answer {
  return limit > 0 && items.length > limit ? new Answer(items.slice(0, limit), [TRUNCATED]) : new Answer(items);
}

/** The `limit` of /api/v1/status/tsdb: 10 by default, else a positive number. */
function tsdbLimit(form: URLSearchParams): number {
  const s = form.get('limit') ?? '';
  if (s === '') return 10;
  if (!/^[+-]?\d+$/.test(s) || Number(s) < 1) throw new ApiError('bad_data', 'limit must be a positive number');
  return Number(s);
}

/** The `type` filter of /api/v1/rules. */
function ruleType(form: URLSearchParams): 'alert' | 'record' | null {
  const s = (form.get('type') ?? '').toLowerCase();
  if (s === '') return null;
  if (s === 'alert' || s === 'record') return s;
  throw invalidParam('type', `not supported value ${JSON.stringify(s)}`);
}

function matcherSets(form: URLSearchParams): Matcher[][] {
  try {
    return parseMatchersParam(form.getAll('match[]'));
  } catch (err) {
    if (err instanceof ParamError || err instanceof PromQLError) throw new ApiError('bad_data', err.message);
    throw err;
  }
}

// Parsed here only to tell a bad query (bad_data) from a failed evaluation (execution); the engine gets the
// text, so its warnings can point into it.
function parseQuery(query: string): Expr {
  try {
    return parseExpr(query);
  } catch (err) {
    if (err instanceof PromQLError) throw invalidParam('query', err);
    throw err;
  }
}

/** The result as the API writes it; a positive `limit` keeps the first series of a vector or matrix, and says so. */
function answer(r: QueryResult, limit = 0): Answer {
  let value = r.value;
  let warnings = r.warnings;
  if (limit > 0) {
    if (value.type === 'vector' && value.samples.length > limit) value = { ...value, samples: value.samples.slice(0, limit) };
    else if (value.type === 'matrix' && value.series.length > limit) value = { ...value, series: value.series.slice(0, limit) };
    if (value !== r.value) warnings = [...warnings, TRUNCATED];
  }
  return new Answer(queryData(value), warnings, r.infos);
}

function execute(fn: () => QueryResult): QueryResult {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PromQLError) throw new ApiError('execution', err.message);
    throw err;
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

