// The query engine: evaluates an AST over a range of steps like Prometheus' evaluator in promql/engine.go.
// Every selector is selected once for the whole range; steps then walk the selected typed arrays.

import { compareLabels } from '../../model/labels/labels.ts';
import type { Querier, SeriesData } from '../../tsdb/head.ts';
import { children, exprType, isSetOp, isTrimOp, type AggregateExpr, type BinaryExpr, type Call, type Expr, type MatrixSelector, type SubqueryExpr, type VectorSelector } from '../parser/ast.ts';
import { dependsOnQuery, evalDuration, type DurationContext, type DurationExpr } from '../parser/duration.ts';
import { parseExpr } from '../parser/parse.ts';
import type { FloatHistogram } from '../../model/histogram/float_histogram.ts';
import { PromQLError, type QueryResult, type Sample, type Series, type Value } from '../value.ts';
import { Annotations } from './annotations.ts';
import { aggregate } from './aggregation.ts';
import { aggregateColumns, columnar, topkColumns } from './columnar.ts';
import { joinSeries } from './join.ts';
import { checkExtendedFunction, extendFloats, extendedRate } from './extended.ts';
import { enrich, infoSpec } from './info.ts';
import { dropName } from './labelcache.ts';
import {
  SeriesCollector,
  lowerBound,
  mergeSeries,
  resultSeries,
  resultVector,
  vectorAt,
  withoutStale,
  hasHistograms,
  floatsOnly,
  floatSteps,
  type RangeSeries,
  type StepSeries,
} from './series.ts';
import { applyOp, vectorAnd, vectorBinop, vectorOr, vectorScalarBinop, vectorUnless } from './binary.ts';
import { KEEPS_METRIC_NAME, RANGE_FUNCTIONS, type Window } from './range_functions.ts';
import { VECTOR_FUNCTIONS, absentLabels, type StepArg } from './vector_functions.ts';
import { HISTOGRAM_RANGE_FUNCTIONS, extendedHistogramRate, interpolateHistogram, metricName, mixedExpCustom, mixedFloatsHistograms, rangeOverHistograms, type Point } from './histogram_functions.ts';
import { HISTOGRAM_AWARE, histogramVectorFunction } from './histogram_vector.ts';

export interface EngineOptions {
  /** How far back an instant vector selector looks for the latest sample (ms). */
  lookbackDelta?: number;
  /** Upper bound on samples loaded by one query. */
  maxSamples?: number;
  /** Step of subqueries written without one, like Prometheus' global evaluation interval (ms). */
  noStepSubqueryInterval?: number;
  /** Real milliseconds a query may run, like --query.timeout; the page sets it short so it never hangs. */
  timeoutMs?: number;
}

interface QueryContext {
  readonly querier: Querier;
  readonly queryStart: number;
  readonly queryEnd: number;
  /** The range query's step; 0 for an instant query. */
  readonly queryStep: number;
  readonly lookbackDelta: number;
  readonly maxSamples: number;
  readonly noStepSubqueryInterval: number;
  /** performance.now() after which evaluation stops with Prometheus' timeout error. */
  readonly deadline: number;
  readonly annotations: Annotations;
  /** Selectors read as by Prometheus' HistogramStatsIterator (under histogram_count/sum/avg), which keeps "reset" hints. */
  readonly statsSelectors: WeakSet<VectorSelector>;
  samples: number;
}

const STATS_FUNCTIONS = new Set(['histogram_count', 'histogram_sum', 'histogram_avg']);

function statsSelectors(e: Expr, out = new WeakSet<VectorSelector>(), under = false): WeakSet<VectorSelector> {
  if (e.type === 'VectorSelector' && under) out.add(e);
  const inside = under || (e.type === 'Call' && STATS_FUNCTIONS.has(e.func.name));
  for (const c of children(e)) statsSelectors(c, out, inside);
  return out;
}

// Counter resets read back as unknown hints outside histogram_count/sum/avg (prometheus/prometheus#15346).
function withoutResetHints(s: SeriesData): SeriesData {
  if (!s.h || !s.h.some((h) => h?.hint === 'reset')) return s;
  return {
    ...s,
    h: s.h.map((h) => {
      if (h?.hint !== 'reset') return h;
      const c = h.copy();
      c.hint = 'unknown';
      return c;
    }),
  };
}

function unwrapParens(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

class Evaluator {
  constructor(
    private readonly ctx: QueryContext,
    readonly start: number,
    readonly end: number,
    readonly interval: number,
  ) {}

  // Every node's evaluation starts here, so a query that runs past its deadline stops at the next node.
  private steps(): number {
    this.checkDeadline();
    return Math.floor((this.end - this.start) / this.interval) + 1;
  }

  private count(n: number): void {
    this.ctx.samples += n;
    if (this.ctx.samples > this.ctx.maxSamples) {
      throw new PromQLError('query processing would load too many samples into memory in query execution');
    }
    this.checkDeadline();
  }

  private checkDeadline(): void {
    if (performance.now() > this.ctx.deadline) throw new PromQLError('query timed out in expression evaluation');
  }

  // The reference time of a step for a node with an @ modifier.
  private refTime(e: VectorSelector | SubqueryExpr, ts: number): number {
    if (e.timestamp !== null) return e.timestamp;
    if (e.startOrEnd === 'start') return this.ctx.queryStart;
    if (e.startOrEnd === 'end') return this.ctx.queryEnd;
    return ts;
  }

  private refBounds(e: VectorSelector | SubqueryExpr): [number, number] {
    return [this.refTime(e, this.start), this.refTime(e, this.end)];
  }

  /** Evaluates a scalar or instant-vector expression to one series per label set across all steps. */
  eval(e: Expr): StepSeries[] {
    switch (e.type) {
      case 'NumberLiteral':
        return [this.constant(e.value)];
      case 'ParenExpr':
        return this.eval(e.expr);
      case 'VectorSelector':
        return this.vectorSelector(e, false);
      case 'UnaryExpr': {
        const inner = this.eval(e.expr);
        if (e.op === '+') return inner;
        if (exprType(e.expr) === 'scalar') return inner.map((s) => ({ metric: s.metric, t: s.t, v: s.v.map((x) => -x) }));
        return this.rangeEval([e.expr], (args, ts) => (args[0] as Sample[]).map((s) => (s.h ? { metric: dropName(s.metric), t: ts, v: NaN, h: s.h.mul(-1) } : { metric: dropName(s.metric), t: ts, v: -s.v })));
      }
      case 'BinaryExpr':
        return this.binary(e);
      case 'AggregateExpr':
        return this.aggregation(e);
      case 'Call':
        return this.call(e);
      case 'StringLiteral':
      case 'MatrixSelector':
      case 'SubqueryExpr':
        throw new PromQLError(`unexpected ${exprType(e) === 'string' ? 'string' : 'range vector'} in instant evaluation`);
    }
  }

  private constant(v: number): StepSeries {
    const n = this.steps();
    const t: number[] = new Array(n);
    for (let i = 0; i < n; i++) t[i] = this.start + i * this.interval;
    return { metric: [], t, v: new Array(n).fill(v) };
  }

  private select(vs: VectorSelector, mint: number, maxt: number): SeriesData[] {
    let series = this.ctx.querier.select(vs.matchers, mint, maxt);
    if (!this.ctx.statsSelectors.has(vs)) series = series.map(withoutResetHints);
    series.sort((a, b) => compareLabels(a.labels, b.labels));
    let n = 0;
    for (const s of series) n += s.t.length;
    this.count(n);
    return series;
  }

  // Instant vector selector: per step, the latest sample in (t - lookback, t], unless it is a staleness marker.
  // With asTimestamp, the value is the sample's own timestamp in seconds (for timestamp()); with asStart, its
  // start timestamp in seconds, 0 where it has none (for start_timestamp()).
  private vectorSelector(vs: VectorSelector, asTimestamp: boolean, asStart = false): StepSeries[] {
    const [firstRef, lastRef] = this.refBounds(vs);
    const lookback = this.ctx.lookbackDelta;
    // A smoothed selector also needs the next sample after each step, to interpolate towards it.
    const ahead = vs.smoothed ? lookback : 0;
    const data = this.select(vs, Math.min(firstRef, lastRef) - vs.offset - lookback + 1, Math.max(firstRef, lastRef) - vs.offset + ahead);
    const n = this.steps();
    const out: StepSeries[] = [];
    for (const s of data) {
      const res: StepSeries = { metric: s.labels, t: [], v: [] };
      const hs = asTimestamp ? undefined : s.h;
      if (hs) res.h = [];
      let j = 0;
      for (let k = 0; k < n; k++) {
        const ts = this.start + k * this.interval;
        const at = this.refTime(vs, ts) - vs.offset;
        if (j > 0 && s.t[j - 1] > at) j = 0;
        while (j < s.t.length && s.t[j] <= at) j++;
        const i = j - 1;
        if (i < 0 || s.t[i] <= at - lookback || s.stale[i]) continue;
        if (hs) {
          const nx = i + 1;
          const between = vs.smoothed && s.t[i] < at && nx < s.t.length && s.t[nx] <= at + lookback && !s.stale[nx];
          // Smoothing between a float and a histogram, or exponential and custom buckets, gives nothing.
          if (between && !hs[i] !== !hs[nx]) {
            this.ctx.annotations.warn(mixedFloatsHistograms(metricName(s.labels)), vs.pos);
            continue;
          }
          if (hs[i]) {
            let h = hs[i];
            if (between) {
              if (hs[i]!.usesCustomBuckets() !== hs[nx]!.usesCustomBuckets()) {
                this.ctx.annotations.warn(mixedExpCustom(metricName(s.labels)), vs.pos);
                continue;
              }
              h = interpolateHistogram(s.t[i], hs[i]!, s.t[nx], hs[nx]!, at, hs[i]!.hint !== 'gauge');
            }
            res.t.push(ts);
            res.h!.push(h);
            res.v.push(NaN);
            continue;
          }
          res.h!.push(undefined);
        }
        res.t.push(ts);
        const next = i + 1;
        if (vs.smoothed && !asTimestamp && s.t[i] < at && next < s.t.length && s.t[next] <= at + lookback && !s.stale[next]) {
          res.v.push(s.v[i] + ((s.v[next] - s.v[i]) * (at - s.t[i])) / (s.t[next] - s.t[i]));
        } else res.v.push(asStart ? (s.st ? s.st[i] : 0) / 1000 : asTimestamp ? s.t[i] / 1000 : s.v[i]);
      }
      if (res.t.length > 0) out.push(res);
    }
    this.count(out.reduce((a, s) => a + s.t.length, 0));
    return out;
  }

  /**
   * Runs fn once per step on the arguments' values at that step (instant vectors, scalars, strings), like
   * rangeEval in Prometheus, and collects the outputs into series.
   */
  private rangeEval(
    args: readonly Expr[],
    fn: (args: StepArg[], ts: number) => Sample[],
    evaluated: readonly (StepSeries[] | undefined)[] = [],
  ): StepSeries[] {
    const types = args.map(exprType);
    // Arguments already evaluated by the caller are not evaluated again.
    const mats = args.map((a, i) => (types[i] === 'string' ? null : (evaluated[i] ?? this.eval(a))));
    const cursors = mats.map((m) => (m ? new Int32Array(m.length) : null));
    const collector = new SeriesCollector();
    const n = this.steps();
    for (let k = 0; k < n; k++) {
      const ts = this.start + k * this.interval;
      const stepArgs: StepArg[] = args.map((a, i) => {
        if (types[i] === 'string') return stringValue(a);
        const vec = vectorAt(mats[i]!, cursors[i]!, ts);
        return types[i] === 'scalar' ? (vec[0]?.v ?? NaN) : vec;
      });
      collector.addStep(fn(stepArgs, ts), ts);
    }
    return collector.series();
  }

  private binary(e: BinaryExpr): StepSeries[] {
    const lt = exprType(e.lhs);
    const rt = exprType(e.rhs);
    if (lt === 'scalar' && rt === 'scalar') {
      return this.rangeEval([e.lhs, e.rhs], (args, ts) => {
        // Scalars compare only with `bool` (checked when parsing), which gives 1 or 0.
        return [{ metric: [], t: ts, v: applyOp(e.op, args[0] as number, args[1] as number) }];
      });
    }
    if (lt === 'scalar' || rt === 'scalar') {
      const swap = lt === 'scalar';
      const notice = this.binopNotice(e);
      return this.rangeEval([e.lhs, e.rhs], (args, ts) =>
        swap
          ? vectorScalarBinop(e.op, args[1] as Sample[], args[0] as number, true, e.returnBool, ts, notice)
          : vectorScalarBinop(e.op, args[0] as Sample[], args[1] as number, false, e.returnBool, ts, notice),
      );
    }
    const vm = e.matching!;
    const notice = this.binopNotice(e);
    const lhs = this.eval(e.lhs);
    const rhs = this.eval(e.rhs);
    const histograms = lhs.some(hasHistograms) || rhs.some(hasHistograms);
    const joined = isSetOp(e.op) || isTrimOp(e.op) || histograms ? null : joinSeries(e.op, lhs, rhs, vm, e.returnBool);
    if (joined) return joined;
    return this.rangeEval([e.lhs, e.rhs], (args, ts) => {
      const [l, r] = args as [Sample[], Sample[]];
      switch (e.op) {
        case 'and':
          return vectorAnd(l, r, vm);
        case 'or':
          return vectorOr(l, r, vm);
        case 'unless':
          return vectorUnless(l, r, vm);
        default:
          return vectorBinop(e.op, l, r, vm, e.returnBool, ts, notice);
      }
    }, [lhs, rhs]);
  }

  private binopNotice(e: BinaryExpr): (msg: string, warn: boolean) => void {
    return (msg, warn) => (warn ? this.ctx.annotations.warn(msg, e.pos) : this.ctx.annotations.info(msg, e.pos));
  }

  private aggregation(e: AggregateExpr): StepSeries[] {
    const annos = this.ctx.annotations;
    if (e.op === 'topk' || e.op === 'bottomk') {
      const ks = new Float64Array(this.steps()).fill(NaN);
      const [k] = this.eval(e.param!);
      k?.t.forEach((t, i) => (ks[Math.round((t - this.start) / this.interval)] = k.v[i]));
      // Histograms have no order: topk/bottomk leave them out.
      const input = this.eval(e.expr);
      if (input.some(hasHistograms)) annos.info(`ignored histogram in ${e.op} aggregation`, e.pos);
      return topkColumns(e, input.map(floatSteps), ks, this.start, this.interval);
    }
    if (e.param) {
      return this.rangeEval([e.param, e.expr], (vals, ts) => aggregate(e, vals[1] as Sample[], vals[0] as number | string, ts, annos));
    }
    const input = this.eval(e.expr);
    if (columnar(e, input) && !input.some(hasHistograms)) return aggregateColumns(e, input, this.start, this.interval, this.steps());
    return this.rangeEval([e.expr], (vals, ts) => aggregate(e, vals[0] as Sample[], NaN, ts, annos), [input]);
  }

  private call(e: Call): StepSeries[] {
    const name = e.func.name;
    const rangeArg = e.args.findIndex((a) => exprType(a) === 'matrix');
    if (rangeArg >= 0) return this.rangeFunction(e, rangeArg);
    if (name === 'info') return this.info(e);
    // The query's own parameters, in seconds.
    if (name === 'start') return [this.constant(this.ctx.queryStart / 1000)];
    if (name === 'end') return [this.constant(this.ctx.queryEnd / 1000)];
    if (name === 'step') return [this.constant(this.ctx.queryStep / 1000)];
    if (name === 'range') return [this.constant((this.ctx.queryEnd - this.ctx.queryStart) / 1000)];
    const first = e.args[0] ? unwrapParens(e.args[0]) : null;
    if (name === 'timestamp' && first?.type === 'VectorSelector') {
      // The sample's own timestamp, which step-aligned evaluation would otherwise replace.
      return mergeSeries(this.vectorSelector(first, true).map((s) => ({ ...s, metric: dropName(s.metric) })), this.start, this.end, this.interval);
    }
    if (name === 'start_timestamp') {
      // Only a selector's samples carry start timestamps: of any other expression the result is empty.
      if (first?.type !== 'VectorSelector') return [];
      return mergeSeries(this.vectorSelector(first, true, true).map((s) => ({ ...s, metric: dropName(s.metric) })), this.start, this.end, this.interval);
    }
    const fn = VECTOR_FUNCTIONS[name];
    // Sorting a range query's steps changes nothing: its series come back ordered by labels.
    if (name.startsWith('sort') && this.ctx.queryStart !== this.ctx.queryEnd) {
      this.ctx.annotations.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos);
    }
    const annos = this.ctx.annotations;
    if (HISTOGRAM_AWARE.has(name)) return this.rangeEval(e.args, (args, ts) => histogramVectorFunction(name, fn, args, ts, e, annos));
    // Other functions take floats: histogram samples are left out of their vector arguments.
    return this.rangeEval(e.args, (args, ts) => fn(args.map((a) => (Array.isArray(a) && a.some((s) => s.h) ? a.filter((s) => !s.h) : a)), ts, e, annos));
  }

  private info(e: Call): StepSeries[] {
    const base = this.eval(e.args[0]);
    const sel = e.args[1] as VectorSelector | undefined;
    const spec = infoSpec(sel?.matchers ?? []);
    const n = this.steps();
    // Info series are looked up at the time the base samples come from (after its offset and @).
    const times = Array.from({ length: n }, (_, k) => this.sourceTime(e.args[0], this.start + k * this.interval));
    const lookback = this.ctx.lookbackDelta;
    const infos = this.ctx.querier.select(spec.selectMatchers, Math.min(...times) - lookback + 1, Math.max(...times));
    this.count(infos.reduce((a, s) => a + s.t.length, 0));
    const cursors = new Int32Array(base.length);
    const collector = new SeriesCollector();
    for (let k = 0; k < n; k++) {
      const ts = this.start + k * this.interval;
      collector.addStep(enrich(vectorAt(base, cursors, ts), infos, spec, times[k], lookback), ts);
    }
    return collector.series();
  }

  // The time an expression's samples at step ts come from: shifted by the offset and @ of the selector or
  // subquery it reads.
  private sourceTime(e: Expr, ts: number): number {
    switch (e.type) {
      case 'VectorSelector':
        return this.refTime(e, ts) - e.offset;
      case 'MatrixSelector':
        return this.sourceTime(e.vectorSelector, ts);
      case 'SubqueryExpr':
        return this.sourceTime(e.expr, this.refTime(e, ts) - e.offset);
      default: {
        const inner = children(e).find((c) => exprType(c) === 'vector' || exprType(c) === 'matrix');
        return inner ? this.sourceTime(inner, ts) : ts;
      }
    }
  }

  // A function of a range vector (selector or subquery): one window per series per step.
  private rangeFunction(e: Call, rangeArg: number): StepSeries[] {
    const arg = unwrapParens(e.args[rangeArg]) as MatrixSelector | SubqueryExpr;
    const node = arg.type === 'MatrixSelector' ? arg.vectorSelector : arg;
    const { series } = this.rangeSeries(arg);
    const paramExprs = e.args.filter((_, i) => i !== rangeArg);
    const n = this.steps();
    // Scalar arguments (e.g. predict_linear's duration), resolved once per step for all series.
    const paramSeries = paramExprs.map((p) => this.eval(p)[0]);
    const paramsAt = Array.from({ length: n }, () => new Array<number>(paramSeries.length).fill(NaN));
    paramSeries.forEach((p, j) => {
      if (p) p.t.forEach((t, i) => (paramsAt[Math.round((t - this.start) / this.interval)][j] = p.v[i]));
    });
    const name = e.func.name;
    if (name === 'absent_over_time') return this.absentOverTime(e, node, arg.range, series);
    if (node.type === 'VectorSelector' && (node.anchored || node.smoothed)) return this.extendedFunction(e, arg as MatrixSelector, series);
    const fn = RANGE_FUNCTIONS[name];
    const keepName = KEEPS_METRIC_NAME.has(name);
    const w: Window = { t: new Float64Array(0), v: new Float64Array(0), lo: 0, hi: 0, rangeStart: 0, rangeEnd: 0, refTs: 0, params: [], call: e, annotations: this.ctx.annotations };
    const results: StepSeries[] = [];
    const histogramFn = HISTOGRAM_RANGE_FUNCTIONS.has(name);
    for (const s of series) {
      const out: StepSeries = { metric: keepName ? s.metric : dropName(s.metric), t: [], v: [] };
      const hist = s.h && hasHistograms(s) ? s.h : undefined;
      const floats = hist ? floatsOnly(s) : undefined;
      if (hist) out.h = [];
      w.t = s.t;
      w.v = s.v;
      w.st = s.st;
      w.metric = s.metric;
      let lo = 0;
      let hi = 0;
      for (let k = 0; k < n; k++) {
        const ts = this.start + k * this.interval;
        const rangeEnd = this.refTime(node, ts) - node.offset;
        const rangeStart = rangeEnd - arg.range;
        if (lo > 0 && s.t[lo - 1] > rangeStart) lo = 0;
        while (lo < s.t.length && s.t[lo] <= rangeStart) lo++;
        if (hi < lo) hi = lo;
        while (hi < s.t.length && s.t[hi] <= rangeEnd) hi++;
        w.lo = lo;
        w.hi = hi;
        w.rangeStart = rangeStart;
        w.rangeEnd = rangeEnd;
        w.refTs = ts;
        w.params = paramsAt[k];
        if (hist && hist.slice(lo, hi).some((x) => x)) {
          let p: Point | null;
          if (histogramFn) p = rangeOverHistograms(name, w, hist, metricName(s.metric));
          else {
            // Functions of floats ignore the histograms in their window.
            w.t = floats!.t;
            w.v = floats!.v;
            w.st = floats!.st;
            w.lo = lowerBound(floats!.t, rangeStart + 1);
            w.hi = lowerBound(floats!.t, rangeEnd + 1);
            const v = fn(w);
            if (w.hi > w.lo) {
              this.ctx.annotations.info(`ignored histograms in a range containing both floats and histograms for metric name "${metricName(s.metric)}"`, e.args[rangeArg].pos);
            }
            p = v === null ? null : { v };
            w.t = s.t;
            w.v = s.v;
            w.st = s.st;
          }
          if (p === null) continue;
          out.t.push(ts);
          out.v.push(p.v);
          out.h!.push(p.h);
          continue;
        }
        const v = fn(w);
        if (v === null) continue;
        out.t.push(ts);
        out.v.push(v);
        out.h?.push(undefined);
      }
      if (out.t.length > 0) results.push(out);
    }
    return mergeSeries(results, this.start, this.end, this.interval);
  }

  // rate/increase/delta (and changes/resets when anchored) over ranges widened by the lookback delta.
  private extendedFunction(e: Call, arg: MatrixSelector, series: RangeSeries[]): StepSeries[] {
    const name = e.func.name;
    const vs = arg.vectorSelector;
    const smoothed = vs.smoothed === true;
    checkExtendedFunction(smoothed ? 'smoothed' : 'anchored', name);
    const lookback = this.ctx.lookbackDelta;
    const results: StepSeries[] = [];
    const n = this.steps();
    const w: Window = { t: new Float64Array(0), v: new Float64Array(0), lo: 0, hi: 0, rangeStart: 0, rangeEnd: 0, refTs: 0, params: [], call: e, annotations: this.ctx.annotations };
    for (const s of series) {
      const out: StepSeries = { metric: dropName(s.metric), t: [], v: [] };
      const hist = s.h && hasHistograms(s) ? s.h : undefined;
      if (hist) out.h = [];
      for (let k = 0; k < n; k++) {
        const ts = this.start + k * this.interval;
        const end = this.refTime(vs, ts) - vs.offset;
        const start = end - arg.range;
        const lo = lowerBound(s.t, start - lookback + 1);
        const hi = lowerBound(s.t, end + (smoothed ? lookback : 0) + 1);
        if (hist && name !== 'changes' && name !== 'resets' && hist.slice(lo, hi).some((x) => x)) {
          const p = extendedHistogramRate(s.t, hist, lo, hi, start, end, smoothed, name, metricName(s.metric), this.ctx.annotations, e.args[0].pos);
          if (p === null) continue;
          out.t.push(ts);
          out.v.push(p.v);
          out.h!.push(p.h);
          continue;
        }
        let v: number | null;
        if (hist && hist.slice(lo, hi).some((x) => x)) {
          // changes/resets (anchored only) with histograms: the edge samples, then those inside the range.
          if (hi <= lo) continue;
          const last = hi - 1;
          const first = Math.max(lo, lowerBound(s.t, start + 1) - 1);
          if (s.t[last] <= start) continue;
          const from = s.t[first] <= start ? first + 1 : first;
          const to = s.t[last] >= end ? last - 1 : last;
          const idx = [first];
          for (let i = from; i <= to; i++) idx.push(i);
          idx.push(last);
          const ext = { ...w, t: Float64Array.from(idx, (i) => s.t[i]), v: Float64Array.from(idx, (i) => s.v[i]), lo: 0, hi: idx.length, rangeStart: start, rangeEnd: end, refTs: end };
          const p = rangeOverHistograms(name, ext, idx.map((i) => hist[i]), metricName(s.metric));
          if (p === null) continue;
          out.t.push(ts);
          out.v.push(p.v);
          out.h!.push(undefined);
          continue;
        }
        if (name === 'changes' || name === 'resets') {
          const ext = extendFloats(s.t, s.v, lo, hi, start, end, smoothed);
          if (!ext) continue;
          Object.assign(w, { t: ext.t, v: ext.v, lo: 0, hi: ext.t.length, rangeStart: start, rangeEnd: end, refTs: end });
          v = RANGE_FUNCTIONS[name](w);
        } else v = extendedRate(s.t, s.v, lo, hi, start, end, smoothed, name !== 'delta', name === 'rate');
        if (v === null) continue;
        out.t.push(ts);
        out.v.push(v);
        out.h?.push(undefined);
      }
      if (out.t.length > 0) results.push(out);
    }
    return mergeSeries(results, this.start, this.end, this.interval);
  }

  private absentOverTime(e: Call, node: VectorSelector | SubqueryExpr, range: number, series: RangeSeries[]): StepSeries[] {
    const out: StepSeries = { metric: absentLabels(e.args[0]), t: [], v: [] };
    const n = this.steps();
    for (let k = 0; k < n; k++) {
      const ts = this.start + k * this.interval;
      const rangeEnd = this.refTime(node, ts) - node.offset;
      const present = series.some((s) => s.t.some((t) => t > rangeEnd - range && t <= rangeEnd));
      if (present) continue;
      out.t.push(ts);
      out.v.push(1);
    }
    return out.t.length > 0 ? [out] : [];
  }

  /** The samples a range vector covers across all steps, staleness markers removed. */
  rangeSeries(arg: MatrixSelector | SubqueryExpr): { series: RangeSeries[] } {
    if (arg.type === 'MatrixSelector') {
      const vs = arg.vectorSelector;
      const [a, b] = this.refBounds(vs);
      const lookback = this.ctx.lookbackDelta;
      // Extended selectors look one lookback delta further back (and ahead, when smoothed).
      const before = vs.anchored || vs.smoothed ? lookback : 0;
      const mint = Math.min(a, b) - vs.offset - arg.range - before + 1;
      const maxt = Math.max(a, b) - vs.offset + (vs.smoothed ? lookback : 0);
      return { series: this.select(vs, mint, maxt).map(withoutStale) };
    }
    const [a, b] = this.refBounds(arg);
    const step = arg.step || this.ctx.noStepSubqueryInterval;
    const from = Math.min(a, b) - arg.offset - arg.range;
    // The first step-aligned time after the window's open start, as Prometheus aligns subquery steps.
    let start = step * Math.floor(from / step);
    if (start <= from) start += step;
    const inner = new Evaluator(this.ctx, start, Math.max(a, b) - arg.offset, step);
    const series = inner
      .eval(arg.expr)
      .map((s): RangeSeries => (s.h && hasHistograms(s) ? { metric: s.metric, t: Float64Array.from(s.t), v: Float64Array.from(s.v), h: s.h.map(unknownHint) } : { metric: s.metric, t: Float64Array.from(s.t), v: Float64Array.from(s.v) }));
    return { series };
  }
}

// A subquery's steps may skip samples, so a counter histogram's "not a reset" no longer holds between them.
function unknownHint(h: FloatHistogram | undefined): FloatHistogram | undefined {
  if (!h || h.hint === 'gauge' || h.hint === 'unknown') return h;
  const c = h.copy();
  c.hint = 'unknown';
  return c;
}

function stringValue(e: Expr): string {
  const u = unwrapParens(e);
  if (u.type !== 'StringLiteral') throw new PromQLError('expected string literal');
  return u.value;
}

// Sets ranges, steps and offsets written with step() or range() for this query, like Prometheus' durationVisitor.
function resolveDurations(e: Expr, ctx: DurationContext): void {
  const resolve = (d: DurationExpr | undefined, fallback: number, what: string): number => {
    if (!d || !dependsOnQuery(d)) return fallback;
    let ms: number;
    try {
      ms = evalDuration(d, ctx);
    } catch (err) {
      throw new PromQLError((err as Error).message, e.pos);
    }
    if (what !== 'offset' && ms <= 0) throw new PromQLError(`${what} must be greater than 0`, e.pos);
    return ms;
  };
  if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') e.offset = resolve(e.offsetExpr, e.offset, 'offset');
  if (e.type === 'MatrixSelector') e.range = resolve(e.rangeExpr, e.range, 'range');
  if (e.type === 'SubqueryExpr') {
    e.range = resolve(e.rangeExpr, e.range, 'range');
    e.step = resolve(e.stepExpr, e.step, 'step');
  }
  for (const c of children(e)) resolveDurations(c, ctx);
}

export class Engine {
  private readonly lookbackDelta: number;
  private readonly maxSamples: number;
  private readonly noStepSubqueryInterval: number;
  private readonly timeoutMs: number;

  constructor(opts: EngineOptions = {}) {
    this.lookbackDelta = opts.lookbackDelta ?? 5 * 60_000;
    this.maxSamples = opts.maxSamples ?? 50_000_000;
    this.noStepSubqueryInterval = opts.noStepSubqueryInterval ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 2 * 60_000;
  }

  private context(querier: Querier, input: string, expr: Expr, start: number, end: number, step: number): QueryContext {
    resolveDurations(expr, { step, range: end - start });
    return {
      annotations: new Annotations(input),
      querier,
      queryStart: start,
      queryEnd: end,
      queryStep: step,
      lookbackDelta: this.lookbackDelta,
      maxSamples: this.maxSamples,
      noStepSubqueryInterval: this.noStepSubqueryInterval,
      deadline: performance.now() + this.timeoutMs,
      statsSelectors: statsSelectors(expr),
      samples: 0,
    };
  }

  /** Evaluates the query at one instant; the result type follows the expression's type. */
  instantQuery(querier: Querier, query: string | Expr, timeMs: number): Value {
    return this.instantQueryResult(querier, query, timeMs).value;
  }

  /** Evaluates the query at each step from start to end; the result is always a matrix. */
  rangeQuery(querier: Querier, query: string | Expr, startMs: number, endMs: number, stepMs: number): Value {
    return this.rangeQueryResult(querier, query, startMs, endMs, stepMs).value;
  }

  /** instantQuery with the warnings and infos the evaluation produced. */
  instantQueryResult(querier: Querier, query: string | Expr, timeMs: number): QueryResult {
    const expr = typeof query === 'string' ? parseExpr(query) : query;
    const ctx = this.context(querier, typeof query === 'string' ? query : '', expr, timeMs, timeMs, 0);
    const value = this.instantValue(new Evaluator(ctx, timeMs, timeMs, 1), expr, timeMs);
    return { value, warnings: [...ctx.annotations.warnings], infos: [...ctx.annotations.infos] };
  }

  /** rangeQuery with the warnings and infos the evaluation produced. */
  rangeQueryResult(querier: Querier, query: string | Expr, startMs: number, endMs: number, stepMs: number): QueryResult {
    const expr = typeof query === 'string' ? parseExpr(query) : query;
    const type = exprType(expr);
    if (type !== 'scalar' && type !== 'vector') {
      const documented = type === 'matrix' ? 'range vector' : type;
      throw new PromQLError(`invalid expression type "${documented}" for range query, must be Scalar or instant Vector`);
    }
    if (stepMs <= 0) throw new PromQLError('zero or negative query resolution step widths are not accepted');
    if (endMs < startMs) throw new PromQLError('end timestamp must not be before start time');
    const ctx = this.context(querier, typeof query === 'string' ? query : '', expr, startMs, endMs, stepMs);
    const value: Value = { type: 'matrix', series: resultSeries(new Evaluator(ctx, startMs, endMs, stepMs).eval(expr)) };
    return { value, warnings: [...ctx.annotations.warnings], infos: [...ctx.annotations.infos] };
  }

  private instantValue(ev: Evaluator, expr: Expr, timeMs: number): Value {
    const root = unwrapParens(expr);
    switch (exprType(expr)) {
      case 'string':
        return { type: 'string', t: timeMs, v: stringValue(expr) };
      case 'scalar': {
        const [s] = ev.eval(expr);
        return { type: 'scalar', t: timeMs, v: s && s.v.length > 0 ? s.v[0] : NaN };
      }
      case 'matrix': {
        const sel = root as MatrixSelector | SubqueryExpr;
        const node = sel.type === 'MatrixSelector' ? sel.vectorSelector : sel;
        const rangeEnd = (node.timestamp ?? timeMs) - node.offset;
        const series: Series[] = [];
        const extended = sel.type === 'MatrixSelector' && (sel.vectorSelector.anchored || sel.vectorSelector.smoothed);
        for (const raw of ev.rangeSeries(sel).series) {
          const s = extended
            ? extendFloats(raw.t, raw.v, 0, raw.t.length, rangeEnd - sel.range, rangeEnd, sel.vectorSelector.smoothed === true)
            : raw;
          if (!s) continue;
          const t: number[] = [];
          const v: number[] = [];
          const h: (FloatHistogram | undefined)[] = [];
          const hs = extended ? undefined : raw.h;
          for (let i = 0; i < s.t.length; i++) {
            if ((!extended && s.t[i] <= rangeEnd - sel.range) || s.t[i] > rangeEnd) continue;
            t.push(s.t[i]);
            v.push(s.v[i]);
            h.push(hs?.[i]);
          }
          if (t.length > 0) series.push(h.some((x) => x) ? { metric: raw.metric, t, v, h } : { metric: raw.metric, t, v });
        }
        return { type: 'matrix', series: resultSeries(series) };
      }
      default:
        return {
          type: 'vector',
          samples: resultVector(ev.eval(expr).map((s) => (s.h?.[0] ? { metric: s.metric, t: timeMs, v: s.v[0], h: s.h[0] } : { metric: s.metric, t: timeMs, v: s.v[0] }))),
        };
    }
  }

}
