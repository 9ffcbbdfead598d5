// The default dashboard against the book's, as listed in ../shared/reference/chapter-apps.md §3.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultDashboard, DEFAULT_UID } from '../../src/dashboard/default.ts';
import { allPanels } from '../../src/dashboard/model.ts';
import { parseExpr } from '../../src/promql/index.ts';

interface BookPanel {
  row: string;
  title: string;
  type: string;
  grid: number[];
  expr: string;
  legend: string;
}

/** The §3 table's panel lines: | row | title (type…) | x,y,w,h | `expr` (`legend`) |. */
function bookPanels(): BookPanel[] {
  const text = readFileSync('../shared/reference/chapter-apps.md', 'utf8');
  const section = text.slice(text.indexOf('## 3. Grafana'), text.indexOf('## 4.'));
  let row = '';
  const out: BookPanel[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const grid = /^(\d+),(\d+),(\d+),(\d+)$/.exec(cells[3] ?? '');
    if (!grid) continue;
    if (cells[1]) row = cells[1].replace(/\*\*/g, '').replace(/\s*\(y\d+\)$/, '');
    const title = /^(.*?) \((\w+)/.exec(cells[2])!;
    const expr = /`([^`]+)`/.exec(cells[4])![1];
    const legend = /\(`(\{\{[^`]+)`\)/.exec(cells[4])?.[1] ?? '';
    out.push({ row, title: title[1], type: title[2], grid: grid.slice(1).map(Number), expr, legend });
  }
  return out;
}

const MODERN: Record<string, string> = { graph: 'timeseries', singlestat: 'stat', gauge: 'gauge' };

describe('default dashboard', () => {
  const d = defaultDashboard();
  const book = bookPanels();

  it('is the book\'s "Image Gallery" with its four rows', () => {
    expect(d.title).toBe('Image Gallery');
    expect(d.uid).toBe(DEFAULT_UID);
    expect(d.panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual(['Image Gallery', 'Image of the Day API', 'Access Log', 'Docker']);
  });

  it('has every panel of the book with the same title, type, rows, heights, order, query and legend', () => {
    expect(book).toHaveLength(21);
    const panels = d.panels.filter((p) => p.type !== 'row');
    expect(panels.map((p) => p.title)).toEqual(book.map((b) => b.title));
    panels.forEach((p, i) => {
      const b = book[i];
      expect(p.type, p.title).toBe(MODERN[b.type]);
      // The book's y and h; widened from its 18 columns to Grafana's 24, never narrower than the book's.
      expect([p.gridPos.y, p.gridPos.h], p.title).toEqual([b.grid[1], b.grid[3]]);
      expect(p.gridPos.w, p.title).toBeGreaterThanOrEqual(b.grid[2]);
      expect(p.targets?.[0].expr, p.title).toBe(b.expr);
      expect(p.targets?.[0].legendFormat ?? '', p.title).toBe(b.legend);
      const row = d.panels.filter((r) => r.type === 'row' && r.gridPos.y < p.gridPos.y).at(-1);
      expect(row?.title, p.title).toBe(b.row);
    });
  });

  it('keeps the book\'s left-to-right order and fills all 24 columns of every row without overlaps', () => {
    const panels = d.panels.filter((p) => p.type !== 'row');
    const cells = new Map<string, string>();
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      for (let r = y; r < y + h; r++)
        for (let c = x; c < x + w; c++) {
          expect(cells.get(`${r},${c}`), `${p.title} overlaps at ${r},${c}`).toBeUndefined();
          cells.set(`${r},${c}`, p.title);
        }
    }
    const rowsUsed = new Set(panels.flatMap((p) => Array.from({ length: p.gridPos.h }, (_, i) => p.gridPos.y + i)));
    for (const r of rowsUsed) for (let c = 0; c < 24; c++) expect(cells.has(`${r},${c}`), `grid row ${r} column ${c} is empty`).toBe(true);
    const order = (xs: { title: string; x: number; y: number }[]) => [...xs].sort((a, b) => a.y - b.y || a.x - b.x).map((p) => p.title);
    expect(order(panels.map((p) => ({ title: p.title, x: p.gridPos.x, y: p.gridPos.y })))).toEqual(order(book.map((b) => ({ title: b.title, x: b.grid[0], y: b.grid[1] }))));
  });

  it('draws as Grafana migrates the book\'s graphs: line width 1, fill 1 (10 %), its points; memory as a line, not bars', () => {
    const styles = Object.fromEntries(d.panels.filter((p) => p.type === 'timeseries' && p.gridPos.y < 7).map((p) => [p.title, p.fieldConfig?.defaults.custom]));
    expect(styles['HTTP 200 Responses']).toEqual({ drawStyle: 'line', lineWidth: 1, fillOpacity: 10, showPoints: 'always' });
    expect(styles['Active Goroutines']).toEqual({ drawStyle: 'line', lineWidth: 1, fillOpacity: 10, showPoints: 'never' });
    expect(styles['Memory In Use']?.drawStyle).toBe('line');
  });

  it('keeps the gauges\' thresholds and calcs', () => {
    const nasa = d.panels.find((p) => p.title === 'Image Loads from NASA')!;
    expect(nasa.fieldConfig?.defaults.thresholds?.steps.map((s) => [s.color, s.value])).toEqual([['green', null], ['dark-orange', 3], ['dark-red', 10]]);
    expect(nasa.options?.reduceOptions?.calcs).toEqual(['lastNotNull']);
    const cache = d.panels.find((p) => p.title === 'Image Loads from Cache')!;
    expect(cache.fieldConfig?.defaults.thresholds?.steps.map((s) => [s.color, s.value])).toEqual([['dark-red', null], ['#EAB839', 1], ['green', 10]]);
    expect(cache.options?.reduceOptions?.calcs).toEqual(['mean']);
  });

  it('has queries the PromQL parser accepts, the trailing comma included', () => {
    for (const p of allPanels(d)) for (const t of p.targets ?? []) expect(() => parseExpr(t.expr ?? ''), t.expr).not.toThrow();
  });

  it('numbers panels uniquely', () => {
    const ids = allPanels(d).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
