// Runs a panel's targets as range queries over the dashboard's time range, like Grafana's Prometheus data source:
// one step for all targets, about one point per pixel, never below a second.

import { DatasourceError } from '../datasource/remote.ts';
import type { Labels } from '../model/labels/labels.ts';
import { PromQLError, type QueryResult, type Value } from '../promql/value.ts';
import { seriesName } from './legend.ts';
import type { Panel } from './model.ts';

/** The in-browser Prometheus or a real server (src/datasource). */
export interface RangeQuerier {
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<QueryResult>;
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

export async function queryPanel(source: RangeQuerier, panel: Panel, start: number, end: number, maxDataPoints: number): Promise<PanelData> {
  const step = panelStep(start, end, maxDataPoints);
  const data: PanelData = { start, end, step, series: [], errors: [] };
  for (const target of panel.targets ?? []) {
    const expr = target.expr ?? '';
    if (target.hide || expr.trim() === '') continue;
    let value: Value;
    try {
      value = (await source.rangeQuery(expr, start, end, step)).value;
    } catch (err) {
      // A server that stops answering shows on the panel like a bad query does.
      if (!(err instanceof PromQLError || err instanceof DatasourceError)) throw err;
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
