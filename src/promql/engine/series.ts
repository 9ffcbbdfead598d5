// Series as the evaluator builds them: values per step, range-vector samples, per-step collection into
// series, and the result series a query returns.

import { compareLabels, type Labels } from '../../model/labels/labels.ts';
import type { SeriesData } from '../../storage/interface.ts';
import { PromQLError, type Sample, type Series } from '../value.ts';
import { finalLabels, keyOf } from './labelcache.ts';
import type { FloatHistogram } from '../../model/histogram/float_histogram.ts';
import { toArray, type Column } from './columns.ts';

export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

// A series evaluated at steps: t holds step times (or sample times for raw range vectors).
export interface StepSeries {
  metric: Labels;
  t: Column;
  v: Column;
  /** Native histogram points, parallel to v, where the series has any. */
  h?: (FloatHistogram | undefined)[];
}

// Samples of one series with staleness markers removed, for range-vector windows.
export interface RangeSeries {
  metric: Labels;
  t: Float64Array;
  v: Float64Array;
  h?: (FloatHistogram | undefined)[];
  /** Start timestamps from storage (0 = none); only selectors carry them, so subqueries and expressions cut them. */
  st?: Float64Array;
}

/** Whether any point of the series is a histogram. */
export function hasHistograms(s: { h?: (FloatHistogram | undefined)[] }): boolean {
  return s.h !== undefined && s.h.some((x) => x !== undefined);
}

/** A step series with its histogram points removed. */
export function floatSteps(s: StepSeries): StepSeries {
  if (!s.h || !hasHistograms(s)) return s;
  const out = { metric: s.metric, t: [] as number[], v: [] as number[] };
  for (let i = 0; i < s.t.length; i++) {
    if (s.h[i]) continue;
    out.t.push(s.t[i]);
    out.v.push(s.v[i]);
  }
  return out;
}

/** The series with its histogram points removed (for functions of floats only), or as-is. */
export function floatsOnly(s: RangeSeries): RangeSeries {
  if (!hasHistograms(s)) return s;
  const keep: number[] = [];
  for (let i = 0; i < s.t.length; i++) if (!s.h![i]) keep.push(i);
  const out: RangeSeries = { metric: s.metric, t: Float64Array.from(keep, (i) => s.t[i]), v: Float64Array.from(keep, (i) => s.v[i]) };
  if (s.st) out.st = Float64Array.from(keep, (i) => s.st![i]);
  return out;
}

// Drops staleness markers; a series without markers is used as-is (zero copy).
export function withoutStale(s: SeriesData): RangeSeries {
  let stale = 0;
  for (let i = 0; i < s.stale.length; i++) stale += s.stale[i];
  if (stale === 0) {
    const out: RangeSeries = s.h ? { metric: s.labels, t: s.t, v: s.v, h: s.h } : { metric: s.labels, t: s.t, v: s.v };
    if (s.st) out.st = s.st;
    return out;
  }
  const n = s.t.length - stale;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const st = s.st ? new Float64Array(n) : undefined;
  const h: (FloatHistogram | undefined)[] | undefined = s.h ? [] : undefined;
  for (let i = 0, j = 0; i < s.t.length; i++) {
    if (s.stale[i]) continue;
    t[j] = s.t[i];
    h?.push(s.h![i]);
    if (st) st[j] = s.st![i];
    v[j++] = s.v[i];
  }
  const out: RangeSeries = h ? { metric: s.labels, t, v, h } : { metric: s.labels, t, v };
  if (st) out.st = st;
  return out;
}

interface GrowingSeries extends StepSeries {
  t: number[];
  v: number[];
}

/** Collects per-step output vectors into series, rejecting a step that yields one labelset twice. */
export class SeriesCollector {
  private readonly byKey = new Map<string, GrowingSeries>();
  // By series object, to skip the key lookup; a label set reaches the same series every step.
  private readonly byMetric = new WeakMap<Labels, GrowingSeries>();

  addStep(vec: Sample[], ts: number): void {
    for (const s of vec) {
      let out = this.byMetric.get(s.metric);
      if (!out) {
        const key = keyOf(s.metric);
        out = this.byKey.get(key);
        if (!out) this.byKey.set(key, (out = { metric: s.metric, t: [], v: [] }));
        this.byMetric.set(s.metric, out);
      }
      // A second sample for the same labels in one step: its series already has a point at ts.
      if (out.t.length > 0 && out.t[out.t.length - 1] === ts) throw new PromQLError(DUPLICATE_LABELSET);
      if (s.h) {
        if (!out.h) out.h = new Array(out.t.length).fill(undefined);
        out.h.push(s.h);
      } else out.h?.push(undefined);
      out.t.push(ts);
      out.v.push(s.v);
    }
  }

  series(): StepSeries[] {
    return [...this.byKey.values()];
  }
}

// The first index whose time is at or after x.
export function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The samples of the step series at time ts; cursors advance monotonically as steps ascend.
export function vectorAt(series: StepSeries[], cursors: Int32Array, ts: number): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    let c = cursors[i];
    while (c < s.t.length && s.t[c] < ts) c++;
    cursors[i] = c;
    if (c < s.t.length && s.t[c] === ts) {
      const h = s.h?.[c];
      out.push(h ? { metric: s.metric, t: ts, v: s.v[c], h } : { metric: s.metric, t: ts, v: s.v[c] });
    }
  }
  return out;
}

// Series whose labels became equal (e.g. after dropping the name) are merged, unless they share a step.
export function mergeSeries(series: StepSeries[], start: number, end: number, interval: number): StepSeries[] {
  const keys = new Set(series.map((s) => keyOf(s.metric)));
  if (keys.size === series.length) return series;
  const collector = new SeriesCollector();
  const cursors = new Int32Array(series.length);
  const n = Math.floor((end - start) / interval) + 1;
  for (let k = 0; k < n; k++) {
    const ts = start + k * interval;
    collector.addStep(vectorAt(series, cursors, ts), ts);
  }
  return collector.series();
}

/**
 * The result series with dropped names removed, sorted by labels. Series that only differed by their name
 * become one, which is an error where both have a point at the same time.
 */
export function resultSeries(series: readonly StepSeries[]): Series[] {
  // Series with a point at every step share one column of step times, and then one array.
  const times = new Map<Column, number[]>();
  const byKey = new Map<string, Series[]>();
  for (const s of series) {
    const metric = finalLabels(s.metric);
    const key = keyOf(metric);
    const same = byKey.get(key);
    let t = times.get(s.t);
    if (t === undefined) times.set(s.t, (t = toArray(s.t)));
    const v = toArray(s.v);
    const part: Series = s.h && hasHistograms(s) ? { metric, t, v, h: s.h } : { metric, t, v };
    if (same) same.push(part);
    else byKey.set(key, [part]);
  }
  const out: Series[] = [];
  for (const parts of byKey.values()) {
    if (parts.length === 1) {
      out.push(parts[0]);
      continue;
    }
    const points = parts.flatMap((p) => p.t.map((t, i) => [t, p.v[i], p.h?.[i]] as const)).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < points.length; i++) if (points[i][0] === points[i - 1][0]) throw new PromQLError(DUPLICATE_LABELSET);
    const h = points.some((p) => p[2]) ? { h: points.map((p) => p[2]) } : {};
    out.push({ metric: parts[0].metric, t: points.map((p) => p[0]), v: points.map((p) => p[1]), ...h });
  }
  return out.sort((a, b) => compareLabels(a.metric, b.metric));
}

export function resultVector(samples: Sample[]): Sample[] {
  const seen = new Set<string>();
  return samples.map((s) => {
    const metric = finalLabels(s.metric);
    const key = keyOf(metric);
    if (seen.has(key)) throw new PromQLError(DUPLICATE_LABELSET);
    seen.add(key);
    return s.h ? { metric, t: s.t, v: s.v, h: s.h } : { metric, t: s.t, v: s.v };
  });
}
