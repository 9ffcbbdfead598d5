// The query page's URL: Prometheus' g<n>.* parameters round-trip, and bad values keep defaults with a reason.

import { describe, expect, it } from 'vitest';
import { DEFAULT_PANEL, decodePanels, encodePanels } from '../../src/ui/query/url.ts';

describe('query URL state', () => {
  it('round-trips several panels', () => {
    const panels = [
      { expr: 'sum(rate(image_gallery_requests_total[1m])) by (code)', tab: 'graph' as const, rangeMs: 3_600_000, stepMs: 15_000, displayMode: 'stacked' as const, endMs: Date.UTC(2026, 10, 24, 9, 30) },
      { ...DEFAULT_PANEL, expr: 'up{job="iotd-api"}', tab: 'explain' as const },
    ];
    const query = encodePanels(panels);
    expect(query).toContain('g0.range_input=1h');
    expect(query).toContain('g0.display_mode=stacked');
    expect(query).toContain('g0.end_input=2026-11-24+09%3A30%3A00');
    expect(decodePanels(query)).toEqual({ panels, problems: [] });
  });

  it('reads the classic UI tab numbers', () => {
    expect(decodePanels('g0.expr=up&g0.tab=0').panels[0].tab).toBe('graph');
    expect(decodePanels('g0.expr=up&g0.tab=1').panels[0].tab).toBe('table');
  });

  it('keeps defaults for bad values and says which and why', () => {
    const { panels, problems } = decodePanels('g0.expr=up&g0.tab=pie&g0.range_input=soon&g0.step_input=1ms&g0.display_mode=3d&g0.end_input=yesterday&junk=1');
    expect(panels).toEqual([{ ...DEFAULT_PANEL, expr: 'up' }]);
    expect(problems.map((p) => [p.param, p.reason])).toEqual([
      ['g0.tab', 'notTab'],
      ['g0.range_input', 'notDuration'],
      ['g0.step_input', 'tooManyPoints'],
      ['g0.end_input', 'notTime'],
      ['g0.display_mode', 'notDisplayMode'],
    ]);
  });

  it('ignores a query without panels and caps the number of panels', () => {
    expect(decodePanels('%%%&&=')).toEqual({ panels: [], problems: [] });
    const many = Array.from({ length: 12 }, (_, i) => `g${i}.expr=up`).join('&');
    const { panels, problems } = decodePanels(many);
    expect(panels).toHaveLength(8);
    expect(problems[0].reason).toBe('tooManyPanels');
  });
});
