// A heatmap of classic histogram buckets over time: the cumulative `_bucket` series (one per `le`) of a range
// query, summed across histograms that differ in other labels, turned into per-bucket counts per step.

import { getLabel, labelsKey, type Labels } from '../../model/labels/labels.ts';
import type { Series } from '../../promql/value.ts';

export interface Heatmap {
  /** Bucket bounds, ascending: bucket i holds observations in (lower, upper]. */
  readonly buckets: { lower: number; upper: number }[];
  readonly times: number[];
  /** cells[t][b]: the count (or rate) in bucket b at times[t]; NaN where there is no sample. */
  readonly cells: number[][];
  /** How many histograms (label sets apart from `le`) were summed. */
  readonly histograms: number;
  readonly max: number;
}

function parseLe(s: string): number {
  return s === '+Inf' ? Infinity : Number(s);
}

function withoutLe(ls: Labels): string {
  return labelsKey(ls.filter((l) => l.name !== 'le' && l.name !== '__name__'));
}

/** Null when no series carries an `le` label: the query does not return histogram buckets. */
export function bucketHeatmap(series: readonly Series[]): Heatmap | null {
  const withLe = series.filter((s) => getLabel(s.metric, 'le') !== '' && !Number.isNaN(parseLe(getLabel(s.metric, 'le'))));
  if (withLe.length === 0) return null;
  const les = [...new Set(withLe.map((s) => parseLe(getLabel(s.metric, 'le'))))].sort((a, b) => a - b);
  const times = [...new Set(withLe.flatMap((s) => s.t))].sort((a, b) => a - b);
  const ti = new Map(times.map((t, i) => [t, i]));
  const li = new Map(les.map((le, i) => [le, i]));
  // Cumulative counts per step and bucket, summed over histograms.
  const cum = times.map(() => les.map(() => NaN));
  for (const s of withLe) {
    const b = li.get(parseLe(getLabel(s.metric, 'le')))!;
    s.t.forEach((t, i) => {
      const row = cum[ti.get(t)!];
      row[b] = (Number.isNaN(row[b]) ? 0 : row[b]) + s.v[i];
    });
  }
  let max = 0;
  const cells = cum.map((row) =>
    row.map((c, b) => {
      // A bucket counts what its cumulative count adds to the one below; float error must not go negative.
      const v = b === 0 ? c : Math.max(0, c - row[b - 1]);
      if (Number.isFinite(v)) max = Math.max(max, v);
      return v;
    }),
  );
  return {
    buckets: les.map((upper, i) => ({ lower: i === 0 ? (upper > 0 ? 0 : -Infinity) : les[i - 1], upper })),
    times,
    cells,
    histograms: new Set(withLe.map((s) => withoutLe(s.metric))).size,
    max,
  };
}
