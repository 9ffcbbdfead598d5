// Functions over range vectors, like the matrix-argument functions in Prometheus' promql/functions.go.
// Each one looks at a window [lo, hi) of a series' samples (staleness markers already removed) and returns
// the output value, or null for "no output at this step".

import { getLabel } from '../../model/labels/labels.ts';
import { PromQLError } from '../value.ts';
import { invalidQuantile } from './annotations.ts';
import { ResetCounts, SlidingExtreme } from './sliding.ts';
import { isStartTimestampReset, startTimeOverlap, startTimeOverlaps, type Window } from './window.ts';
import {
  countOverHistograms,
  firstOverHistograms,
  histogramChanges,
  histogramInstant,
  histogramRateOver,
  histogramSumOver,
  lastOverHistograms,
  presentOverHistograms,
  tsOfFirstOverHistograms,
  tsOfLastOverHistograms,
  type HistogramRangeFunction,
} from './histogram_functions.ts';
import { KahanSum, MeanAccumulator, VarianceAccumulator, linearRegression, quantile } from './mathutil.ts';

/** Whether sample i of the window is a counter reset: its value dropped, or its start timestamp says so. */
function isReset(w: Window, i: number): boolean {
  return w.v[i] < w.v[i - 1] || (w.st !== undefined && isStartTimestampReset(w.st[i - 1], w.t[i - 1], w.st[i], w.t[i]));
}

export type RangeFunction = (w: Window) => number | null;

/** The increase across the window, extrapolated towards the range boundaries, into w.result; false for none. */
function extrapolatedRate(w: Window, isCounter: boolean, isRate: boolean): boolean {
  const { t, v, lo, hi, st } = w;
  // One sample is enough when its start timestamp gives the counter's zero point (below).
  if (hi - lo < 1) return false;
  let result = v[hi - 1] - v[lo];
  if (isCounter && !st) {
    if ((w.resets ??= new ResetCounts()).any(v, lo, hi)) for (let i = lo + 1; i < hi; i++) if (v[i] < v[i - 1]) result += v[i - 1];
  } else if (isCounter) {
    let overlap = false;
    for (let i = lo + 1; i < hi; i++) {
      // Warned once per series and step, as Prometheus does per series.
      if (st && !overlap && startTimeOverlaps(st[i - 1], t[i - 1], st[i])) {
        w.annotations.warn(startTimeOverlap(w.metric ? getLabel(w.metric, '__name__') : ''), w.call.args[0].pos);
        overlap = true;
      }
      if (isReset(w, i)) result += v[i - 1];
    }
  }
  const firstT = t[lo];
  const lastT = t[hi - 1];
  const samplesMinusOne = hi - lo - 1;
  let durationToStart = (firstT - w.rangeStart) / 1000;
  let durationToEnd = (w.rangeEnd - lastT) / 1000;
  let sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = samplesMinusOne > 0 ? sampledInterval / samplesMinusOne : 0;
  // Extrapolate to a boundary only when a sample would be expected there; otherwise assume the series
  // starts/ends half an average interval beyond the outermost samples.
  const threshold = averageDurationBetweenSamples * 1.1;
  const firstST = st ? st[lo] : 0;
  if (isCounter && firstST !== 0 && firstST > w.rangeStart && firstST < firstT) {
    // The first sample's start lies inside the (left-open) range: the counter was 0 then, so count from there
    // instead of extrapolating to the left. With a single sample there is no average interval, so no
    // extrapolation to the right either.
    durationToStart = 0;
    sampledInterval = (lastT - firstST) / 1000;
    result += v[lo];
  } else if (samplesMinusOne === 0) {
    return false;
  } else {
    if (durationToStart >= threshold) durationToStart = averageDurationBetweenSamples / 2;
    if (isCounter) {
      // A counter cannot go below zero: do not extrapolate further back than its zero point.
      let durationToZero = durationToStart;
      if (result > 0 && v[lo] >= 0) durationToZero = sampledInterval * (v[lo] / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
  }
  if (durationToEnd >= threshold) durationToEnd = averageDurationBetweenSamples / 2;
  let factor = sampledInterval !== 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
  if (isRate) factor /= (w.rangeEnd - w.rangeStart) / 1000;
  w.result = result * factor;
  return true;
}

// instantValue: irate/idelta from the last two samples.
function instantValue(w: Window, isRate: boolean): number | null {
  const { t, v, lo, hi } = w;
  if (hi - lo < 2) return null;
  const prevV = v[hi - 2];
  const lastV = v[hi - 1];
  let result = lastV - prevV;
  // A counter reset: the last value is the increase since the reset.
  if (isRate && (lastV < prevV || (w.st !== undefined && isStartTimestampReset(w.st[hi - 2], t[hi - 2], w.st[hi - 1], t[hi - 1])))) result = lastV;
  const interval = t[hi - 1] - t[hi - 2];
  if (interval === 0) return null;
  return isRate ? result / (interval / 1000) : result;
}

function windowValues(w: Window): number[] {
  return Array.from(w.v.subarray(w.lo, w.hi));
}

function avg(w: Window): number {
  const acc = new MeanAccumulator();
  for (let i = w.lo; i < w.hi; i++) acc.add(w.v[i]);
  return acc.value();
}

function variance(w: Window): number {
  const acc = new VarianceAccumulator();
  for (let i = w.lo; i < w.hi; i++) acc.add(w.v[i]);
  return acc.value();
}

// Index of the sample that wins under better(cur, best); NaN loses to any number; ties go to the later sample.
function extremeIndex(w: Window, better: (cur: number, best: number) => boolean): number {
  let best = w.lo;
  for (let i = w.lo + 1; i < w.hi; i++) if (better(w.v[i], w.v[best]) || Number.isNaN(w.v[best])) best = i;
  return best;
}

// Holt's linear trend smoothing (the former holt_winters): level smoothed by sf, trend by tf.
function doubleExponentialSmoothing(w: Window): number | null {
  const [sf, tf] = w.params;
  if (!(sf > 0 && sf < 1)) throw new PromQLError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf}`);
  if (!(tf > 0 && tf < 1)) throw new PromQLError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf}`);
  if (w.hi - w.lo < 2) return null;
  let s0 = 0;
  let s1 = w.v[w.lo];
  let b = w.v[w.lo + 1] - w.v[w.lo];
  for (let i = 1; i < w.hi - w.lo; i++) {
    if (i > 1) b = tf * (s1 - s0) + (1 - tf) * b;
    const next = sf * w.v[w.lo + i] + (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = next;
  }
  return s1;
}

const nonEmpty = (f: (w: Window) => number): RangeFunction => (w) => (w.hi > w.lo ? f(w) : null);

// The window's max or min, into w.result; the deque inlines here, so the number is not boxed on its way out.
function extreme(w: Window, max: boolean): boolean {
  if (w.hi <= w.lo) return false;
  w.result = (w.sliding ??= new SlidingExtreme(max)).at(w.v, w.lo, w.hi);
  return true;
}

/**
 * One entry per range function (functions.go's FunctionCalls): `float` over a window of floats; `histogram` over
 * a window that holds native histograms (without one, the function ignores them, with an info); `into` where the
 * range evaluation calls the function directly and finds the answer in w.result (a number returned through a
 * table is boxed, one heap number per series and step); `keepsName` where the output keeps the metric name.
 */
export interface RangeFunctionDef {
  readonly float: RangeFunction;
  readonly into?: (w: Window) => boolean;
  readonly histogram?: HistogramRangeFunction;
  readonly keepsName?: boolean;
}

const viaResult = (into: (w: Window) => boolean) => ({ into, float: (w: Window) => (into(w) ? w.result : null) });

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFunctionDef>> = {
  rate: { ...viaResult((w) => extrapolatedRate(w, true, true)), histogram: histogramRateOver('rate') },
  increase: { ...viaResult((w) => extrapolatedRate(w, true, false)), histogram: histogramRateOver('increase') },
  delta: { ...viaResult((w) => extrapolatedRate(w, false, false)), histogram: histogramRateOver('delta') },
  irate: { float: (w) => instantValue(w, true), histogram: histogramInstant(true) },
  idelta: { float: (w) => instantValue(w, false), histogram: histogramInstant(false) },
  changes: {
    float: nonEmpty((w) => {
      let n = 0;
      for (let i = w.lo + 1; i < w.hi; i++) {
        const cur = w.v[i];
        const prev = w.v[i - 1];
        if (!(cur === prev || (Number.isNaN(cur) && Number.isNaN(prev)))) n++;
      }
      return n;
    }),
    histogram: histogramChanges(false),
  },
  resets: {
    float: nonEmpty((w) => {
      let n = 0;
      for (let i = w.lo + 1; i < w.hi; i++) if (isReset(w, i)) n++;
      return n;
    }),
    histogram: histogramChanges(true),
  },
  deriv: { float: (w) => (w.hi - w.lo < 2 ? null : linearRegression(w.t, w.v, w.lo, w.hi, w.t[w.lo])[0]) },
  predict_linear: {
    float: (w) => {
      if (w.hi - w.lo < 2) return null;
      const [slope, intercept] = linearRegression(w.t, w.v, w.lo, w.hi, w.refTs);
      return slope * w.params[0] + intercept;
    },
  },
  avg_over_time: { float: nonEmpty(avg), histogram: histogramSumOver(true) },
  count_over_time: { float: nonEmpty((w) => w.hi - w.lo), histogram: countOverHistograms },
  sum_over_time: {
    float: nonEmpty((w) => {
      const sum = new KahanSum();
      for (let i = w.lo; i < w.hi; i++) sum.add(w.v[i]);
      return sum.value();
    }),
    histogram: histogramSumOver(false),
  },
  min_over_time: viaResult((w) => extreme(w, false)),
  max_over_time: viaResult((w) => extreme(w, true)),
  last_over_time: { float: nonEmpty((w) => w.v[w.hi - 1]), histogram: lastOverHistograms, keepsName: true },
  present_over_time: { float: nonEmpty(() => 1), histogram: presentOverHistograms },
  quantile_over_time: {
    float: nonEmpty((w) => {
      const q = w.params[0];
      if (!(q >= 0 && q <= 1)) w.annotations.warn(invalidQuantile(q), w.call.args[0].pos);
      return quantile(q, windowValues(w));
    }),
  },
  first_over_time: { float: nonEmpty((w) => w.v[w.lo]), histogram: firstOverHistograms, keepsName: true },
  ts_of_first_over_time: { float: nonEmpty((w) => w.t[w.lo] / 1000), histogram: tsOfFirstOverHistograms },
  ts_of_last_over_time: { float: nonEmpty((w) => w.t[w.hi - 1] / 1000), histogram: tsOfLastOverHistograms },
  ts_of_min_over_time: { float: nonEmpty((w) => w.t[extremeIndex(w, (cur, best) => cur <= best)] / 1000) },
  ts_of_max_over_time: { float: nonEmpty((w) => w.t[extremeIndex(w, (cur, best) => cur >= best)] / 1000) },
  mad_over_time: {
    float: nonEmpty((w) => {
      const values = windowValues(w);
      if (values.some(Number.isNaN)) return NaN;
      const median = quantile(0.5, values);
      return quantile(0.5, values.map((x) => Math.abs(x - median)));
    }),
  },
  double_exponential_smoothing: { float: doubleExponentialSmoothing },
  stddev_over_time: { float: nonEmpty((w) => Math.sqrt(variance(w))) },
  stdvar_over_time: { float: nonEmpty(variance) },
};
