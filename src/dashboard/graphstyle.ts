// How a time series panel draws, read from its fieldConfig and options with Grafana's defaults filling the gaps:
// line width 1, no fill, points 'auto', no axis limits, a list legend at the bottom (the timeseries panel's
// defaults in Grafana 8–11). A value of the wrong kind counts as unset, as Grafana's own field config does.

import type { Panel } from './model.ts';
import { isCalc, type Calc } from './reduce.ts';

export type ShowPoints = 'auto' | 'always' | 'never';
export type LegendMode = 'list' | 'table' | 'hidden';

export interface GraphStyle {
  drawStyle: 'line' | 'bars' | 'points';
  lineWidth: number;
  /** 0–100. */
  fillOpacity: number;
  showPoints: ShowPoints;
  /** Diameter in pixels. */
  pointSize: number;
  /** Hard limits (`min`/`max`): the axis never goes past them. */
  min?: number;
  max?: number;
  /** Soft limits (`custom.axisSoftMin/Max`): the axis reaches at least this far, further if the data does. */
  softMin?: number;
  softMax?: number;
  legend: { mode: LegendMode; placement: 'bottom' | 'right'; calcs: Calc[] };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const pick = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

export function graphStyle(panel: Panel): GraphStyle {
  const d = panel.fieldConfig?.defaults ?? {};
  const c = d.custom ?? {};
  const l = panel.options?.legend ?? {};
  const calcs = Array.isArray(l.calcs) ? l.calcs.filter((x): x is Calc => typeof x === 'string' && isCalc(x)) : [];
  const mode = l.showLegend === false ? 'hidden' : pick(l.displayMode, ['list', 'table', 'hidden'] as const, 'list');
  return {
    drawStyle: pick(c.drawStyle, ['line', 'bars', 'points'] as const, 'line'),
    lineWidth: Math.max(0, num(c.lineWidth) ?? 1),
    fillOpacity: Math.min(100, Math.max(0, num(c.fillOpacity) ?? 0)),
    showPoints: pick(c.showPoints, ['auto', 'always', 'never'] as const, 'auto'),
    pointSize: Math.max(1, num(c.pointSize) ?? 5),
    min: num(d.min),
    max: num(d.max),
    softMin: num(c.axisSoftMin),
    softMax: num(c.axisSoftMax),
    legend: { mode, placement: pick(l.placement, ['bottom', 'right'] as const, 'bottom'), calcs },
  };
}

/**
 * Whether 'auto' points show: as uPlot decides, when the points of the densest series are at least a point's
 * width apart across the plot.
 */
export function autoPointsShow(pointsPerSeries: number, plotWidthPx: number, pointSize: number): boolean {
  return pointsPerSeries > 0 && pointsPerSeries <= plotWidthPx / (pointSize * 2);
}
