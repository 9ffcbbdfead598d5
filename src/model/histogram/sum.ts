// Sums and means of native histograms (Prometheus' KahanAdd over every field).

import { FloatHistogram, HistogramMixError, intersectBounds, sameBounds } from './float_histogram.ts';

/**
 * The sum of histograms with Kahan-compensated addition of every field (Prometheus' KahanAdd), at the lowest
 * schema and the widest zero bucket among them; throws HistogramMixError for incompatible bucket layouts.
 */
export function kahanSum(hs: readonly FloatHistogram[], onReconcile?: () => void): FloatHistogram {
  const custom = hs[0].usesCustomBuckets();
  for (const h of hs) {
    if (h.usesCustomBuckets() !== custom) throw new HistogramMixError('mixed');
  }
  if (custom && hs.some((h) => !sameBounds(h.customValues, hs[0].customValues))) {
    let common = hs[0].customValues;
    for (const h of hs) common = intersectBounds(common, h.customValues);
    onReconcile?.();
    hs = hs.map((h) => h.toCustomBounds(common));
  }
  const schema = Math.min(...hs.map((h) => h.schema));
  const zt = Math.max(...hs.map((h) => h.zeroThreshold));
  const rs = hs.map((h) => h.reduceResolution(schema).widenZeroBucket(zt));
  const acc = (vals: number[]): number => {
    let sum = 0;
    let c = 0;
    for (const v of vals) {
      const t = sum + v;
      if (!Number.isFinite(t)) c = 0;
      else if (Math.abs(sum) >= Math.abs(v)) c += sum - t + v;
      else c += v - t + sum;
      sum = t;
    }
    return Number.isFinite(sum) ? sum + c : sum;
  };
  const side = (get: (h: FloatHistogram) => [number, number[]]): [number, number[]] => {
    const present = rs.filter((h) => get(h)[1].length > 0);
    if (present.length === 0) return [0, []];
    const lo = Math.min(...present.map((h) => get(h)[0]));
    const hi = Math.max(...present.map((h) => get(h)[0] + get(h)[1].length));
    const out: number[] = [];
    for (let idx = lo; idx < hi; idx++) {
      out.push(
        acc(
          present.map((h) => {
            const [o, b] = get(h);
            return idx >= o && idx < o + b.length ? b[idx - o] : 0;
          }),
        ),
      );
    }
    return [lo, out];
  };
  const [pOffset, pBuckets] = side((h) => [h.pOffset, h.pBuckets]);
  const [nOffset, nBuckets] = side((h) => [h.nOffset, h.nBuckets]);
  return new FloatHistogram(
    schema,
    zt,
    acc(rs.map((h) => h.zeroCount)),
    acc(rs.map((h) => h.count)),
    acc(rs.map((h) => h.sum)),
    pOffset,
    pBuckets,
    nOffset,
    nBuckets,
    custom ? hs[0].customValues : [],
    'gauge',
  ).trimmed();
}

/** The mean of histograms: their compensated sum over n, or, where that sum overflows, an incremental mean. */
export function histogramMean(hs: readonly FloatHistogram[], onReconcile?: () => void): FloatHistogram {
  const sum = kahanSum(hs, onReconcile);
  const finite = (h: FloatHistogram): boolean =>
    Number.isFinite(h.count) && Number.isFinite(h.sum) && Number.isFinite(h.zeroCount) && h.pBuckets.every(Number.isFinite) && h.nBuckets.every(Number.isFinite);
  if (finite(sum) || !hs.every(finite)) return sum.div(hs.length);
  let mean = hs[0].copy();
  for (let k = 1; k < hs.length; k++) {
    const n = k + 1;
    mean = mean.add(hs[k].div(n).sub(mean.div(n)), 1, onReconcile);
  }
  mean.hint = 'gauge';
  mean.trimmed();
  // Fields whose compensated sum stayed finite keep the more precise sum / n.
  const avg = sum.div(hs.length);
  const pick = (a: number, m: number): number => (Number.isFinite(a) ? a : m);
  mean.count = pick(avg.count, mean.count);
  mean.sum = pick(avg.sum, mean.sum);
  mean.zeroCount = pick(avg.zeroCount, mean.zeroCount);
  if (avg.pOffset === mean.pOffset && avg.pBuckets.length === mean.pBuckets.length) mean.pBuckets = avg.pBuckets.map((c, i) => pick(c, mean.pBuckets[i]));
  if (avg.nOffset === mean.nOffset && avg.nBuckets.length === mean.nBuckets.length) mean.nBuckets = avg.nBuckets.map((c, i) => pick(c, mean.nBuckets[i]));
  return mean;
}
