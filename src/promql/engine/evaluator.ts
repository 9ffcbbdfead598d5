// The evaluator: evaluates an AST over a range of steps like Prometheus' evaluator in promql/engine.go.
// Every selector is selected once for the whole range; steps then walk the selected typed arrays.

import type { FloatHistogram } from '../../model/histogram/float_histogram.ts';
import { children, exprType, isSetOp, isTrimOp, type AggregateExpr, type BinaryExpr, type Call, type Expr, type MatrixSelector, type SubqueryExpr, type VectorSelector } from '../parser/ast.ts';
import { PromQLError, type Sample } from '../value.ts';
import { aggregate } from './aggregation.ts';
import { applyOp, vectorAnd, vectorBinop, vectorOr, vectorScalarBinop, vectorUnless } from './binary.ts';
import { aggregateColumns, columnar, topkColumns } from './columnar.ts';
import { StepContext, stringValue, unwrapParens, type StepArg } from './context.ts';
import { enrich, infoSpec } from './info.ts';
import { joinSeries } from './join.ts';
import { dropName } from './labelcache.ts';
import { absentOverTime, extendedFunction, rangeWindows } from './range_eval.ts';
import { matrixSelectorSeries, vectorSelector } from './selectors.ts';
import { SeriesCollector, floatSteps, hasHistograms, mergeSeries, vectorAt, type RangeSeries, type StepSeries } from './series.ts';
import { VECTOR_FUNCTIONS } from './vector_functions.ts';

export class Evaluator extends StepContext {
  /** Evaluates a scalar or instant-vector expression to one series per label set across all steps. */
  eval(e: Expr): StepSeries[] {
    switch (e.type) {
      case 'NumberLiteral':
        return [this.constant(e.value)];
      case 'ParenExpr':
        return this.eval(e.expr);
      case 'VectorSelector':
        return vectorSelector(this, e, false);
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
    const joined = isSetOp(e.op) || isTrimOp(e.op) || histograms ? null : joinSeries(e.op, lhs, rhs, vm, e.returnBool, this.columns(Math.max(lhs.length, rhs.length)));
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
      return mergeSeries(vectorSelector(this, first, true).map((s) => ({ ...s, metric: dropName(s.metric) })), this.start, this.end, this.interval);
    }
    if (name === 'start_timestamp') {
      // Only a selector's samples carry start timestamps: of any other expression the result is empty.
      if (first?.type !== 'VectorSelector') return [];
      return mergeSeries(vectorSelector(this, first, true, true).map((s) => ({ ...s, metric: dropName(s.metric) })), this.start, this.end, this.interval);
    }
    const fn = VECTOR_FUNCTIONS[name];
    // Sorting a range query's steps changes nothing: its series come back ordered by labels.
    if (name.startsWith('sort') && this.ctx.queryStart !== this.ctx.queryEnd) {
      this.ctx.annotations.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos);
    }
    const annos = this.ctx.annotations;
    const { float, histogram } = fn;
    if (histogram) return this.rangeEval(e.args, (args, ts) => histogram(args, ts, e, annos, float));
    if (!float) throw new Error(`function ${name} has neither a float nor a histogram implementation`);
    // Functions of floats only: histogram samples are left out of their vector arguments.
    return this.rangeEval(e.args, (args, ts) => float(args.map((a) => (Array.isArray(a) && a.some((s) => s.h) ? a.filter((s) => !s.h) : a)), ts, e, annos));
  }

  private info(e: Call): StepSeries[] {
    const base = this.eval(e.args[0]);
    const sel = e.args[1] as VectorSelector | undefined;
    const spec = infoSpec(sel?.matchers ?? []);
    const n = this.steps();
    // Info series are looked up at the time the base samples come from (after its offset and @).
    const times = Array.from({ length: n }, (_, k) => this.sourceTime(e.args[0], this.start + k * this.interval));
    const lookback = this.ctx.lookbackDelta;
    const infos = this.ctx.querier.select(spec.selectMatchers, { start: Math.min(...times) - lookback + 1, end: Math.max(...times) });
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
    const series = this.rangeSeries(arg);
    const paramExprs = e.args.filter((_, i) => i !== rangeArg);
    const n = this.steps();
    // Scalar arguments (e.g. predict_linear's duration), resolved once per step for all series.
    const paramSeries = paramExprs.map((p) => this.eval(p)[0]);
    const paramsAt = Array.from({ length: n }, () => new Array<number>(paramSeries.length).fill(NaN));
    paramSeries.forEach((p, j) => {
      if (p) p.t.forEach((t, i) => (paramsAt[Math.round((t - this.start) / this.interval)][j] = p.v[i]));
    });
    const name = e.func.name;
    if (name === 'absent_over_time') return absentOverTime(this, e, node, arg.range, series);
    if (node.type === 'VectorSelector' && (node.anchored || node.smoothed)) return extendedFunction(this, e, arg as MatrixSelector, series);
    return rangeWindows(this, e, rangeArg, arg, series, paramsAt);
  }

  /** The samples a range vector covers across all steps: a matrix selector's, or a subquery's steps. */
  rangeSeries(arg: MatrixSelector | SubqueryExpr): RangeSeries[] {
    if (arg.type === 'MatrixSelector') return matrixSelectorSeries(this, arg);
    const [a, b] = this.refBounds(arg);
    const step = arg.step || this.ctx.noStepSubqueryInterval;
    const from = Math.min(a, b) - arg.offset - arg.range;
    // The first step-aligned time after the window's open start, as Prometheus aligns subquery steps.
    let start = step * Math.floor(from / step);
    if (start <= from) start += step;
    const inner = new Evaluator(this.ctx, start, Math.max(a, b) - arg.offset, step);
    return inner
      .eval(arg.expr)
      .map((s): RangeSeries => (s.h && hasHistograms(s) ? { metric: s.metric, t: Float64Array.from(s.t), v: Float64Array.from(s.v), h: s.h.map(unknownHint) } : { metric: s.metric, t: Float64Array.from(s.t), v: Float64Array.from(s.v) }));
  }
}

// A subquery's steps may skip samples, so a counter histogram's "not a reset" no longer holds between them.
function unknownHint(h: FloatHistogram | undefined): FloatHistogram | undefined {
  if (!h || h.hint === 'gauge' || h.hint === 'unknown') return h;
  const c = h.copy();
  c.hint = 'unknown';
  return c;
}
