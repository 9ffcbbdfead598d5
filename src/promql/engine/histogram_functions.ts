// Functions of native histogram samples, after the histogram branches of Prometheus' promql/functions.go:
// rate/increase/delta over ranges of histograms, the *_over_time functions that accept them, and the
// histogram_* functions of instant vectors.

import { getLabel } from '../../model/labels/labels.ts';
import { FloatHistogram, HistogramMixError } from '../../model/histogram/float_histogram.ts';
import { histogramMean, kahanSum } from '../../model/histogram/sum.ts';
import { histogramFraction, histogramQuantile } from '../../model/histogram/quantile.ts';
import type { PositionRange } from '../value.ts';
import type { Annotations } from './annotations.ts';
import { isStartTimestampReset, startTimeOverlap, startTimeOverlaps, type Window } from './window.ts';

/** A point a function returns: a float, or a histogram. */
export type Point = { v: number; h?: FloatHistogram };

export const mixedFloatsHistograms = (name: string): string => `encountered a mix of histograms and floats for metric name "${name}"`;
const notCounter = (name: string): string => `this native histogram metric is not a counter: "${name}"`;
const notGauge = (name: string): string => `this native histogram metric is not a gauge: "${name}"`;
export const mixedExpCustom = (name: string): string =>
  `vector contains a mix of histograms with exponential and custom buckets schemas for metric name "${name}"`;
export const incompatibleCustom = (name: string): string => `vector contains histograms with incompatible custom buckets for metric name "${name}"`;

export function mixError(e: unknown, name: string): string {
  if (e instanceof HistogramMixError) return e.kind === 'mixed' ? mixedExpCustom(name) : incompatibleCustom(name);
  throw e;
}

// histogramRate: the last histogram minus the first, plus every histogram before a counter reset.
// `sts` and `ts` are the start timestamps (0 = none) and times of hs, when the range came with start timestamps.
function histogramRate(
  hs: FloatHistogram[],
  isCounter: boolean,
  name: string,
  annos: Annotations,
  pos: PositionRange,
  sts?: ArrayLike<number>,
  ts?: ArrayLike<number>,
): FloatHistogram | null {
  let first = hs[0];
  const last = hs[hs.length - 1];
  if (isCounter && hs.some((h) => h.hint === 'gauge')) annos.warn(notCounter(name), pos);
  // Across a counter reset between the first two samples the first one does not count: it becomes an empty
  // histogram of the second's layout, so a different bucket kind there does not make the range a mix.
  if (isCounter && hs.length > 1) {
    const stReset0 = sts !== undefined && ts !== undefined && isStartTimestampReset(sts[0], ts[0], sts[1], ts[1]);
    if (stReset0 || hs[1].detectReset(first)) {
      first = new FloatHistogram(hs[1].schema);
      first.customValues = hs[1].customValues;
    }
  }
  if (first.usesCustomBuckets() !== last.usesCustomBuckets()) {
    annos.warn(mixError(new HistogramMixError('mixed'), name), pos);
    return null;
  }
  let minSchema = Math.min(first.schema, last.schema);
  for (let i = 1; i < hs.length - 1; i++) {
    const cur = hs[i];
    if (!isCounter) continue;
    if (cur.schema < minSchema) minSchema = cur.schema;
  }
  let h: FloatHistogram;
  try {
    h = last.reduceResolution(minSchema).sub(first, () => annos.info('mismatched custom buckets were reconciled during subtraction', pos));
    if (isCounter) {
      let prev = first;
      let overlap = false;
      for (let i = 1; i < hs.length; i++) {
        if (sts && ts && !overlap && startTimeOverlaps(sts[i - 1], ts[i - 1], sts[i])) {
          annos.warn(startTimeOverlap(name), pos);
          overlap = true;
        }
        const stReset = sts !== undefined && ts !== undefined && isStartTimestampReset(sts[i - 1], ts[i - 1], sts[i], ts[i]);
        if (stReset || hs[i].detectReset(prev)) h = h.add(prev, 1, () => annos.info('mismatched custom buckets were reconciled during addition', pos));
        prev = hs[i];
      }
    }
  } catch (e) {
    annos.warn(mixError(e, name), pos);
    return null;
  }
  if (!isCounter && (first.hint !== 'gauge' || last.hint !== 'gauge')) annos.warn(notGauge(name), pos);
  h.hint = 'gauge';
  return h.trimmed();
}

/**
 * A range function of a window that holds histograms (and maybe floats), the histogram half of a function's
 * entry in RANGE_FUNCTIONS; null for no output. `name` is the metric's, for annotations.
 */
export type HistogramRangeFunction = (w: Window, hist: readonly (FloatHistogram | undefined)[], name: string) => Point | null;

export const countOverHistograms: HistogramRangeFunction = (w) => (w.hi > w.lo ? { v: w.hi - w.lo } : null);
export const presentOverHistograms: HistogramRangeFunction = (w) => (w.hi > w.lo ? { v: 1 } : null);
export const lastOverHistograms: HistogramRangeFunction = (w, hist) =>
  w.hi > w.lo ? (hist[w.hi - 1] ? { v: NaN, h: hist[w.hi - 1] } : { v: w.v[w.hi - 1] }) : null;
export const firstOverHistograms: HistogramRangeFunction = (w, hist) => (w.hi > w.lo ? (hist[w.lo] ? { v: NaN, h: hist[w.lo] } : { v: w.v[w.lo] }) : null);
export const tsOfFirstOverHistograms: HistogramRangeFunction = (w) => (w.hi > w.lo ? { v: w.t[w.lo] / 1000 } : null);
export const tsOfLastOverHistograms: HistogramRangeFunction = (w) => (w.hi > w.lo ? { v: w.t[w.hi - 1] / 1000 } : null);

/** resets or changes of a window with histograms: a change of sample type counts as a reset and as a change. */
export function histogramChanges(resets: boolean): HistogramRangeFunction {
  return (w, hist) => {
    const { lo, hi } = w;
    if (hi <= lo) return null;
    let n = 0;
    for (let i = lo + 1; i < hi; i++) {
      const a = hist[i - 1];
      const b = hist[i];
      if (!a !== !b) n++;
      else if (a && b) {
        if (resets ? stReset(w, i) || b.detectReset(a) : !sameHistogram(b, a)) n++;
      } else if (resets ? w.v[i] < w.v[i - 1] || stReset(w, i) : !(w.v[i] === w.v[i - 1] || (Number.isNaN(w.v[i]) && Number.isNaN(w.v[i - 1])))) n++;
    }
    return { v: n };
  };
}

/** irate (isRate) or idelta of the window's last two histograms. */
export function histogramInstant(isRate: boolean): HistogramRangeFunction {
  return (w, hist, name) => {
    const { hi } = w;
    const pos = w.call.args[0].pos;
    if (hi - w.lo < 2) return null;
    if (!hist[hi - 1] || !hist[hi - 2]) {
      w.annotations.warn(mixedFloatsHistograms(name), pos);
      return null;
    }
    const prev = hist[hi - 2]!;
    const last = hist[hi - 1]!;
    const interval = (w.t[hi - 1] - w.t[hi - 2]) / 1000;
    if (interval === 0) return null;
    let h: FloatHistogram;
    try {
      h = isRate && (stReset(w, hi - 1) || last.detectReset(prev)) ? last.copy() : last.sub(prev, () => w.annotations.info('mismatched custom buckets were reconciled during subtraction', pos));
    } catch (e) {
      w.annotations.warn(mixError(e, name), pos);
      return null;
    }
    if (isRate) {
      if (prev.hint === 'gauge' || last.hint === 'gauge') w.annotations.warn(notCounter(name), pos);
      h = h.div(interval);
    } else if (prev.hint !== 'gauge' || last.hint !== 'gauge') w.annotations.warn(notGauge(name), pos);
    h.hint = 'gauge';
    return { v: NaN, h: h.trimmed() };
  };
}

// The window's histograms, or null (with a warning) when floats are mixed in.
function histogramsOnly(w: Window, hist: readonly (FloatHistogram | undefined)[], name: string): FloatHistogram[] | null {
  const hs: FloatHistogram[] = [];
  for (let i = w.lo; i < w.hi; i++) if (hist[i]) hs.push(hist[i]!);
  if (hs.length === w.hi - w.lo) return hs;
  w.annotations.warn(mixedFloatsHistograms(name), w.call.args[0].pos);
  return null;
}

/** rate, increase or delta of a window of histograms, extrapolated as for floats. */
export function histogramRateOver(fn: 'rate' | 'increase' | 'delta'): HistogramRangeFunction {
  return (w, hist, name) => {
    const hs = histogramsOnly(w, hist, name);
    if (!hs || hs.length < 1) return null;
    const { lo, hi } = w;
    const pos = w.call.args[0].pos;
    const isCounter = fn !== 'delta';
    const sts = w.st?.subarray(lo, hi);
    let h: FloatHistogram | null = null;
    if (hs.length > 1) {
      h = histogramRate(hs, isCounter, name, w.annotations, pos, sts, w.t.subarray(lo, hi));
      if (!h) return null;
    }
    const firstT = w.t[lo];
    const lastT = w.t[hi - 1];
    let durationToStart = (firstT - w.rangeStart) / 1000;
    let durationToEnd = (w.rangeEnd - lastT) / 1000;
    let sampledInterval = (lastT - firstT) / 1000;
    const avgInterval = hi - lo > 1 ? sampledInterval / (hi - lo - 1) : 0;
    const threshold = avgInterval * 1.1;
    const firstST = sts ? sts[0] : 0;
    if (isCounter && firstST !== 0 && firstST > w.rangeStart && firstST < firstT) {
      // As for floats: the first histogram started from zero at its start timestamp inside the range.
      durationToStart = 0;
      sampledInterval = (lastT - firstST) / 1000;
      try {
        h = h ? h.add(hs[0], 1, () => w.annotations.info('mismatched custom buckets were reconciled during addition', pos)) : hs[0].copy();
      } catch (e) {
        w.annotations.warn(mixError(e, name), pos);
        return null;
      }
    } else if (!h) {
      return null;
    } else {
      if (durationToStart >= threshold) durationToStart = avgInterval / 2;
      if (isCounter && h.count > 0 && hs[0].count >= 0) {
        // A counter histogram's count cannot go below zero: do not extrapolate past its zero point.
        const durationToZero = sampledInterval * (hs[0].count / h.count);
        if (durationToZero < durationToStart) durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= threshold) durationToEnd = avgInterval / 2;
    let factor = sampledInterval !== 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
    if (fn === 'rate') factor /= (w.rangeEnd - w.rangeStart) / 1000;
    const out = h.mul(factor);
    out.hint = 'gauge';
    return { v: NaN, h: out };
  };
}

/** sum_over_time, or avg_over_time (avg), of a window of histograms. */
export function histogramSumOver(avg: boolean): HistogramRangeFunction {
  return (w, hist, name) => {
    const hs = histogramsOnly(w, hist, name);
    if (!hs) return null;
    const pos = w.call.args[0].pos;
    let acc: FloatHistogram;
    try {
      if (hs.some((h) => h.hint === 'reset') && hs.some((h) => h.hint === 'not_reset')) {
        w.annotations.warn('conflicting counter resets during histogram aggregation', pos);
      }
      acc = (avg ? histogramMean : kahanSum)(hs, () => w.annotations.info('mismatched custom buckets were reconciled during aggregation', pos));
    } catch (e) {
      w.annotations.warn(mixError(e, name), pos);
      return null;
    }
    acc.hint = 'gauge';
    return { v: NaN, h: acc.trimmed() };
  };
}

// Whether the start timestamps of the window's samples i-1 and i say the counter restarted.
function stReset(w: Window, i: number): boolean {
  return w.st !== undefined && isStartTimestampReset(w.st[i - 1], w.t[i - 1], w.st[i], w.t[i]);
}

function sameHistogram(a: FloatHistogram, b: FloatHistogram): boolean {
  const x = a.copy().trimmed();
  const y = b.copy().trimmed();
  const eqArr = (p: number[], q: number[]): boolean => p.length === q.length && p.every((c, i) => c === q[i]);
  return (
    x.schema === y.schema &&
    x.zeroThreshold === y.zeroThreshold &&
    x.zeroCount === y.zeroCount &&
    x.count === y.count &&
    x.customValues.length === y.customValues.length &&
    x.customValues.every((c, i) => c === y.customValues[i]) &&
    (x.sum === y.sum || (Number.isNaN(x.sum) && Number.isNaN(y.sum))) &&
    (x.pBuckets.length === 0 || x.pOffset === y.pOffset) &&
    (x.nBuckets.length === 0 || x.nOffset === y.nOffset) &&
    eqArr(x.pBuckets, y.pBuckets) &&
    eqArr(x.nBuckets, y.nBuckets)
  );
}

/** histogram_stddev/stdvar: the estimated spread of observations, from bucket midpoints (geometric for exponential buckets). */
export function histogramVariance(h: FloatHistogram): number {
  const mean = h.sum / h.count;
  let variance = 0;
  let comp = 0;
  for (const b of h.buckets()) {
    if (b.count === 0) continue;
    let val: number;
    if (b.zero) val = 0;
    else if (h.usesCustomBuckets()) {
      if (b.lower === -Infinity || b.upper === Infinity) continue;
      val = (b.lower + b.upper) / 2;
    } else {
      val = Math.sqrt(b.upper * b.lower);
      if (b.upper < 0) val = -val;
    }
    const delta = val - mean;
    const term = b.count * delta * delta;
    const t = variance + term;
    if (!Number.isFinite(t)) comp = 0;
    else if (Math.abs(variance) >= Math.abs(term)) comp += variance - t + term;
    else comp += term - t + variance;
    variance = t;
  }
  return (variance + comp) / h.count;
}

export { histogramFraction, histogramQuantile };

export function metricName(metric: Parameters<typeof getLabel>[0]): string {
  return getLabel(metric, '__name__');
}

// A histogram between a at t1 and b at t2, at time `at`; across a counter reset it rises from zero to b.
export function interpolateHistogram(t1: number, a: FloatHistogram, t2: number, b: FloatHistogram, at: number, isCounter: boolean): FloatHistogram {
  const f = (at - t1) / (t2 - t1);
  try {
    if (isCounter && b.detectReset(a)) return b.mul(f);
    return a.add(b.sub(a).mul(f)).trimmed();
  } catch {
    return b;
  }
}

/** rate/increase/delta of histograms over an anchored or smoothed range (extendedRate's histogram case). */
export function extendedHistogramRate(
  t: Float64Array,
  hs: readonly (FloatHistogram | undefined)[],
  lo: number,
  hi: number,
  start: number,
  end: number,
  smoothed: boolean,
  fn: string,
  name: string,
  annos: Annotations,
  pos: PositionRange,
): Point | null {
  if (hi <= lo) return null;
  const isCounter = fn !== 'delta';
  for (let i = lo; i < hi; i++) {
    if (!hs[i]) {
      annos.warn(mixedFloatsHistograms(name), pos);
      return null;
    }
  }
  const h = (i: number): FloatHistogram => hs[i]!;
  let last = hi - 1;
  let first = lo;
  while (first + 1 < hi && t[first + 1] <= start) first++;
  if (smoothed) {
    let k = lo;
    while (k < last && t[k] < end) k++;
    last = k;
  }
  if (t[last] <= start || (smoothed && t[first] > end)) return null;
  // Every sample from first to last: one kind of buckets, and (for a counter) no gauges.
  for (let i = first; i <= last; i++) {
    if (h(i).usesCustomBuckets() !== h(first).usesCustomBuckets()) {
      annos.warn(mixedExpCustom(name), pos);
      return null;
    }
    if (isCounter && h(i).hint === 'gauge') annos.warn(notCounter(name), pos);
  }
  const at = (i: number, j: number, x: number): FloatHistogram => {
    if (x === t[i]) return h(i).copy();
    if (x === t[j]) return h(j).copy();
    return interpolateHistogram(t[i], h(i), t[j], h(j), x, isCounter);
  };
  const left = smoothed && t[first] < start ? at(first, first + 1, start) : h(first).copy();
  const right = smoothed && last > lo && t[last] > end ? at(last - 1, last, end) : h(last).copy();
  if (!isCounter && (left.hint !== 'gauge' || right.hint !== 'gauge')) annos.warn(notGauge(name), pos);
  let out: FloatHistogram;
  try {
    out = right.sub(left, () => annos.info('mismatched custom buckets were reconciled during subtraction', pos));
    if (isCounter) {
      // Resets between the boundary samples (Prometheus' correctForCounterResetsHistogram): the samples strictly
      // inside, compared from left; the last sample is right itself (or what right is interpolated towards), so
      // it is only compared through right. A left interpolated across a reset has accounted for that reset.
      let from = first + 1;
      let prev = left;
      if (smoothed && t[first] < start && h(first + 1).detectReset(h(first))) {
        prev = h(first + 1);
        from++;
      }
      const to = last - 1;
      if (from <= to + 1) {
        const onAdd = () => annos.info('mismatched custom buckets were reconciled during addition', pos);
        let correction: FloatHistogram | null = null;
        const addCorrection = (x: FloatHistogram) => {
          correction = correction ? correction.add(x, 1, onAdd) : x.copy();
        };
        for (let i = from; i <= to; i++) {
          if (h(i).detectReset(prev)) addCorrection(prev);
          prev = h(i);
        }
        if (right.detectReset(prev)) addCorrection(prev);
        if (correction) out = out.add(correction, 1, onAdd);
      }
    }
  } catch (e) {
    annos.warn(mixError(e, name), pos);
    return null;
  }
  if (fn === 'rate') out = out.div((end - start) / 1000);
  out = out.trimmed();
  out.hint = 'gauge';
  return { v: NaN, h: out };
}
