// What a range query shows around a fault: each series' points before it (the warm-up) against its points since.
// A series rises or falls when its extreme since the fault leaves the band it kept before by a clear margin, appears
// when it had no points before, vanishes when it stops for a while after having points.

import type { Labels } from '../model/labels/labels.ts';
import type { Series } from '../promql/value.ts';
import type { Anomaly } from './types.ts';

/** How far past its earlier extreme a series must go to count as a change (1.5 = half as much again). */
export const CHANGE_RATIO = 1.5;
/** Steps in a row without a point that make a gap (one missed evaluation is noise). */
const GAP_STEPS = 2;

export interface SeriesChange {
  metric: Labels;
  shows: Anomaly[];
  /** Extremes before and since the fault (NaN when there were no points). */
  before: { min: number; max: number };
  since: { min: number; max: number };
}

function extremes(v: number[]): { min: number; max: number } {
  const finite = v.filter((x) => Number.isFinite(x));
  return finite.length === 0 ? { min: NaN, max: NaN } : { min: Math.min(...finite), max: Math.max(...finite) };
}

/** `faultAt` splits the range; `stepMs` is the range query's step, `endMs` its end. */
export function changes(series: readonly Series[], faultAt: number, stepMs: number, endMs: number): SeriesChange[] {
  return series.map((s) => {
    const beforeV: number[] = [];
    const sinceV: number[] = [];
    const sinceT: number[] = [];
    s.t.forEach((t, i) => {
      if (t < faultAt) beforeV.push(s.v[i]);
      else {
        sinceV.push(s.v[i]);
        sinceT.push(t);
      }
    });
    const before = extremes(beforeV);
    const since = extremes(sinceV);
    const shows: Anomaly[] = [];
    if (beforeV.length === 0 && sinceV.length > 0) shows.push('appear');
    if (beforeV.length > 0 && hasGap(sinceT, faultAt, stepMs, endMs)) shows.push('vanish');
    if (beforeV.length > 0 && sinceV.length > 0) {
      const up = Math.max(Math.abs(before.max) * (CHANGE_RATIO - 1), 1e-9);
      const down = Math.max(Math.abs(before.min) * (1 - 1 / CHANGE_RATIO), 1e-9);
      if (since.max > before.max + up) shows.push('rise');
      if (since.min < before.min - down) shows.push('fall');
    }
    return { metric: s.metric, shows, before, since };
  });
}

function hasGap(times: number[], from: number, step: number, end: number): boolean {
  let last = from - step;
  for (const t of [...times, end + step]) {
    if (t - last > GAP_STEPS * step) return true;
    last = t;
  }
  return false;
}
