import { describe, expect, it } from 'vitest';
import { defaultDashboard } from '../../src/dashboard/default.ts';
import { addPanel, removePanel, replacePanel, toggleRow } from '../../src/dashboard/layout.ts';

const rows = (d: ReturnType<typeof defaultDashboard>) => d.panels.filter((p) => p.type === 'row').map((p) => [p.title, p.gridPos.y, p.collapsed, p.panels?.length]);

describe('dashboard layout', () => {
  it('folds a row into itself and moves the rows below up; unfolding restores it', () => {
    const d = defaultDashboard();
    const before = structuredClone(d);
    const api = d.panels.find((p) => p.title === 'Image of the Day API')!;
    toggleRow(d, api.id);
    expect(rows(d)).toEqual([['Image Gallery', 0, false, 0], ['Image of the Day API', 7, true, 5], ['Access Log', 8, false, 0], ['Docker', 15, false, 0]]);
    expect(d.panels.find((p) => p.title === 'Logs by Container')!.gridPos.y).toBe(9);
    // Folding the first row too moves the second; unfolding in either order restores the layout.
    const gallery = d.panels.find((p) => p.title === 'Image Gallery')!;
    toggleRow(d, gallery.id);
    expect(rows(d)[1]).toEqual(['Image of the Day API', 1, true, 5]);
    toggleRow(d, api.id);
    toggleRow(d, gallery.id);
    expect(d).toEqual(before);
  });

  it('adds a panel at the bottom with a fresh id, replaces and removes it', () => {
    const d = defaultDashboard();
    const p = addPanel(d, 'HTTP 500 Responses');
    expect(p.id).toBe(26);
    expect(p.gridPos).toEqual({ x: 0, y: 28, w: 12, h: 8 });
    replacePanel(d, { ...p, title: 'Errors' });
    expect(d.panels.at(-1)!.title).toBe('Errors');
    removePanel(d, p.id);
    expect(d).toEqual(defaultDashboard());
  });
});
