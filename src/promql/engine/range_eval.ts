// Functions of range vectors evaluated step by step: the plain windows of rate, *_over_time and the like, the
// anchored and smoothed windows of extended selectors, and absent_over_time.

import type { Call, MatrixSelector, SubqueryExpr, VectorSelector } from '../parser/ast.ts';
import type { StepContext } from './context.ts';
import { checkExtendedFunction, extendFloats, extendedRate } from './extended.ts';
import { extendedHistogramRate, metricName, type Point } from './histogram_functions.ts';
import { dropName } from './labelcache.ts';
import { RANGE_FUNCTIONS } from './range_functions.ts';
import type { Window } from './window.ts';
import { floatsOnly, hasHistograms, lowerBound, mergeSeries, type RangeSeries, type StepSeries } from './series.ts';
import { absentLabels } from './vector_functions.ts';

/** A range function over plain windows: per series, per step, the samples in (rangeEnd - range, rangeEnd]. */
export function rangeWindows(sc: StepContext, e: Call, rangeArg: number, arg: MatrixSelector | SubqueryExpr, series: RangeSeries[], paramsAt: number[][]): StepSeries[] {
  const node = arg.type === 'MatrixSelector' ? arg.vectorSelector : arg;
  const n = sc.steps();
  const name = e.func.name;
  const { float: fn, into, histogram: histogramFn, keepsName: keepName } = RANGE_FUNCTIONS[name];
  const w: Window = { t: new Float64Array(0), v: new Float64Array(0), lo: 0, hi: 0, rangeStart: 0, rangeEnd: 0, refTs: 0, params: [], call: e, annotations: sc.ctx.annotations, result: NaN };
  const results: StepSeries[] = [];
  const out = sc.columns(series.length);
  // Each step's range end, worked out once for all series.
  const ends = new Float64Array(n);
  for (let k = 0; k < n; k++) ends[k] = sc.refTime(node, sc.start + k * sc.interval) - node.offset;
  for (const s of series) {
    const hist = s.h && hasHistograms(s) ? s.h : undefined;
    const floats = hist ? floatsOnly(s) : undefined;
    w.t = s.t;
    w.v = s.v;
    w.st = s.st;
    w.metric = s.metric;
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < n; k++) {
      const ts = sc.start + k * sc.interval;
      const rangeEnd = ends[k];
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
        if (histogramFn) p = histogramFn(w, hist, metricName(s.metric));
        else {
          // Functions of floats ignore the histograms in their window.
          w.t = floats!.t;
          w.v = floats!.v;
          w.st = floats!.st;
          w.lo = lowerBound(floats!.t, rangeStart + 1);
          w.hi = lowerBound(floats!.t, rangeEnd + 1);
          const v = fn(w);
          if (w.hi > w.lo) {
            sc.ctx.annotations.info(`ignored histograms in a range containing both floats and histograms for metric name "${metricName(s.metric)}"`, e.args[rangeArg].pos);
          }
          p = v === null ? null : { v };
          w.t = s.t;
          w.v = s.v;
          w.st = s.st;
        }
        if (p === null) continue;
        out.addPoint(ts, p.v, p.h);
        continue;
      }
      if (into) {
        if (into(w)) out.add(ts, w.result);
        continue;
      }
      const v = fn(w);
      if (v === null) continue;
      out.add(ts, v);
    }
    const res = out.finish(keepName ? s.metric : dropName(s.metric));
    if (res) results.push(res);
  }
  return mergeSeries(results, sc.start, sc.end, sc.interval);
}

// rate/increase/delta (and changes/resets when anchored) over ranges widened by the lookback delta.
export function extendedFunction(sc: StepContext, e: Call, arg: MatrixSelector, series: RangeSeries[]): StepSeries[] {
  const name = e.func.name;
  const vs = arg.vectorSelector;
  const smoothed = vs.smoothed === true;
  checkExtendedFunction(smoothed ? 'smoothed' : 'anchored', name);
  const lookback = sc.ctx.lookbackDelta;
  const results: StepSeries[] = [];
  const n = sc.steps();
  const w: Window = { t: new Float64Array(0), v: new Float64Array(0), lo: 0, hi: 0, rangeStart: 0, rangeEnd: 0, refTs: 0, params: [], call: e, annotations: sc.ctx.annotations, result: NaN };
  const out = sc.columns(series.length);
  for (const s of series) {
    const hist = s.h && hasHistograms(s) ? s.h : undefined;
    for (let k = 0; k < n; k++) {
      const ts = sc.start + k * sc.interval;
      const end = sc.refTime(vs, ts) - vs.offset;
      const start = end - arg.range;
      const lo = lowerBound(s.t, start - lookback + 1);
      const hi = lowerBound(s.t, end + (smoothed ? lookback : 0) + 1);
      if (hist && name !== 'changes' && name !== 'resets' && hist.slice(lo, hi).some((x) => x)) {
        const p = extendedHistogramRate(s.t, hist, lo, hi, start, end, smoothed, name, metricName(s.metric), sc.ctx.annotations, e.args[0].pos);
        if (p === null) continue;
        out.addPoint(ts, p.v, p.h);
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
        const p = RANGE_FUNCTIONS[name].histogram!(ext, idx.map((i) => hist[i]), metricName(s.metric));
        if (p === null) continue;
        out.add(ts, p.v);
        continue;
      }
      if (name === 'changes' || name === 'resets') {
        const ext = extendFloats(s.t, s.v, lo, hi, start, end, smoothed);
        if (!ext) continue;
        Object.assign(w, { t: ext.t, v: ext.v, lo: 0, hi: ext.t.length, rangeStart: start, rangeEnd: end, refTs: end });
        v = RANGE_FUNCTIONS[name].float(w);
      } else v = extendedRate(s.t, s.v, lo, hi, start, end, smoothed, name !== 'delta', name === 'rate');
      if (v === null) continue;
      out.add(ts, v);
    }
    const res = out.finish(dropName(s.metric));
    if (res) results.push(res);
  }
  return mergeSeries(results, sc.start, sc.end, sc.interval);
}

export function absentOverTime(sc: StepContext, e: Call, node: VectorSelector | SubqueryExpr, range: number, series: RangeSeries[]): StepSeries[] {
  const out = sc.columns(1);
  const n = sc.steps();
  for (let k = 0; k < n; k++) {
    const ts = sc.start + k * sc.interval;
    const rangeEnd = sc.refTime(node, ts) - node.offset;
    const present = series.some((s) => s.t.some((t) => t > rangeEnd - range && t <= rangeEnd));
    if (present) continue;
    out.add(ts, 1);
  }
  const res = out.finish(absentLabels(e.args[0]));
  return res ? [res] : [];
}

