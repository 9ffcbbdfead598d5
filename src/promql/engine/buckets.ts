// Classic histograms: `le` bucket series grouped per histogram, then quantiles and fractions over the
// cumulative counts, like BucketQuantile and BucketFraction in Prometheus' promql/quantile.go.

import { METRIC_NAME, getLabel, labelsKey, type Labels } from '../../model/labels/labels.ts';
import { parseGoFloat } from '../../textparse/floats.ts';
import type { PositionRange, Sample } from '../value.ts';
import type { Annotations } from './annotations.ts';
import { dropName } from './labelcache.ts';

export interface Bucket {
  upper: number;
  count: number;
}

export interface BucketGroup {
  metric: Labels;
  /** The bucket series' metric name, for annotations. */
  name: string;
  buckets: Bucket[];
}

/**
 * Groups `le` series by their other labels, the name included, so two histograms that differ only by name
 * collide after the name is dropped from the output. Series without a valid `le` are skipped.
 */
// A bucket series' histogram key and output labels, computed once per series.
const identities = new WeakMap<Labels, { key: string; metric: Labels }>();

export function groupBuckets(vec: Sample[], annos: Annotations, pos: PositionRange): BucketGroup[] {
  const groups = new Map<string, BucketGroup>();
  for (const s of vec) {
    const le = getLabel(s.metric, 'le');
    const upper = parseGoFloat(le);
    if (upper === null || Number.isNaN(upper)) {
      const name = getLabel(s.metric, METRIC_NAME);
      annos.warn(`bucket label "le" is missing or has a malformed value of "${le}" for metric name "${name}"`, pos);
      continue;
    }
    let id = identities.get(s.metric);
    if (!id) {
      const withoutLe = s.metric.filter((l) => l.name !== 'le');
      identities.set(s.metric, (id = { key: labelsKey(withoutLe), metric: dropName(withoutLe) }));
    }
    const { key, metric } = id;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric, name: getLabel(s.metric, METRIC_NAME), buckets: [] }));
    g.buckets.push({ upper, count: s.v });
  }
  return [...groups.values()];
}

// Sorted, with equal bounds coalesced and counts forced monotonic (ignoring float noise); onForced is
// called when a count really decreased.
function normalise(buckets: Bucket[], onForced?: () => void): Bucket[] {
  buckets.sort((a, b) => a.upper - b.upper);
  const bs: Bucket[] = [];
  for (const b of buckets) {
    const last = bs[bs.length - 1];
    if (last && last.upper === b.upper) last.count += b.count;
    else bs.push({ ...b });
  }
  let prev = bs.length ? bs[0].count : 0;
  for (let i = 1; i < bs.length; i++) {
    const cur = bs[i].count;
    if (cur !== prev && Math.abs(cur - prev) < 1e-12 * Math.abs(prev)) bs[i].count = prev;
    else if (cur < prev) {
      bs[i].count = prev;
      onForced?.();
    }
    prev = bs[i].count;
  }
  return bs;
}

/** The q-quantile of one classic histogram, interpolating linearly inside the bucket. */
export function bucketQuantile(q: number, g: BucketGroup, annos: Annotations, pos: PositionRange): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const bs = normalise(g.buckets, () =>
    annos.info(
      `input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "${g.name}"`,
      pos,
    ),
  );
  if (bs.length === 0 || bs[bs.length - 1].upper !== Infinity) return NaN;
  if (bs.length < 2) return NaN;
  const observations = bs[bs.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = 0;
  while (b < bs.length - 1 && bs[b].count < rank) b++;
  if (b === bs.length - 1) return bs[bs.length - 2].upper;
  if (b === 0 && bs[0].upper <= 0) return bs[0].upper;
  let start = 0;
  let count = bs[b].count;
  if (b > 0) {
    start = bs[b - 1].upper;
    count -= bs[b - 1].count;
    rank -= bs[b - 1].count;
  }
  return start + (bs[b].upper - start) * (rank / count);
}

/** The fraction of observations between lower and upper, interpolating linearly inside buckets. */
export function bucketFraction(lower: number, upper: number, buckets: Bucket[]): number {
  const bs = normalise(buckets);
  if (bs.length === 0 || bs[bs.length - 1].upper !== Infinity) return NaN;
  const count = bs[bs.length - 1].count;
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  // The cumulative count at v: linear inside a bucket, whose lower bound is the previous bucket's upper
  // bound (0 for a first bucket with a positive bound, as histogram_quantile assumes). A bucket of infinite
  // width is not interpolated: it contributes nothing to the range that reaches into it.
  const rankAt = (v: number): number => {
    let prevUpper = -Infinity;
    let prevCount = 0;
    for (let i = 0; i < bs.length; i++) {
      const b = bs[i];
      const lo = i === 0 ? (b.upper > 0 ? 0 : -Infinity) : prevUpper;
      if (v <= lo) return prevCount;
      if (v < b.upper) {
        if (lo === -Infinity) return b.count;
        if (b.upper === Infinity) return prevCount;
        return prevCount + ((b.count - prevCount) * (v - lo)) / (b.upper - lo);
      }
      prevUpper = b.upper;
      prevCount = b.count;
    }
    return count;
  };
  return (rankAt(upper) - rankAt(lower)) / count;
}
