// Functions over range vectors, like the matrix-argument functions in Prometheus' promql/functions.go.
// Each one looks at a window [lo, hi) of a series' samples (staleness markers already removed) and returns
// the output value, or null for "no output at this step".

import { getLabel, type Labels } from '../../model/labels/labels.ts';
import type { Call } from '../parser/ast.ts';
import { PromQLError } from '../value.ts';
import { invalidQuantile, type Annotations } from './annotations.ts';
import { ResetCounts, SlidingExtreme } from './sliding.ts';
import { KahanSum, MeanAccumulator, VarianceAccumulator, linearRegression, quantile } from './mathutil.ts';

/** A window of one series for one evaluation step; the engine reuses one object to avoid allocation. */
export interface Window {
  t: Float64Array;
  v: Float64Array;
  lo: number;
  hi: number;
  /** The range's left-open boundaries (t - range - offset, t - offset], in ms. */
  rangeStart: number;
  rangeEnd: number;
  /** The step's evaluation time in ms (not moved by @), where predict_linear puts its intercept. */
  refTs: number;
  /** Scalar arguments other than the range vector, in argument order. */
  params: number[];
  call: Call;
  annotations: Annotations;
  /** Start timestamps parallel to t (0 = none), where the range came straight from a selector that has them. */
  st?: Float64Array;
  /** The series' labels, for annotations that name the metric. */
  metric?: Labels;
  /** What max/min_over_time carry from one step's window to the next (one Window per function call). */
  sliding?: SlidingExtreme;
  /** What rate and increase carry from one step's window to the next. */
  resets?: ResetCounts;
  /** The answer of a RANGE_INTO function: a number kept in a field is not boxed the way a returned one is. */
  result: number;
}

/**
 * Whether a start timestamp says the counter restarted between two samples (Prometheus' isStartTimestampReset):
 * an unset (0) or invalid current ST (at or after its own sample) says nothing; one after the previous sample
 * is a reset; one before it is a cumulative series carrying on. An ST exactly at the previous sample is a delta
 * sample (a reset) only when the previous ST was a real one; otherwise it is a cumulative series whose start
 * was unknown.
 */
export function isStartTimestampReset(prevST: number, prevT: number, currST: number, currT: number): boolean {
  if (currST === 0 || currST >= currT) return false;
  if (currST < prevT) return false;
  if (currST > prevT) return true;
  if (prevST > prevT) return false;
  return prevST !== 0 && prevST !== prevT;
}

/** A sample whose start reaches back before the previous sample, without being the same cumulative start. */
export function startTimeOverlaps(prevST: number, prevT: number, currST: number): boolean {
  return currST !== 0 && currST < prevT && currST !== prevST;
}

export const startTimeOverlap = (name: string): string => `sample has start time that overlaps with previous sample timestamp for metric "${name}"`;

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
 * Range functions that leave their answer in w.result and say whether there is one. The range evaluation calls
 * these directly: a number returned through a table of functions is boxed, one heap number per series and step.
 */
export const RANGE_INTO: Readonly<Record<string, (w: Window) => boolean>> = {
  rate: (w) => extrapolatedRate(w, true, true),
  increase: (w) => extrapolatedRate(w, true, false),
  delta: (w) => extrapolatedRate(w, false, false),
  min_over_time: (w) => extreme(w, false),
  max_over_time: (w) => extreme(w, true),
};

const answer = (into: (w: Window) => boolean): RangeFunction => (w) => (into(w) ? w.result : null);

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFunction>> = {
  rate: answer(RANGE_INTO.rate),
  increase: answer(RANGE_INTO.increase),
  delta: answer(RANGE_INTO.delta),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  changes: nonEmpty((w) => {
    let n = 0;
    for (let i = w.lo + 1; i < w.hi; i++) {
      const cur = w.v[i];
      const prev = w.v[i - 1];
      if (!(cur === prev || (Number.isNaN(cur) && Number.isNaN(prev)))) n++;
    }
    return n;
  }),
  resets: nonEmpty((w) => {
    let n = 0;
    for (let i = w.lo + 1; i < w.hi; i++) if (isReset(w, i)) n++;
    return n;
  }),
  deriv: (w) => (w.hi - w.lo < 2 ? null : linearRegression(w.t, w.v, w.lo, w.hi, w.t[w.lo])[0]),
  predict_linear: (w) => {
    if (w.hi - w.lo < 2) return null;
    const [slope, intercept] = linearRegression(w.t, w.v, w.lo, w.hi, w.refTs);
    return slope * w.params[0] + intercept;
  },
  avg_over_time: nonEmpty(avg),
  count_over_time: nonEmpty((w) => w.hi - w.lo),
  sum_over_time: nonEmpty((w) => {
    const sum = new KahanSum();
    for (let i = w.lo; i < w.hi; i++) sum.add(w.v[i]);
    return sum.value();
  }),
  min_over_time: answer(RANGE_INTO.min_over_time),
  max_over_time: answer(RANGE_INTO.max_over_time),
  last_over_time: nonEmpty((w) => w.v[w.hi - 1]),
  present_over_time: nonEmpty(() => 1),
  quantile_over_time: nonEmpty((w) => {
    const q = w.params[0];
    if (!(q >= 0 && q <= 1)) w.annotations.warn(invalidQuantile(q), w.call.args[0].pos);
    return quantile(q, windowValues(w));
  }),
  first_over_time: nonEmpty((w) => w.v[w.lo]),
  ts_of_first_over_time: nonEmpty((w) => w.t[w.lo] / 1000),
  ts_of_last_over_time: nonEmpty((w) => w.t[w.hi - 1] / 1000),
  ts_of_min_over_time: nonEmpty((w) => w.t[extremeIndex(w, (cur, best) => cur <= best)] / 1000),
  ts_of_max_over_time: nonEmpty((w) => w.t[extremeIndex(w, (cur, best) => cur >= best)] / 1000),
  mad_over_time: nonEmpty((w) => {
    const values = windowValues(w);
    if (values.some(Number.isNaN)) return NaN;
    const median = quantile(0.5, values);
    return quantile(0.5, values.map((x) => Math.abs(x - median)));
  }),
  double_exponential_smoothing: doubleExponentialSmoothing,
  stddev_over_time: nonEmpty((w) => Math.sqrt(variance(w))),
  stdvar_over_time: nonEmpty(variance),
};

/** Functions whose output keeps the input's metric name. */
export const KEEPS_METRIC_NAME = new Set(['last_over_time', 'first_over_time']);
