// Changes to a dashboard's layout, done as Grafana does them: folding a row tucks the panels under it into the
// row and moves the panels below up; a new panel goes to the bottom, full of Grafana's defaults.

import { allPanels, type Dashboard, type Panel } from './model.ts';

/** Grafana's grid: a row unit is 30 px, with 8 px between units. */
export const GRID_CELL_HEIGHT = 30;
export const GRID_CELL_VMARGIN = 8;

/** The pixel height of `h` grid units (Grafana's translateGridHeightToScreenHeight). */
export function screenHeight(h: number): number {
  return h * (GRID_CELL_HEIGHT + GRID_CELL_VMARGIN) - GRID_CELL_VMARGIN;
}

/** Panels top to bottom, left to right: the order Grafana keeps them in and stacks them in on narrow screens. */
export function byPosition<P extends Panel>(ps: readonly P[]): P[] {
  return [...ps].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
}

const bottom = (ps: readonly Panel[]) => Math.max(0, ...ps.map((p) => p.gridPos.y + p.gridPos.h));

export function toggleRow(d: Dashboard, rowId: number): void {
  const row = d.panels.find((p) => p.id === rowId && p.type === 'row');
  if (!row) return;
  const top = row.gridPos.y + 1;
  if (!row.collapsed) {
    // A row holds the panels between it and the next row down.
    const nextRow = Math.min(Infinity, ...d.panels.filter((p) => p.type === 'row' && p.gridPos.y > row.gridPos.y).map((p) => p.gridPos.y));
    const inside = d.panels.filter((p) => p.type !== 'row' && p.gridPos.y > row.gridPos.y && p.gridPos.y < nextRow);
    const height = Math.max(0, bottom(inside) - top);
    d.panels = d.panels.filter((p) => !inside.includes(p));
    for (const p of d.panels) if (p.gridPos.y >= nextRow) p.gridPos.y -= height;
    row.panels = inside;
    row.collapsed = true;
  } else {
    const inside = row.panels ?? [];
    // The row may have moved while folded: its panels start right under it again.
    const shift = inside.length ? top - Math.min(...inside.map((p) => p.gridPos.y)) : 0;
    for (const p of inside) p.gridPos.y += shift;
    const height = Math.max(0, bottom(inside) - top);
    for (const p of d.panels) if (p.gridPos.y > row.gridPos.y) p.gridPos.y += height;
    d.panels.splice(d.panels.indexOf(row) + 1, 0, ...inside);
    row.panels = [];
    row.collapsed = false;
  }
}

/** Adds a time series panel below everything else and returns it. */
export function addPanel(d: Dashboard, title: string): Panel {
  const id = Math.max(0, ...allPanels(d).map((p) => p.id)) + 1;
  const panel: Panel = {
    id,
    type: 'timeseries',
    title,
    gridPos: { x: 0, y: bottom(d.panels), w: 12, h: 8 },
    targets: [{ refId: 'A', expr: '' }],
    fieldConfig: { defaults: { unit: 'short' }, overrides: [] },
    options: { legend: { showLegend: true } },
  };
  d.panels.push(panel);
  return panel;
}

export function removePanel(d: Dashboard, id: number): void {
  d.panels = d.panels.filter((p) => p.id !== id);
  for (const p of d.panels) if (p.panels) p.panels = p.panels.filter((q) => q.id !== id);
}

/** Replaces the panel with the same id, wherever it sits. */
export function replacePanel(d: Dashboard, panel: Panel): void {
  const swap = (ps: Panel[]) => ps.map((p) => (p.id === panel.id ? panel : p));
  d.panels = swap(d.panels).map((p) => (p.panels ? { ...p, panels: swap(p.panels) } : p));
}
