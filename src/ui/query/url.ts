// The query page's state in the URL, with Prometheus' own parameter names (g0.expr, g0.tab, g0.range_input,
// g0.step_input, g0.display_mode; g1.* for a second panel ...), so a shared link restores every panel.
// Parsing is defensive: a bad value keeps the default and says why.

import { formatDuration, parseDuration } from '../../promql/index.ts';

export const TABS = ['table', 'graph', 'explain'] as const;
export type Tab = (typeof TABS)[number];
export const DISPLAY_MODES = ['lines', 'stacked', 'heatmap'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

export interface PanelState {
  expr: string;
  tab: Tab;
  rangeMs: number;
  /** Graph resolution in ms, or null for automatic. */
  stepMs: number | null;
  displayMode: DisplayMode;
  /** The graph's right edge (ms), or null for now. */
  endMs: number | null;
}

export const DEFAULT_PANEL: Readonly<PanelState> = { expr: '', tab: 'table', rangeMs: 15 * 60_000, stepMs: null, displayMode: 'lines', endMs: null };

/** More panels than this in a URL are ignored. */
export const MAX_PANELS = 8;
/** A range query may hold at most 11,000 points per series, like Prometheus' API. */
const MAX_POINTS = 11_000;

/** One problem with a URL parameter, e.g. `g0.range_input: "abc" is not a duration`. */
export interface UrlProblem {
  readonly param: string;
  readonly value: string;
  readonly reason: 'notDuration' | 'notTab' | 'notDisplayMode' | 'tooManyPoints' | 'tooManyPanels' | 'notTime';
}

export function encodePanels(panels: readonly PanelState[]): string {
  const p = new URLSearchParams();
  panels.forEach((s, i) => {
    p.set(`g${i}.expr`, s.expr);
    p.set(`g${i}.tab`, s.tab);
    p.set(`g${i}.range_input`, formatDuration(s.rangeMs));
    if (s.stepMs !== null) p.set(`g${i}.step_input`, formatDuration(s.stepMs));
    if (s.displayMode !== 'lines') p.set(`g${i}.display_mode`, s.displayMode);
    if (s.endMs !== null) p.set(`g${i}.end_input`, formatEnd(s.endMs));
  });
  return p.toString();
}

/** Prometheus' end_input: `2026-11-24 09:30:00` in UTC. */
export function formatEnd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function parseEnd(s: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)Z?$/.exec(s.trim());
  const ms = m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

function positiveDuration(s: string): number | null {
  const ms = parseDuration(s);
  return ms !== null && ms > 0 ? ms : null;
}

export function decodePanels(query: string): { panels: PanelState[]; problems: UrlProblem[] } {
  const params = new URLSearchParams(query);
  const problems: UrlProblem[] = [];
  const indexes = new Set<number>();
  for (const key of params.keys()) {
    const m = /^g(\d+)\./.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const sorted = [...indexes].sort((a, b) => a - b);
  if (sorted.length > MAX_PANELS) problems.push({ param: `g${sorted[MAX_PANELS]}`, value: String(sorted.length), reason: 'tooManyPanels' });
  const panels = sorted.slice(0, MAX_PANELS).map((i) => {
    const panel: PanelState = { ...DEFAULT_PANEL, expr: params.get(`g${i}.expr`) ?? '' };
    const get = (name: string) => {
      const v = params.get(`g${i}.${name}`);
      return v === null || v === '' ? null : v;
    };
    const tab = get('tab');
    // Prometheus' classic UI wrote 0 for graph and 1 for table.
    const tabName = tab === '0' ? 'graph' : tab === '1' ? 'table' : tab;
    if (tabName !== null) {
      if ((TABS as readonly string[]).includes(tabName)) panel.tab = tabName as Tab;
      else problems.push({ param: `g${i}.tab`, value: tabName, reason: 'notTab' });
    }
    const range = get('range_input');
    if (range !== null) {
      const ms = positiveDuration(range);
      if (ms !== null) panel.rangeMs = ms;
      else problems.push({ param: `g${i}.range_input`, value: range, reason: 'notDuration' });
    }
    const step = get('step_input');
    if (step !== null) {
      const ms = positiveDuration(step);
      if (ms === null) problems.push({ param: `g${i}.step_input`, value: step, reason: 'notDuration' });
      else if (panel.rangeMs / ms > MAX_POINTS) problems.push({ param: `g${i}.step_input`, value: step, reason: 'tooManyPoints' });
      else panel.stepMs = ms;
    }
    const end = get('end_input');
    if (end !== null) {
      const ms = parseEnd(end);
      if (ms !== null) panel.endMs = ms;
      else problems.push({ param: `g${i}.end_input`, value: end, reason: 'notTime' });
    }
    const mode = get('display_mode');
    if (mode !== null) {
      if ((DISPLAY_MODES as readonly string[]).includes(mode)) panel.displayMode = mode as DisplayMode;
      else problems.push({ param: `g${i}.display_mode`, value: mode, reason: 'notDisplayMode' });
    }
    return panel;
  });
  return { panels, problems };
}
