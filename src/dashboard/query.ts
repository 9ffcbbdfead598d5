// Runs a panel's targets as range queries over the dashboard's time range, like Grafana's Prometheus data source:
// one step for all targets, about one point per pixel, never below a second.

import type { Labels } from '../labels/labels.ts';
import { PromQLError, type Value } from '../promql/value.ts';
import { seriesName } from './legend.ts';
import type { Panel } from './model.ts';

export interface RangeQuerier {
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Value;
}

export interface PanelSeries {
  refId: string;
  name: string;
  labels: Labels;
  t: number[];
  v: number[];
}

export interface PanelData {
  start: number;
  end: number;
  step: number;
  series: PanelSeries[];
  /** PromQL errors by target, shown on the panel instead of data. */
  errors: { refId: string; message: string }[];
}

/** The query step for a range drawn over about `maxDataPoints` points, in whole seconds. */
export function panelStep(start: number, end: number, maxDataPoints: number): number {
  return Math.max(1, Math.ceil((end - start) / Math.max(1, maxDataPoints) / 1000)) * 1000;
}

export function queryPanel(prom: RangeQuerier, panel: Panel, start: number, end: number, maxDataPoints: number): PanelData {
  const step = panelStep(start, end, maxDataPoints);
  const data: PanelData = { start, end, step, series: [], errors: [] };
  for (const target of panel.targets ?? []) {
    const expr = target.expr ?? '';
    if (target.hide || expr.trim() === '') continue;
    let value: Value;
    try {
      value = prom.rangeQuery(expr, start, end, step);
    } catch (err) {
      if (!(err instanceof PromQLError)) throw err;
      data.errors.push({ refId: target.refId, message: err.message });
      continue;
    }
    if (value.type !== 'matrix') throw new Error(`range query returned a ${value.type}`);
    for (const s of value.series) {
      data.series.push({ refId: target.refId, name: seriesName(s.metric, target.legendFormat, expr), labels: s.metric, t: s.t, v: s.v });
    }
  }
  return data;
}
