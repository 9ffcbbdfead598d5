// Histograms as text: Go's FloatHistogram.String, the test-script notation, and the test scripts' equality.

import { formatFloat } from '../strconv.ts';
import { type FloatHistogram, sameBounds } from './float_histogram.ts';

/** Whether two histograms are equal to Prometheus' test tolerance, with zero buckets at the ends ignored. */
export function histogramsAlmostEqual(a: FloatHistogram, b: FloatHistogram, eq: (x: number, y: number) => boolean): boolean {
  if (a.schema !== b.schema || !eq(a.count, b.count) || !eq(a.sum, b.sum)) return false;
  if (a.usesCustomBuckets() && !sameBounds(a.customValues, b.customValues)) return false;
  if (a.zeroThreshold !== b.zeroThreshold || !eq(a.zeroCount, b.zeroCount)) return false;
  const x = a.copy().trimmed();
  const y = b.copy().trimmed();
  const side = (ao: number, ab: number[], bo: number, bb: number[]): boolean =>
    ab.length === bb.length && (ab.length === 0 || ao === bo) && ab.every((c, i) => eq(c, bb[i]));
  return side(x.pOffset, x.pBuckets, y.pOffset, y.pBuckets) && side(x.nOffset, x.nBuckets, y.nOffset, y.nBuckets);
}

/** The test notation, for failure messages: {{schema:0 count:3 sum:2 buckets:[1 2]}}. */
export function histogramString(h: FloatHistogram): string {
  const parts = [`schema:${h.schema}`, `count:${h.count}`, `sum:${h.sum}`];
  if (h.zeroThreshold) parts.push(`z_bucket_w:${h.zeroThreshold}`);
  if (h.zeroCount) parts.push(`z_bucket:${h.zeroCount}`);
  if (h.pBuckets.length) parts.push(`offset:${h.pOffset}`, `buckets:[${h.pBuckets.join(' ')}]`);
  if (h.nBuckets.length) parts.push(`n_offset:${h.nOffset}`, `n_buckets:[${h.nBuckets.join(' ')}]`);
  if (h.customValues.length) parts.push(`custom_values:[${h.customValues.join(' ')}]`);
  if (h.hint !== 'unknown') parts.push(`counter_reset_hint:${h.hint}`);
  return `{{${parts.join(' ')}}}`;
}

/** Go's FloatHistogram.String: `{count:20, sum:10, [-2,-1):2, [-0.001,0.001]:2, (0.5,1]:1}`, empty buckets left out. */
export function goHistogramString(h: FloatHistogram): string {
  const fmt = (v: number): string => formatFloat(v, 'g');
  const parts = [`count:${fmt(h.count)}`, `sum:${fmt(h.sum)}`];
  for (const b of h.buckets()) {
    if (b.count === 0) continue;
    parts.push(`${b.lowerInclusive ? '[' : '('}${fmt(b.lower)},${fmt(b.upper)}${b.upperInclusive ? ']' : ')'}:${fmt(b.count)}`);
  }
  return `{${parts.join(', ')}}`;
}
