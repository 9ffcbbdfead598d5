// Selectors: what a vector or matrix selector reads from the querier, and an instant vector selector's value at
// each step (the latest sample within the lookback delta).

import type { SeriesData } from '../../storage/interface.ts';
import { children, type Expr, type MatrixSelector, type VectorSelector } from '../parser/ast.ts';
import type { ColumnWriter } from './columns.ts';
import type { StepContext } from './context.ts';
import { interpolateHistogram, metricName, mixedExpCustom, mixedFloatsHistograms } from './histogram_functions.ts';
import { withoutStale, type RangeSeries, type StepSeries } from './series.ts';

const STATS_FUNCTIONS = new Set(['histogram_count', 'histogram_sum', 'histogram_avg']);

export function statsSelectors(e: Expr, out = new WeakSet<VectorSelector>(), under = false): WeakSet<VectorSelector> {
  if (e.type === 'VectorSelector' && under) out.add(e);
  const inside = under || (e.type === 'Call' && STATS_FUNCTIONS.has(e.func.name));
  for (const c of children(e)) statsSelectors(c, out, inside);
  return out;
}

// Counter resets read back as unknown hints outside histogram_count/sum/avg (prometheus/prometheus#15346).
function withoutResetHints(s: SeriesData): SeriesData {
  if (!s.h || !s.h.some((h) => h?.hint === 'reset')) return s;
  return {
    ...s,
    h: s.h.map((h) => {
      if (h?.hint !== 'reset') return h;
      const c = h.copy();
      c.hint = 'unknown';
      return c;
    }),
  };
}

export function select(sc: StepContext, vs: VectorSelector, mint: number, maxt: number, range?: number): SeriesData[] {
  let series = sc.ctx.querier.select(vs.matchers, { start: mint, end: maxt, step: sc.ctx.queryStep, range });
  if (!sc.ctx.statsSelectors.has(vs)) series = series.map(withoutResetHints);
  let n = 0;
  for (const s of series) n += s.t.length;
  sc.count(n);
  return series;
}

// Instant vector selector: per step, the latest sample in (t - lookback, t], unless it is a staleness marker.
// With asTimestamp, the value is the sample's own timestamp in seconds (for timestamp()); with asStart, its
// start timestamp in seconds, 0 where it has none (for start_timestamp()).
export function vectorSelector(sc: StepContext, vs: VectorSelector, asTimestamp: boolean, asStart = false): StepSeries[] {
  const [firstRef, lastRef] = sc.refBounds(vs);
  const lookback = sc.ctx.lookbackDelta;
  // A smoothed selector also needs the next sample after each step, to interpolate towards it.
  const ahead = vs.smoothed ? lookback : 0;
  const data = select(sc, vs, Math.min(firstRef, lastRef) - vs.offset - lookback + 1, Math.max(firstRef, lastRef) - vs.offset + ahead);
  const n = sc.steps();
  const out: StepSeries[] = [];
  const cols = sc.columns(data.length);
  const plain = !vs.smoothed && !asTimestamp && !asStart && vs.timestamp === null && vs.startOrEnd !== 'start' && vs.startOrEnd !== 'end';
  for (const s of data) {
    if (plain && !s.h) {
      latestAtSteps(s, cols, sc.start, sc.interval, n, vs.offset, lookback);
      const res = cols.finish(s.labels);
      if (res) out.push(res);
      continue;
    }
    const hs = asTimestamp ? undefined : s.h;
    let j = 0;
    for (let k = 0; k < n; k++) {
      const ts = sc.start + k * sc.interval;
      const at = sc.refTime(vs, ts) - vs.offset;
      if (j > 0 && s.t[j - 1] > at) j = 0;
      while (j < s.t.length && s.t[j] <= at) j++;
      const i = j - 1;
      if (i < 0 || s.t[i] <= at - lookback || s.stale[i]) continue;
      if (hs) {
        const nx = i + 1;
        const between = vs.smoothed && s.t[i] < at && nx < s.t.length && s.t[nx] <= at + lookback && !s.stale[nx];
        // Smoothing between a float and a histogram, or exponential and custom buckets, gives nothing.
        if (between && !hs[i] !== !hs[nx]) {
          sc.ctx.annotations.warn(mixedFloatsHistograms(metricName(s.labels)), vs.pos);
          continue;
        }
        if (hs[i]) {
          let h = hs[i];
          if (between) {
            if (hs[i]!.usesCustomBuckets() !== hs[nx]!.usesCustomBuckets()) {
              sc.ctx.annotations.warn(mixedExpCustom(metricName(s.labels)), vs.pos);
              continue;
            }
            h = interpolateHistogram(s.t[i], hs[i]!, s.t[nx], hs[nx]!, at, hs[i]!.hint !== 'gauge');
          }
          cols.addPoint(ts, NaN, h);
          continue;
        }
      }
      const next = i + 1;
      if (vs.smoothed && !asTimestamp && s.t[i] < at && next < s.t.length && s.t[next] <= at + lookback && !s.stale[next]) {
        cols.add(ts, s.v[i] + ((s.v[next] - s.v[i]) * (at - s.t[i])) / (s.t[next] - s.t[i]));
      } else cols.add(ts, asStart ? (s.st ? s.st[i] : 0) / 1000 : asTimestamp ? s.t[i] / 1000 : s.v[i]);
    }
    const res = cols.finish(s.labels);
    if (res) out.push(res);
  }
  sc.count(out.reduce((a, s) => a + s.t.length, 0));
  return out;
}

// The common case of a float series without @ or smoothing: one forward pass over the steps.
function latestAtSteps(s: SeriesData, cols: ColumnWriter, start: number, interval: number, n: number, offset: number, lookback: number): void {
  const st = s.t;
  const len = st.length;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const ts = start + k * interval;
    const at = ts - offset;
    while (j < len && st[j] <= at) j++;
    const i = j - 1;
    if (i < 0 || st[i] <= at - lookback || s.stale[i]) continue;
    cols.add(ts, s.v[i]);
  }
}

/** The samples a matrix selector covers across all steps, staleness markers removed. */
export function matrixSelectorSeries(sc: StepContext, arg: MatrixSelector): RangeSeries[] {
  const vs = arg.vectorSelector;
  const [a, b] = sc.refBounds(vs);
  const lookback = sc.ctx.lookbackDelta;
  // Extended selectors look one lookback delta further back (and ahead, when smoothed).
  const before = vs.anchored || vs.smoothed ? lookback : 0;
  const mint = Math.min(a, b) - vs.offset - arg.range - before + 1;
  const maxt = Math.max(a, b) - vs.offset + (vs.smoothed ? lookback : 0);
  return select(sc, vs, mint, maxt, arg.range).map(withoutStale);
}
