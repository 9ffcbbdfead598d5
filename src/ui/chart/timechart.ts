// The chart.js set-up shared by the query page's graph and the dashboards' time series panels: chart.js loads on
// first use (it is a big chunk), time on x, no animation, a gap where a series has no sample for over a step.

import type { Chart, Plugin } from 'chart.js';

export const COLORS = ['#e6522c', '#1f77b4', '#2ca02c', '#9467bd', '#d62728', '#17becf', '#bcbd22', '#8c564b', '#e377c2', '#7f7f7f'];

export interface XY {
  x: number;
  y: number | null;
}

export type TimeChart = Chart<'line', XY[]>;

/** Ticks whose labels chart.js measures to fit the axes (time labels are all of one width). */
const TICK_SAMPLE = 8;

export interface TimeChartOptions {
  /** 'bar' draws each point as a bar (Grafana's bars draw style). */
  kind?: 'line' | 'bar';
  legend?: boolean;
  /** Y axis tick labels, e.g. in the panel's unit. */
  tick?: (v: number) => string;
  plugins?: Plugin<'line'>[];
}

export async function createTimeChart(canvas: HTMLCanvasElement, opts: TimeChartOptions = {}): Promise<TimeChart> {
  const [{ Chart, LineController, LineElement, PointElement, BarController, BarElement, Filler, LinearScale, TimeScale, Legend, Tooltip }] = await Promise.all([
    import('chart.js'),
    import('chartjs-adapter-date-fns'),
  ]);
  Chart.register(LineController, LineElement, PointElement, BarController, BarElement, Filler, LinearScale, TimeScale, Legend, Tooltip);
  const tick = opts.tick;
  return new Chart(canvas, {
    // A bar chart takes the same {x, y} points and options; chart.js' types only know one kind per chart.
    type: (opts.kind ?? 'line') as 'line',
    data: { datasets: [] },
    plugins: opts.plugins ?? [],
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      spanGaps: false,
      interaction: { mode: 'nearest', intersect: false },
      elements: { point: { radius: 0, hoverRadius: 3 }, line: { borderWidth: 1.5 } },
      scales: {
        x: {
          type: 'time',
          time: { displayFormats: { second: 'HH:mm:ss', minute: 'HH:mm', hour: 'HH:mm' }, tooltipFormat: 'yyyy-MM-dd HH:mm:ss' },
          // Label sizes from a sample of the ticks, not every one: refreshing a panel measured each label's text.
          ticks: { maxRotation: 0, autoSkipPadding: 24, sampleSize: TICK_SAMPLE },
          grid: { color: '#eef0f3' },
        },
        y: { beginAtZero: opts.kind === 'bar', grid: { color: '#eef0f3' }, ticks: { sampleSize: TICK_SAMPLE, ...(tick ? { callback: (v: number | string) => tick(Number(v)) } : {}) } },
      },
      plugins: {
        legend: { display: opts.legend ?? true, position: 'bottom', align: 'start', labels: { boxWidth: 12, boxHeight: 2 } },
        tooltip: tick ? { callbacks: { label: (c) => `${c.dataset.label}: ${tick(c.parsed.y ?? NaN)}` } } : {},
      },
    },
  });
}

/** Points for chart.js; a gap longer than a step (a stale or missing series) breaks the line. */
export function points(ts: readonly number[], vs: readonly number[], stepMs: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < ts.length; i++) {
    if (i > 0 && ts[i] - ts[i - 1] > stepMs * 1.5) out.push({ x: ts[i - 1] + stepMs, y: null });
    out.push({ x: ts[i], y: Number.isFinite(vs[i]) ? vs[i] : null });
  }
  return out;
}
