// The window a range function looks at: one series' samples in one step's range, and what carries from one
// step to the next; and what start timestamps say about counter resets.

import type { Labels } from '../../model/labels/labels.ts';
import type { Call } from '../parser/ast.ts';
import type { Annotations } from './annotations.ts';
import type { ResetCounts, SlidingExtreme } from './sliding.ts';

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
  /** The answer of a function's `into` (RANGE_FUNCTIONS): a number kept in a field is not boxed the way a returned one is. */
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
