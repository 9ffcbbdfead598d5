// Extended range selectors (`anchored`, `smoothed`), as in Prometheus' extendedRate and extendFloats. The
// samples given cover the range widened by the lookback delta (at both ends for smoothed); `anchored` takes
// the last sample at or before the range's start as its left edge, `smoothed` interpolates both edges.

import { PromQLError } from '../value.ts';

/** Functions that accept each modifier, in Prometheus' error wording order. */
export const EXTENDED_FUNCTIONS = {
  anchored: ['changes', 'delta', 'increase', 'rate', 'resets'],
  smoothed: ['delta', 'increase', 'rate'],
} as const;

export function checkExtendedFunction(which: 'anchored' | 'smoothed', func: string): void {
  const allowed: readonly string[] = EXTENDED_FUNCTIONS[which];
  if (!allowed.includes(func)) throw new PromQLError(`${which} modifier can only be used with: ${allowed.join(', ')} - not with ${func}`);
}

// Linear interpolation at time at; across a counter reset the counter rises from zero to the later value.
function interpolate(t1: number, y1: number, t2: number, y2: number, at: number, isCounter: boolean): number {
  if (isCounter && y2 < y1) y1 = 0;
  return y1 + ((y2 - y1) * (at - t1)) / (t2 - t1);
}

/** Go's sort.Search over [lo, hi): the first index where pred holds, or hi. */
function search(lo: number, hi: number, pred: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Edges {
  first: number;
  last: number;
  left: number;
  right: number;
  /** The samples strictly inside the range, [from, to]: the edge values stand in for samples on its boundaries. */
  from: number;
  to: number;
}

// The samples at the edges and the values there; null when nothing lies after the range's start.
function edges(t: Float64Array, v: Float64Array, lo: number, hi: number, start: number, end: number, smoothed: boolean, isCounter: boolean): Edges | null {
  if (hi <= lo) return null;
  let last = hi - 1;
  const first = Math.max(lo, search(lo, last, (i) => t[i] > start) - 1);
  if (smoothed) last = search(lo, last, (i) => t[i] >= end);
  // Nothing inside the range: all samples before its start, or (smoothed) all after its end.
  if (t[last] <= start || (smoothed && t[first] > end)) return null;
  const left = smoothed && t[first] < start ? interpolate(t[first], v[first], t[first + 1], v[first + 1], start, isCounter) : v[first];
  const right = smoothed && last > lo && t[last] > end ? interpolate(t[last - 1], v[last - 1], t[last], v[last], end, isCounter) : v[last];
  const from = t[first] <= start ? first + 1 : first;
  const to = t[last] >= end ? last - 1 : last;
  return { first, last, left, right, from, to };
}

/** rate/increase/delta over an anchored or smoothed range. */
export function extendedRate(
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  start: number,
  end: number,
  smoothed: boolean,
  isCounter: boolean,
  isRate: boolean,
): number | null {
  const e = edges(t, v, lo, hi, start, end, smoothed, isCounter);
  if (!e) return null;
  let result = e.right - e.left;
  if (isCounter) {
    // Resets strictly inside the range; the edges already account for resets at the boundaries.
    let prev = e.left;
    for (let i = e.from; i <= e.to; i++) {
      if (v[i] < prev) result += prev;
      prev = v[i];
    }
    if (e.right < prev) result += prev;
  }
  return isRate ? result / ((end - start) / 1000) : result;
}

/** The range's samples with synthetic points at both edges (t = start and t = end). */
export function extendFloats(
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  start: number,
  end: number,
  smoothed: boolean,
): { t: Float64Array; v: Float64Array } | null {
  const e = edges(t, v, lo, hi, start, end, smoothed, false);
  if (!e) return null;
  const { from, to } = e;
  const n = Math.max(to - from + 1, 0);
  const ot = new Float64Array(n + 2);
  const ov = new Float64Array(n + 2);
  ot[0] = start;
  ov[0] = e.left;
  ot.set(t.subarray(from, from + n), 1);
  ov.set(v.subarray(from, from + n), 1);
  ot[n + 1] = end;
  ov[n + 1] = e.right;
  return { t: ot, v: ov };
}
