// The uPlot set-up shared by the query page's graph and the dashboards' time series panels. uPlot is what Grafana
// draws its time series with: a refresh is a few milliseconds of path drawing, where a general chart library
// spent tens of milliseconds per panel resolving options and measuring tick labels. Time on x in milliseconds; a
// series without a sample at a step leaves a gap there.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const COLORS = ['#e6522c', '#1f77b4', '#2ca02c', '#9467bd', '#d62728', '#17becf', '#bcbd22', '#8c564b', '#e377c2', '#7f7f7f'];

export type Plot = uPlot;

export interface PlotSeries {
  name: string;
  t: readonly number[];
  v: readonly number[];
}

/** How the series draw: Grafana's time series field config, and the query page's stacked mode. */
export interface Look {
  drawStyle: 'line' | 'bars' | 'points';
  lineWidth: number;
  /** 0–100. */
  fillOpacity: number;
  /** Diameter in pixels. */
  pointSize: number;
  /** Each series drawn on top of the ones before it, filled down to them. */
  stacked: boolean;
  min?: number;
  max?: number;
  softMin?: number;
  softMax?: number;
}

const AXIS_FONT = '12px system-ui, sans-serif';
const AXIS_COLOR = '#4b5563';
const GRID = { stroke: '#eef0f3', width: 1 };

/** A colour at Grafana's fill opacity (0–100). */
export const alpha = (hex: string, opacity: number) => `${hex}${Math.round((opacity / 100) * 255).toString(16).padStart(2, '0')}`;

/**
 * One x column shared by every series and a y column per series, null where a series has no sample at that time
 * (uPlot breaks the line there) or its value is not finite. Stacked, each column is the running sum of the shown
 * series so far.
 */
export function aligned(series: readonly PlotSeries[], stackShown?: readonly boolean[]): uPlot.AlignedData {
  const xs = [...new Set(series.flatMap((s) => s.t))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const cols = series.map((s) => {
    const y: (number | null)[] = new Array(xs.length).fill(null);
    for (let i = 0; i < s.t.length; i++) if (Number.isFinite(s.v[i])) y[at.get(s.t[i])!] = s.v[i];
    return y;
  });
  if (stackShown) {
    const sum: number[] = new Array(xs.length).fill(0);
    cols.forEach((y, i) => {
      if (!stackShown[i]) return;
      for (let j = 0; j < y.length; j++) if (y[j] !== null) y[j] = sum[j] += y[j]!;
    });
  }
  return [xs, ...cols];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Time tick labels as Grafana writes them: 24-hour, seconds when the ticks are closer than a minute, the date when a day apart. */
function clock(t: number, incr: number): string {
  const d = new Date(t);
  if (incr >= 86_400_000) return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return incr < 60_000 ? `${hm}:${pad(d.getSeconds())}` : hm;
}

let measurer: CanvasRenderingContext2D | null = null;
/** Width of the widest label in CSS pixels, at the axes' font. */
function textWidth(labels: readonly string[]): number {
  measurer ??= document.createElement('canvas').getContext('2d')!;
  measurer.font = AXIS_FONT;
  return Math.max(0, ...labels.map((l) => measurer!.measureText(l).width));
}

/** Grafana's y axis: hard limits clamp it, soft ones only widen it; bars and stacks start at zero. */
function yRange(look: Look): uPlot.Range.Function {
  return (_u, dmin, dmax) => {
    // A flat line sits in the middle of a small span around it (zero: 0 to 1).
    let [lo, hi]: (number | null)[] =
      dmin === null || dmax === null ? [0, 1] : dmin === dmax ? (dmin === 0 ? [0, 1] : [dmin - Math.abs(dmin) * 0.1, dmax + Math.abs(dmax) * 0.1]) : uPlot.rangeNum(dmin, dmax, 0.1, true);
    if (look.drawStyle === 'bars' || look.stacked) [lo, hi] = [Math.min(lo!, 0), Math.max(hi!, 0)];
    if (look.softMin !== undefined) lo = Math.min(lo!, look.softMin);
    if (look.softMax !== undefined) hi = Math.max(hi!, look.softMax);
    if (look.min !== undefined) lo = look.min;
    if (look.max !== undefined) hi = look.max;
    return [lo, hi];
  };
}

export interface PlotOptions {
  width: number;
  height: number;
  series: readonly PlotSeries[];
  hidden: ReadonlySet<string>;
  look: Look;
  /** The x axis' span, read at every redraw. */
  span: () => [number, number];
  /** Y axis tick labels, e.g. in the panel's unit. */
  tick: (v: number) => string;
  /** Whether points are drawn on the lines, asked at every redraw (Grafana's 'auto' depends on the data). */
  points: () => boolean;
  /** Called as the cursor moves, with its position (CSS pixels in the plot area; left < 0 when it left). */
  oncursor: (u: Plot) => void;
}

export function createPlot(target: HTMLElement, o: PlotOptions, data: uPlot.AlignedData): Plot {
  const { look } = o;
  const bars = look.drawStyle === 'bars' ? uPlot.paths.bars!({ size: [0.6, 100] }) : undefined;
  const none = () => null;
  const shown = o.series.map((s) => !o.hidden.has(s.name));
  const series: uPlot.Series[] = [
    {},
    ...o.series.map((s, i): uPlot.Series => {
      const color = COLORS[i % COLORS.length];
      const fill = look.stacked ? alpha(color, 33) : look.drawStyle === 'bars' ? alpha(color, look.fillOpacity || 100) : look.fillOpacity > 0 ? alpha(color, look.fillOpacity) : undefined;
      return {
        label: s.name,
        show: shown[i],
        stroke: color,
        width: look.drawStyle === 'points' ? 0 : look.lineWidth,
        fill,
        paths: look.drawStyle === 'points' ? none : bars,
        points: { show: look.drawStyle === 'points' ? true : look.drawStyle === 'line' ? o.points : false, size: look.pointSize, fill: color, stroke: color },
        spanGaps: false,
      };
    }),
  ];
  // A stacked series fills down to the shown one below it (the first one to zero).
  const bands: uPlot.Band[] = [];
  if (look.stacked) {
    let below = -1;
    o.series.forEach((_, i) => {
      if (!shown[i]) return;
      if (below >= 0) bands.push({ series: [i + 1, below + 1] });
      below = i;
    });
  }
  const axis = { stroke: AXIS_COLOR, font: AXIS_FONT, grid: GRID, ticks: { show: false } };
  return new uPlot(
    {
      width: o.width,
      height: o.height,
      ms: 1,
      legend: { show: false },
      padding: [8, 16, 0, 0],
      cursor: { drag: { x: false, y: false }, y: false, points: { size: 7 } },
      scales: { x: { time: true, range: () => o.span() }, y: { range: yRange(look) } },
      series,
      bands,
      axes: [
        { ...axis, space: 80, values: (_u, splits, _i, _space, incr) => splits.map((t) => clock(t, incr)) },
        { ...axis, values: (_u, splits) => splits.map(o.tick), size: (_u, values) => (values ? Math.ceil(textWidth(values)) + 12 : 40) },
      ],
      hooks: { setCursor: [o.oncursor] },
    },
    data,
    target,
  );
}

/**
 * The shown series whose value at the step under x is nearest y (CSS pixels in the plot area), by index into the
 * series; null when no shown series has a value there.
 */
export function nearestSeries(u: Plot, values: uPlot.AlignedData, x: number, y: number): number | null {
  if (x < 0 || y < 0 || values[0].length === 0) return null;
  const idx = u.posToIdx(x);
  let best: number | null = null;
  let dist = Infinity;
  for (let i = 1; i < values.length; i++) {
    const v = values[i][idx];
    if (v === null || v === undefined || !u.series[i].show) continue;
    const d = Math.abs(u.valToPos(v, 'y') - y);
    if (d < dist) [best, dist] = [i - 1, d];
  }
  return best;
}

// The first plot a page makes compiles uPlot's code, which took 50–100 ms in one task on a busy machine. Making a
// small detached plot while the page is idle compiles it before the first answer arrives.
if (typeof requestIdleCallback === 'function') {
  requestIdleCallback(() => {
    const series = [{ name: '', t: [0, 1], v: [0, 1] }];
    const look: Look = { drawStyle: 'line', lineWidth: 1, fillOpacity: 10, pointSize: 5, stacked: false };
    const plot = createPlot(document.createElement('div'), { width: 200, height: 100, series, hidden: new Set(), look, span: () => [0, 1], tick: String, points: () => false, oncursor: () => {} }, aligned(series));
    queueMicrotask(() => plot.destroy());
  });
}
