// Estimates from a native histogram's buckets: quantiles, fractions, and the trim operators (Prometheus'
// promql/quantile.go and the </ >/ operators).

import type { FloatHistogram, Bucket } from './float_histogram.ts';

/** The observations of h in no bucket: NaN observations, which leave the sum NaN. */
export function nanObservations(h: FloatHistogram): number {
  if (!Number.isNaN(h.sum)) return 0;
  let total = h.zeroCount;
  for (const c of h.pBuckets) total += c;
  for (const c of h.nBuckets) total += c;
  return h.count > total ? h.count - total : 0;
}

/** Prometheus' histogramQuantile for native histograms (promql/quantile.go). */
export function histogramQuantile(q: number, h: FloatHistogram): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (h.count === 0 || Number.isNaN(q)) return NaN;
  const all = h.buckets();
  const nans = nanObservations(h);
  // NaN observations sort above everything: a rank among them has no value.
  if (nans > 0 && q * h.count > h.count - nans) return NaN;
  const forward = h.usesCustomBuckets() || q < 0.5 || nans > 0;
  let rank = forward ? q * h.count : (1 - q) * h.count;
  let count = 0;
  let bucket: Bucket | null = null;
  const order = forward ? all : all.slice().reverse();
  for (const b of order) {
    bucket = b;
    if (b.count === 0) continue;
    count += b.count;
    if (count >= rank) break;
  }
  if (!bucket) return NaN;
  let { lower, upper } = bucket;
  if (!h.usesCustomBuckets() && lower < 0 && upper > 0) {
    const hasNeg = h.nBuckets.some((c) => c !== 0);
    const hasPos = h.pBuckets.some((c) => c !== 0);
    if (!hasNeg && hasPos) lower = 0;
    else if (!hasPos && hasNeg) upper = 0;
  }
  if (h.usesCustomBuckets()) {
    if (lower === -Infinity) {
      if (upper <= 0) return upper;
      lower = 0;
    }
    if (upper === Infinity) return lower;
  }
  if (count > h.count) count = h.count;
  if (forward) rank -= count - bucket.count;
  else rank = count - rank;
  const fraction = rank / bucket.count;
  if (h.usesCustomBuckets() || (lower <= 0 && upper >= 0)) return lower + (upper - lower) * fraction;
  const logLower = Math.log2(Math.abs(lower));
  const logUpper = Math.log2(Math.abs(upper));
  if (lower > 0) return 2 ** (logLower + (logUpper - logLower) * fraction);
  return -(2 ** (logUpper + (logLower - logUpper) * (1 - fraction)));
}

/** Prometheus' histogramFraction: the estimated share of observations in [lower, upper]. */
export function histogramFraction(lower: number, upper: number, h: FloatHistogram): number {
  if (h.count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  const custom = h.usesCustomBuckets();
  const hasNeg = h.nBuckets.some((c) => c !== 0);
  const hasPos = h.pBuckets.some((c) => c !== 0);
  // A cut-off inside an infinitely wide bucket puts all of it on the infinite side.
  const interp = (b: Bucket, v: number, isLower: boolean): number => {
    let lo = b.lower;
    let up = b.upper;
    if (custom) {
      if (lo === -Infinity) {
        if (up <= 0) return rank + b.count;
        lo = 0;
      }
      if (up === Infinity) return rank;
      void isLower;
    } else if (lo < 0 && up > 0) {
      if (!hasNeg && hasPos) lo = 0;
      else if (!hasPos && hasNeg) up = 0;
    }
    if (v <= lo) return rank;
    if (v >= up) return rank + b.count;
    let fraction: number;
    if (custom || (lo <= 0 && up >= 0)) fraction = (v - lo) / (up - lo);
    else {
      const logLower = Math.log2(Math.abs(lo));
      const logUpper = Math.log2(Math.abs(up));
      const logV = Math.log2(Math.abs(v));
      fraction = lo > 0 ? (logV - logLower) / (logUpper - logLower) : 1 - (logV - logUpper) / (logLower - logUpper);
    }
    return rank + b.count * fraction;
  };
  for (const b of h.buckets()) {
    if (!lowerSet && b.lower >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && b.lower >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && b.lower < lower && b.upper > lower) {
      lowerRank = interp(b, lower, true);
      lowerSet = true;
    }
    if (!upperSet && b.lower < upper && b.upper > upper) {
      upperRank = interp(b, upper, false);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank += b.count;
  }
  // NaN observations are in no fraction (but count in the whole).
  const total = h.count - nanObservations(h);
  if (!lowerSet || lowerRank > total) lowerRank = total;
  if (!upperSet || upperRank > total) upperRank = total;
  return (upperRank - lowerRank) / h.count;
}

/**
 * The trim operators: `h </ x` keeps the observations below x, `h >/ x` those above it. A bucket the cut
 * crosses keeps the share of its count on the kept side (interpolated on a log scale for exponential buckets,
 * linearly for the zero bucket and custom buckets; none of an infinitely wide one); once anything is cut, the
 * sum is re-estimated from the midpoints of the kept parts of the buckets.
 */
export function trimHistogram(h: FloatHistogram, x: number, keepBelow: boolean): FloatHistogram {
  const custom = h.usesCustomBuckets();
  const out = h.copy();
  out.zeroCount = 0;
  out.pBuckets = out.pBuckets.map(() => 0);
  out.nBuckets = out.nBuckets.map(() => 0);
  let cut = false;
  let count = 0;
  let sum = 0;
  const hasNeg = h.nBuckets.some((c) => c !== 0);
  const hasPos = h.pBuckets.some((c) => c !== 0);
  const part = (b: Bucket): { f: number; a: number; z: number } => {
    let lo = b.lower;
    let up = b.upper;
    // The zero bucket of a histogram with buckets on one side only holds observations on that side.
    if (b.zero && hasPos && !hasNeg) lo = 0;
    if (b.zero && hasNeg && !hasPos) up = 0;
    // A first custom bucket reaching above zero is taken to start at zero, as histogram_quantile does (so
    // `</` below zero drops it). Prometheus' `>/` below zero still drops it as well, the -Inf bound counting.
    if (custom && lo === -Infinity && up > 0 && up !== Infinity && (x >= 0 || keepBelow)) lo = 0;
    const all = keepBelow ? up <= x : lo >= x;
    const none = keepBelow ? lo >= x : up <= x;
    if (all) return { f: 1, a: lo, z: up };
    if (lo === -Infinity && up === Infinity) return { f: 0, a: lo, z: up };
    if (none || Number.isNaN(x)) return { f: 0, a: lo, z: up };
    // Cut inside an infinitely wide bucket: all of it lies on the infinite side, at the cut at the closest.
    if (lo === -Infinity) return keepBelow ? { f: 1, a: x, z: x } : { f: 0, a: lo, z: up };
    if (up === Infinity) return keepBelow ? { f: 0, a: lo, z: up } : { f: 1, a: x, z: x };
    const a = keepBelow ? lo : x;
    const z = keepBelow ? x : up;
    let f: number;
    if (custom || b.zero) f = (z - a) / (up - lo);
    else if (lo >= 0) f = (Math.log2(z) - Math.log2(a)) / (Math.log2(up) - Math.log2(lo));
    else f = (Math.log2(-a) - Math.log2(-z)) / (Math.log2(-lo) - Math.log2(-up));
    return { f, a, z };
  };
  const midpoint = (b: Bucket, a: number, z: number): number => {
    if (custom) {
      if (!Number.isFinite(a)) return z;
      if (!Number.isFinite(z)) return a;
      return (a + z) / 2;
    }
    if (b.zero) return (a + z) / 2;
    return a >= 0 ? Math.sqrt(a * z) : -Math.sqrt(a * z);
  };
  const addTo = (b: Bucket, n: number): void => {
    if (b.zero) out.zeroCount = n;
    else if (custom || b.lower >= 0) {
      const idx = custom ? h.customValues.indexOf(b.upper) : Math.round(Math.log2(b.upper) * 2 ** h.schema);
      const i = (custom && b.upper === Infinity ? h.customValues.length : idx) - out.pOffset;
      out.pBuckets[i] = n;
    } else {
      const idx = Math.round(Math.log2(-b.lower) * 2 ** h.schema);
      out.nBuckets[idx - out.nOffset] = n;
    }
  };
  for (const b of h.buckets()) {
    if (b.count === 0) continue;
    const { f, a, z } = part(b);
    if (f !== 1) cut = true;
    const n = b.count * f;
    addTo(b, n);
    count += n;
    if (n !== 0) sum += n * midpoint(b, a, z);
  }
  if (!cut) return h.copy();
  out.count = count;
  out.sum = sum;
  return out.trimmed();
}
