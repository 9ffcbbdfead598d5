// Runs one promqltest script against our Head and Engine and reports every eval as passed or failed.

import { compareLabels, formatLabels, getLabel, labelsKey, type Labels } from '../../src/model/labels/labels.ts';
import { parser } from '@prometheus-io/lezer-promql';
import type { Expr } from '../../src/promql/parser/ast.ts';
import { Engine, parseExpr, type QueryResult, type Value } from '../../src/promql/index.ts';
import { Head } from '../../src/tsdb/head.ts';
import { QUERY_CONTEXT_FUNCS, atModifierCases } from './reruns.ts';
import { parseScript, type EvalCmd, type Expectation, type LoadCmd } from './script.ts';
import type { HistogramSpec, SequenceValue } from './series.ts';
import { FloatHistogram, type CounterResetHint } from '../../src/model/histogram/float_histogram.ts';
import { histogramString, histogramsAlmostEqual } from '../../src/model/histogram/string.ts';

export interface EvalResult {
  readonly line: number;
  readonly expr: string;
  /** Counted apart: the eval expects a native histogram or selects a series that holds them. */
  readonly native: boolean;
  /** Null when the eval passed, else why it failed. */
  readonly failure: string | null;
}

const EPSILON = 1e-6;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Prometheus' almost.Equal: relative tolerance, exact near zero, NaN equals NaN. */
export function almostEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < EPSILON * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < EPSILON;
}

export function toFloatHistogram(s: HistogramSpec): FloatHistogram {
  return new FloatHistogram(
    s.customValues.length ? -53 : s.schema,
    s.zeroThreshold,
    s.zeroCount,
    s.count,
    s.sum,
    s.offset,
    s.buckets.slice(),
    s.nOffset,
    s.nBuckets.slice(),
    s.customValues,
    (s.counterResetHint ?? 'unknown') as CounterResetHint,
  );
}

class Storage {
  head = new Head();
  /** Series that hold native histograms (counted apart as native cases). */
  histogramSeries: Labels[] = [];

  load(cmd: LoadCmd): void {
    for (const { labels, values, st } of cmd.series) {
      const ref = this.head.getOrCreate(labels);
      values.forEach((sv, i) => {
        const t = i * cmd.step;
        // An `@st` item is an offset from the sample's own time; `_` leaves the start timestamp unset.
        const offset = st?.[i];
        const start = offset === undefined || offset === null ? undefined : t + offset;
        if (sv.kind === 'float') this.head.append(ref, t, sv.v, start);
        else if (sv.kind === 'stale') this.head.appendStale(ref, t);
        else if (sv.kind === 'histogram') this.head.appendHistogram(ref, t, toFloatHistogram(sv.h), start);
      });
      if (values.some((sv) => sv.kind === 'histogram')) this.histogramSeries.push(labels);
    }
    if (cmd.withNHCB) this.loadNHCB(cmd);
  }

  // Classic histograms also become custom-bucket native histograms under the base name, without `le`, as
  // promqltest's load_with_nhcb converts them.
  private loadNHCB(cmd: LoadCmd): void {
    interface Group {
      labels: Labels;
      buckets: { le: number; values: SequenceValue[] }[];
      sum?: SequenceValue[];
      count?: SequenceValue[];
    }
    const groups = new Map<string, Group>();
    for (const { labels, values } of cmd.series) {
      const m = /^(.*)_(bucket|count|sum)$/.exec(getLabel(labels, '__name__'));
      if (!m) continue;
      const base = labels.filter((l) => l.name !== 'le').map((l) => (l.name === '__name__' ? { name: l.name, value: m[1] } : l));
      const key = labelsKey(base);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { labels: base, buckets: [] }));
      if (m[2] === 'bucket') {
        const le = getLabel(labels, 'le');
        const bound = le.toLowerCase() === '+inf' ? Infinity : Number(le);
        if (le !== '' && !Number.isNaN(bound)) g.buckets.push({ le: bound, values });
      } else if (m[2] === 'sum') g.sum = values;
      else g.count = values;
    }
    for (const g of groups.values()) {
      this.histogramSeries.push(g.labels);
      if (g.buckets.length === 0) continue;
      g.buckets.sort((a, b) => a.le - b.le);
      const bounds = g.buckets.map((b) => b.le).filter((le) => le !== Infinity);
      const n = Math.max(...g.buckets.map((b) => b.values.length));
      const ref = this.head.getOrCreate(g.labels);
      for (let i = 0; i < n; i++) {
        const cum = g.buckets.map((b) => b.values[i]);
        if (cum.some((v) => !v || v.kind !== 'float')) continue;
        const counts = cum.map((v) => (v as { v: number }).v);
        if (bounds.length === counts.length) counts.push(counts[counts.length - 1]); // no +Inf bucket
        const buckets = counts.map((c, k) => (k === 0 ? c : c - counts[k - 1]));
        const num = (vs: SequenceValue[] | undefined): number | null => (vs?.[i]?.kind === 'float' ? (vs[i] as { v: number }).v : null);
        const count = num(g.count) ?? counts[counts.length - 1];
        const h = new FloatHistogram(-53, 0, 0, count, num(g.sum) ?? 0, 0, buckets, 0, [], bounds);
        this.head.appendHistogram(ref, i * cmd.step, h);
      }
    }
  }

  // Read from lezer's tree rather than our AST, so the count stays put while the parser learns more syntax.
  selectsHistograms(expr: string): boolean {
    if (this.histogramSeries.length === 0) return false;
    let found = false;
    parser.parse(expr).iterate({
      enter: (n) => {
        if (found || n.name !== 'VectorSelector') return !found;
        let sel: Expr;
        try {
          sel = parseExpr(expr.slice(n.from, n.to));
        } catch {
          return false;
        }
        if (sel.type !== 'VectorSelector') return false;
        found = this.histogramSeries.some((ls) => sel.matchers.every((m) => m.matches(getLabel(ls, m.name))));
        return false;
      },
    });
    return found;
  }
}

function fmtValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

// The expected points of a sequence on the grid start, start+step, ...; omitted positions expect nothing.
function expectedPoints(values: SequenceValue[], start: number, step: number): { t: number; v: SequenceValue }[] {
  const out: { t: number; v: SequenceValue }[] = [];
  values.forEach((v, i) => {
    if (v.kind !== 'omitted') out.push({ t: start + i * step, v });
  });
  return out;
}

function valueMatches(exp: SequenceValue, got: number, h?: FloatHistogram): boolean {
  if (exp.kind === 'histogram') return h !== undefined && histogramsAlmostEqual(toFloatHistogram(exp.h), h, almostEqual);
  if (h) return false;
  if (exp.kind === 'float') return almostEqual(exp.v, got);
  if (exp.kind === 'stale') return Number.isNaN(got);
  return false;
}

function fmtPoint(v: number, h?: FloatHistogram): string {
  return h ? histogramString(h) : fmtValue(v);
}

function describe(exp: SequenceValue): string {
  return exp.kind === 'float' ? fmtValue(exp.v) : exp.kind === 'histogram' ? histogramString(toFloatHistogram(exp.h)) : exp.kind;
}

/** Compares a query result with the eval's expectation; returns a reason for a mismatch, or null. */
function compareResult(cmd: EvalCmd, res: Value): string | null {
  if (cmd.expectedString !== null) {
    if (res.type !== 'string') return `expected string, got ${res.type}`;
    return res.v === cmd.expectedString ? null : `expected string ${JSON.stringify(cmd.expectedString)}, got ${JSON.stringify(res.v)}`;
  }
  if (cmd.scalar !== null) {
    if (res.type !== 'scalar') return `expected scalar ${fmtValue(cmd.scalar)}, got ${res.type}`;
    return almostEqual(cmd.scalar, res.v) ? null : `expected scalar ${fmtValue(cmd.scalar)}, got ${fmtValue(res.v)}`;
  }
  const expected = new Map(cmd.series.map((s) => [labelsKey(s.labels), s]));
  if (res.type === 'matrix') {
    if (!cmd.range && !cmd.expectRangeVector) return 'expected an instant vector, got a range vector';
    for (let i = 1; i < res.series.length; i++) {
      if (compareLabels(res.series[i - 1].metric, res.series[i].metric) >= 0) return 'range result is not sorted by labels';
    }
    for (const s of res.series) {
      const exp = expected.get(labelsKey(s.metric));
      if (!exp) return `unexpected series ${formatLabels(s.metric)} in the result`;
      const points = expectedPoints(exp.values, cmd.start, cmd.step);
      const got = s.t.map((t, i) => `${t}:${fmtPoint(s.v[i], s.h?.[i])}`).join(' ');
      const want = points.map((p) => `${p.t}:${describe(p.v)}`).join(' ');
      if (points.length !== s.t.length) return `${formatLabels(s.metric)}: expected ${want}, got ${got}`;
      for (let i = 0; i < points.length; i++) {
        if (points[i].t !== s.t[i] || !valueMatches(points[i].v, s.v[i], s.h?.[i])) return `${formatLabels(s.metric)}: expected ${want}, got ${got}`;
      }
    }
    if (res.series.length !== expected.size) {
      const got = new Set(res.series.map((s) => labelsKey(s.metric)));
      const missing = cmd.series.filter((s) => !got.has(labelsKey(s.labels))).map((s) => formatLabels(s.labels));
      return `missing series in the result: ${missing.join(', ')}`;
    }
    return null;
  }
  if (res.type !== 'vector') return `expected a vector, got ${res.type}`;
  if (cmd.range || cmd.expectRangeVector) return 'expected a range vector, got an instant vector';
  const ordered = cmd.expects.some((e) => e.kind === 'ordered');
  const seen = new Set<string>();
  for (let i = 0; i < res.samples.length; i++) {
    const s = res.samples[i];
    const key = labelsKey(s.metric);
    const exp = expected.get(key);
    if (!exp) return `unexpected sample ${formatLabels(s.metric)} ${fmtPoint(s.v, s.h)} in the result`;
    if (ordered && exp.pos !== i + 1) return `expected ${formatLabels(s.metric)} at position ${exp.pos}, got it at ${i + 1}`;
    if (!valueMatches(exp.values[0], s.v, s.h)) return `${formatLabels(s.metric)}: expected ${describe(exp.values[0])}, got ${fmtPoint(s.v, s.h)}`;
    seen.add(key);
  }
  if (seen.size !== expected.size) {
    const missing = cmd.series.filter((s) => !seen.has(labelsKey(s.labels))).map((s) => formatLabels(s.labels));
    return `missing samples in the result: ${missing.join(', ')}`;
  }
  return null;
}

function matches(e: Expectation, text: string): boolean {
  if (e.regex) return e.regex.test(text);
  return e.msg === undefined || e.msg === text;
}

// The annotation rules of promqltest: each expected one must be present; once any is expected, every
// annotation of that kind must be expected; `no_warn`/`no_info` allow none.
function checkAnnotations(cmd: EvalCmd, kind: 'warn' | 'info', got: string[]): string | null {
  const wanted = cmd.expects.filter((e) => e.kind === kind);
  const none = cmd.expects.some((e) => e.kind === `no_${kind}`);
  if (none && got.length > 0) return `expected no ${kind} annotation, got ${JSON.stringify(got)}`;
  for (const w of wanted) {
    if (!got.some((g) => matches(w, g))) {
      return `expected a ${kind} annotation${w.msg ? ` ${JSON.stringify(w.msg)}` : w.regex ? ` matching ${w.regex}` : ''}, got ${JSON.stringify(got)}`;
    }
  }
  if (wanted.length > 0) {
    const extra = got.find((g) => !wanted.some((w) => matches(w, g)));
    if (extra) return `unexpected ${kind} annotation ${JSON.stringify(extra)}`;
  }
  return null;
}

// One query of an eval: its error, result and annotations against the expectations.
function runQuery(cmd: EvalCmd, run: () => QueryResult): { failure: string | null; value: Value | null } {
  const fail = cmd.expects.find((e) => e.kind === 'fail');
  let res: QueryResult;
  try {
    res = run();
  } catch (e) {
    const msg = (e as Error).message;
    if (!fail) return { failure: `unexpected error: ${msg}`, value: null };
    return { failure: matches(fail, msg) ? null : `expected error ${fail.msg ?? fail.regex}, got ${JSON.stringify(msg)}`, value: null };
  }
  if (fail) return { failure: 'expected an error, the query succeeded', value: null };
  const failure = compareResult(cmd, res.value) ?? checkAnnotations(cmd, 'warn', res.warnings) ?? checkAnnotations(cmd, 'info', res.infos);
  return { failure, value: res.value };
}

// The middle step of a range query from t-1m to t+1m must equal the instant result.
function rangeModeCheck(engine: Engine, storage: Storage, cmd: EvalCmd, expr: string, t: number, instant: Value): string | null {
  let res: Value;
  try {
    res = engine.rangeQuery(storage.head, expr, t - 60_000, t + 60_000, 60_000);
  } catch (e) {
    return `range mode: unexpected error: ${(e as Error).message}`;
  }
  if (res.type !== 'matrix') return `range mode: expected a matrix, got ${res.type}`;
  const samples = res.series.flatMap((s) => {
    const i = s.t.indexOf(t);
    return i < 0 ? [] : [{ metric: s.metric, t, v: s.v[i], h: s.h?.[i] }];
  });
  const value: Value = instant.type === 'scalar' ? { type: 'scalar', t, v: samples[0]?.v ?? NaN } : { type: 'vector', samples };
  const mismatch = compareResult(cmd, value);
  return mismatch && `range mode: ${mismatch}`;
}

function runInstant(engine: Engine, storage: Storage, cmd: EvalCmd, expr: string, t: number): string | null {
  const { failure, value } = runQuery(cmd, () => engine.instantQueryResult(storage.head, expr, t));
  if (failure || !value) return failure;
  const excluded = cmd.expectRangeVector || cmd.expectedString !== null || cmd.expects.some((e) => e.kind === 'ordered');
  if (excluded || QUERY_CONTEXT_FUNCS.test(expr)) return null;
  return rangeModeCheck(engine, storage, cmd, expr, t, value);
}

function runEval(engine: Engine, storage: Storage, cmd: EvalCmd): string | null {
  if (cmd.range) return runQuery(cmd, () => engine.rangeQueryResult(storage.head, cmd.expr, cmd.start, cmd.end, cmd.step)).failure;
  const first = runInstant(engine, storage, cmd, cmd.expr, cmd.end);
  if (first) return first;
  for (const rerun of atModifierCases(cmd.expr, cmd.end)) {
    const failure = runInstant(engine, storage, cmd, rerun.expr, rerun.at);
    if (failure) return `with ${rerun.expr} at ${rerun.at}ms: ${failure}`;
  }
  return null;
}

/** Runs every command of a script; a script that does not parse throws. */
export function runScript(source: string): EvalResult[] {
  const engine = new Engine({ lookbackDelta: 5 * 60_000, maxSamples: 10_000, noStepSubqueryInterval: 60_000 });
  let storage = new Storage();
  const results: EvalResult[] = [];
  for (const cmd of parseScript(source)) {
    if (cmd.kind === 'clear') storage = new Storage();
    else if (cmd.kind === 'load') storage.load(cmd);
    else {
      const native = cmd.series.some((s) => s.values.some((v) => v.kind === 'histogram')) || storage.selectsHistograms(cmd.expr);
      let failure: string | null;
      try {
        failure = runEval(engine, storage, cmd);
      } catch (e) {
        failure = `runner error: ${(e as Error).message}`;
      }
      results.push({ line: cmd.line, expr: cmd.expr, native, failure });
    }
  }
  return results;
}
