// Grading a diagnosis by the signals themselves: the evidence query is run over the drill's history and must show
// the change at the fault on the faulty component; a log line must be one the component printed since the fault;
// a wrong component or cause is answered with the signal that contradicts it.

import { formatLabels, getLabel, type Labels } from '../model/labels/labels.ts';
import type { LogEntry, LogQuery } from '../logs/store.ts';
import { PromQLError, type Value } from '../promql/value.ts';
import { changes, type SeriesChange } from './anomaly.ts';
import type { Anomaly, Drill, Localized } from './types.ts';
import type { Diagnosis, GraphLink, Reason } from './view.ts';

export interface Container {
  name: string;
  service: string;
  ip: string;
  hostname: string;
}

/** What grading reads: the head through range queries, the logs, and where the drill stands. */
export interface GradeContext {
  drill: Drill;
  rangeQuery(expr: string, start: number, end: number, step: number): Value;
  instantQuery(expr: string, t: number): Value;
  logs(q: LogQuery): LogEntry[];
  /** The containers that count as the faulty component (every replica when the whole service is meant). */
  culprits: Container[];
  historyFrom: number;
  faultAt: number;
  now: number;
}

const ANOMALY_TEXT: Record<Anomaly, Localized> = {
  rise: { ko: '상승', en: 'a rise' },
  fall: { ko: '하락', en: 'a fall' },
  appear: { ko: '새로 나타남', en: 'appearing' },
  vanish: { ko: '사라짐', en: 'vanishing' },
};

/** A step that keeps a range query near 200 points, at least 5s. */
export function stepFor(start: number, end: number): number {
  return Math.max(5000, Math.ceil((end - start) / 200 / 5000) * 5000);
}

/** The names an instance goes by: container name, hostname, IP, and the compose service for static targets. */
function isInstance(c: Container, name: string): boolean {
  const host = name.trim().replace(/:\d+$/, '');
  return [c.name, c.hostname, c.ip, c.service].includes(host);
}

export function graph(ctx: GradeContext, expr: string): GraphLink {
  return { expr, start: ctx.historyFrom, end: ctx.now };
}

/** Runs `expr` over the drill's history; throws PromQLError as the engine does. */
export function seriesChanges(ctx: GradeContext, expr: string): SeriesChange[] {
  const step = stepFor(ctx.historyFrom, ctx.now);
  const v = ctx.rangeQuery(expr, ctx.historyFrom, ctx.now, step);
  if (v.type !== 'matrix') return [];
  return changes(v.series, ctx.faultAt, step, ctx.now);
}

/** Does a series belong to the faulty component, as far as its labels tell? */
function onCulprit(ctx: GradeContext, metric: Labels): boolean {
  for (const [k, want] of Object.entries(ctx.drill.evidence.query.labels)) {
    const have = getLabel(metric, k);
    if (have !== '' && have !== want) return false;
  }
  const instance = getLabel(metric, 'instance');
  return instance === '' || ctx.culprits.some((c) => isInstance(c, instance));
}

function range(c: { min: number; max: number }): string {
  if (Number.isNaN(c.min)) return '—';
  const f = (x: number) => (Math.abs(x) >= 1000 || Number.isInteger(x) ? String(Math.round(x)) : x.toPrecision(3));
  return c.min === c.max ? f(c.min) : `${f(c.min)}…${f(c.max)}`;
}

function describe(c: SeriesChange): Localized {
  const what = c.shows.length ? c.shows.map((a) => ANOMALY_TEXT[a]) : [{ ko: '변화 없음', en: 'no change' }];
  return {
    ko: `${formatLabels(c.metric)}: 장애 전 ${range(c.before)}, 장애 후 ${range(c.since)} (${what.map((w) => w.ko).join(', ')})`,
    en: `${formatLabels(c.metric)}: before the fault ${range(c.before)}, since ${range(c.since)} (${what.map((w) => w.en).join(', ')})`,
  };
}

function join(parts: Localized[], sep = ' '): Localized {
  return { ko: parts.map((p) => p.ko).join(sep), en: parts.map((p) => p.en).join(sep) };
}

export function gradeComponent(ctx: GradeContext, d: Diagnosis): Reason | null {
  const spec = ctx.drill.component;
  const serviceOk = d.service === spec.service;
  const named = ctx.culprits.some((c) => isInstance(c, d.instance));
  const instanceOk = spec.replica === 'any' ? d.instance.trim() === '' || named : named;
  if (serviceOk && instanceOk) return null;
  // Name where the change is instead, from the drill's own evidence.
  const expr = ctx.drill.evidence.query.example;
  const shown = seriesChanges(ctx, expr).filter((c) => c.shows.some((a) => ctx.drill.evidence.query.shows.includes(a)) && onCulprit(ctx, c.metric));
  const where = shown.length ? describe(shown[0]) : { ko: expr, en: expr };
  const chosen = `${d.service}${d.instance.trim() ? ` ${d.instance.trim()}` : ''}`;
  const head: Localized = serviceOk
    ? { ko: `${chosen}: ${d.service}의 다른 인스턴스입니다. 변화가 보이는 시리즈는`, en: `${chosen}: another instance of ${d.service}. The change shows on` }
    : { ko: `${chosen}에서는 장애 신호가 보이지 않습니다. 변화가 보이는 시리즈는`, en: `${chosen} shows no sign of the incident. The change shows on` };
  return { field: 'component', text: join([head, where]), link: graph(ctx, expr) };
}

export function gradeEvidence(ctx: GradeContext, d: Diagnosis): Reason | null {
  if (d.query.trim() !== '') return gradeQuery(ctx, d.query.trim());
  if (d.log.trim() !== '') return gradeLog(ctx, d.log.trim());
  return { field: 'evidence', text: { ko: '증거가 없습니다: PromQL 쿼리나 로그 한 줄을 붙이세요.', en: 'No evidence: give a PromQL query or a log line.' } };
}

function gradeQuery(ctx: GradeContext, expr: string): Reason | null {
  const spec = ctx.drill.evidence.query;
  let all: SeriesChange[];
  try {
    all = seriesChanges(ctx, expr);
  } catch (err) {
    if (!(err instanceof PromQLError)) throw err;
    const at = err.position ? { ko: ` (${err.position.start + 1}번째 글자)`, en: ` (at character ${err.position.start + 1})` } : { ko: '', en: '' };
    return { field: 'evidence', text: { ko: `쿼리 오류${at.ko}: ${err.message}`, en: `Query error${at.en}: ${err.message}` } };
  }
  const link = graph(ctx, expr);
  if (all.length === 0) return { field: 'evidence', text: { ko: '쿼리 결과가 훈련 기간 내내 비어 있습니다.', en: 'The query returns nothing over the drill’s history.' }, link };
  const mine = all.filter((c) => onCulprit(ctx, c.metric));
  if (mine.length === 0) {
    return {
      field: 'evidence',
      text: join([{ ko: '쿼리의 시리즈가 장애 난 구성 요소의 것이 아닙니다:', en: 'The query’s series are not about the faulty component:' }, { ko: formatLabels(all[0].metric), en: formatLabels(all[0].metric) }]),
      link,
    };
  }
  if (mine.some((c) => c.shows.some((a) => spec.shows.includes(a)))) return null;
  const want = spec.shows.map((a) => ANOMALY_TEXT[a]);
  return {
    field: 'evidence',
    text: join([
      { ko: `장애 시점 전후로 보여야 할 변화(${want.map((w) => w.ko).join('·')})가 없습니다 —`, en: `The query shows no ${want.map((w) => w.en).join(' or ')} at the fault —` },
      describe(mine[0]),
    ]),
    link,
  };
}

function gradeLog(ctx: GradeContext, text: string): Reason | null {
  const spec = ctx.drill.evidence.log;
  const found = ctx.logs({ from: ctx.faultAt, to: ctx.now, contains: text }).filter((e) => e.line.toLowerCase().includes(text.toLowerCase()));
  if (found.length === 0) {
    return { field: 'evidence', text: { ko: '장애 이후 어느 컨테이너의 로그에도 이 줄이 없습니다.', en: 'No container logged this line since the fault.' } };
  }
  const names = ctx.culprits.map((c) => c.name);
  const mine = found.filter((e) => names.includes(e.container));
  if (mine.length === 0) {
    return { field: 'evidence', text: { ko: `이 줄은 ${found[0].container}의 로그입니다. 장애 난 구성 요소의 로그가 아닙니다.`, en: `This line is from ${found[0].container}, not from the faulty component.` } };
  }
  if (spec && mine.some((e) => new RegExp(spec.pattern).test(e.line))) return null;
  return { field: 'evidence', text: { ko: '이 줄은 평소에도 찍히는 줄로, 장애를 보여 주지 않습니다.', en: 'This line is logged in normal operation too; it does not show the incident.' } };
}

export function gradeCause(ctx: GradeContext, d: Diagnosis): Reason | null {
  if (d.cause === ctx.drill.cause) return null;
  const cause = ctx.drill.causes.find((c) => c.id === d.cause);
  if (!cause?.contradiction) return { field: 'cause', text: { ko: `알 수 없는 원인: ${d.cause}`, en: `Unknown cause: ${d.cause}` } };
  const c = cause.contradiction;
  const seen = seriesChanges(ctx, c.query).filter((s) => onCulprit(ctx, s.metric) || c.shows.length > 0);
  const detail = seen.length ? [describe(seen[0])] : [];
  return { field: 'cause', text: join([c.text, ...detail]), link: graph(ctx, c.query) };
}

/** For config faults: the fix must be running, shown by the drill's resolved query returning something now. */
export function gradeFix(ctx: GradeContext): Reason | null {
  const r = ctx.drill.resolved;
  if (!r) return null;
  const v = ctx.instantQuery(r.query, ctx.now);
  const ok = v.type === 'vector' ? v.samples.length > 0 : v.type === 'scalar' ? !Number.isNaN(v.v) : true;
  return ok ? null : { field: 'fix', text: r.text, link: graph(ctx, r.query) };
}

/** Does a contradiction hold over the drill's history? (The walks prove each one.) */
export function contradictionHolds(ctx: GradeContext, causeId: string): boolean {
  const c = ctx.drill.causes.find((x) => x.id === causeId)?.contradiction;
  if (!c) return false;
  const seen = seriesChanges(ctx, c.query);
  if (seen.length === 0) return false;
  const shows = new Set(seen.flatMap((s) => s.shows));
  return c.shows.every((a) => shows.has(a)) && c.not.every((a) => !shows.has(a));
}
