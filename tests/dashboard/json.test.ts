import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDashboard } from '../../src/dashboard/default.ts';
import { exportDashboard, importDashboard, importDashboardValue, type ImportResult } from '../../src/dashboard/json.ts';
import type { Dashboard } from '../../src/dashboard/model.ts';

function ok(r: ImportResult): Dashboard {
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.dashboard;
}

function errors(r: ImportResult): string[] {
  if (r.ok) throw new Error('expected the import to fail');
  return r.errors.map((e) => `${e.path}: ${e.message}`);
}

/** A small modern dashboard with parts we do not draw: annotations, templating, a text panel, plugin fields. */
const foreign = {
  annotations: { list: [{ builtIn: 1, name: 'Annotations & Alerts', type: 'dashboard' }] },
  editable: true,
  graphTooltip: 1,
  id: null,
  links: [],
  panels: [
    { id: 1, type: 'row', title: 'Web', gridPos: { x: 0, y: 0, w: 24, h: 1 }, collapsed: false, panels: [] },
    {
      id: 2,
      type: 'timeseries',
      title: 'Requests',
      gridPos: { x: 0, y: 1, w: 12, h: 8 },
      datasource: { type: 'prometheus', uid: 'abc' },
      targets: [{ refId: 'A', expr: 'rate(http_requests_total[5m])', legendFormat: '{{code}}', interval: '', exemplar: true }],
      fieldConfig: { defaults: { unit: 'reqps', color: { mode: 'palette-classic' }, custom: { drawStyle: 'line', fillOpacity: 10 } }, overrides: [{ matcher: { id: 'byName', options: '500' }, properties: [] }] },
      options: { legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] }, tooltip: { mode: 'multi', sort: 'none' } },
      pluginVersion: '10.4.1',
    },
    { id: 3, type: 'text', title: 'Notes', gridPos: { x: 12, y: 1, w: 12, h: 8 }, options: { mode: 'markdown', content: '# hi' } },
    {
      id: 4,
      type: 'row',
      title: 'Folded',
      gridPos: { x: 0, y: 9, w: 24, h: 1 },
      collapsed: true,
      panels: [{ id: 5, type: 'stat', title: 'Up', gridPos: { x: 0, y: 10, w: 6, h: 4 }, targets: [{ refId: 'A', expr: 'up' }], options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } } }],
    },
  ],
  refresh: false,
  schemaVersion: 39,
  tags: ['web'],
  templating: { list: [{ name: 'job', type: 'query', query: 'label_values(up, job)' }] },
  time: { from: 'now-1h', to: 'now' },
  timepicker: {},
  timezone: 'browser',
  title: 'Web',
  uid: 'web-1',
  version: 7,
  weekStart: '',
};

describe('Grafana JSON round trip', () => {
  it('gives back the default dashboard unchanged', () => {
    const d = defaultDashboard();
    expect(ok(importDashboard(exportDashboard(d)))).toEqual(d);
  });

  it('keeps what it does not draw: annotations, templating, text panels, plugin fields, folded rows', () => {
    const text = JSON.stringify(foreign);
    const r = importDashboard(text);
    expect(ok(r)).toEqual(foreign);
    expect(JSON.parse(exportDashboard(ok(r)))).toEqual(foreign);
    expect(r.ok && r.notes).toEqual(['panels[2] "Notes": panel type "text" is not drawn here; it is kept and exported unchanged']);
  });

  it('reads a null panel list as no panels, and round-trips it', () => {
    const r = importDashboardValue({ uid: 'x', title: 'Empty', panels: null });
    expect(r.ok && r.dashboard.panels).toEqual([]);
    const again = r.ok ? importDashboard(exportDashboard(r.dashboard)) : null;
    expect(again?.ok && again.dashboard).toEqual(r.ok && r.dashboard);
  });

  it('reads the dashboard of a Grafana API export ({ dashboard, meta })', () => {
    const d = ok(importDashboard(JSON.stringify({ meta: { slug: 'web' }, dashboard: foreign })));
    expect(d.uid).toBe('web-1');
  });
});

describe('Grafana 6 dashboards (the book\'s) are migrated', () => {
  const legacy = {
    title: 'Image Gallery',
    uid: 'kb5nhJAZk',
    schemaVersion: 20,
    time: { from: 'now-6h', to: 'now' },
    panels: [
      { id: 2, type: 'graph', title: 'Memory In Use', gridPos: { x: 10, y: 1, w: 4, h: 6 }, bars: true, lines: false, legend: { show: true }, yaxes: [{ format: 'bytes' }, { format: 'short' }], fill: 1, targets: [{ expr: 'go_memstats_stack_inuse_bytes{job="image-gallery"}', legendFormat: '{{instance}}', refId: 'A' }] },
      { id: 3, type: 'singlestat', title: 'Version', gridPos: { x: 7, y: 22, w: 3, h: 2 }, format: 'none', valueName: 'first', tableColumn: 'version', thresholds: '', colors: ['#299c46', 'rgba(237, 129, 40, 0.89)', '#d44a3a'], targets: [{ expr: 'engine_daemon_engine_info', format: 'table', refId: 'A' }] },
      {
        id: 4,
        type: 'gauge',
        title: 'Image Loads from NASA',
        gridPos: { x: 4, y: 8, w: 3, h: 6 },
        options: {
          orientation: 'horizontal',
          fieldOptions: { calcs: ['lastNotNull'], values: false, defaults: { min: 0, max: 100, thresholds: [{ index: 0, color: 'green', value: null }, { index: 2, color: 'dark-red', value: 10 }, { index: 1, color: 'dark-orange', value: 3 }] } },
        },
        targets: [{ expr: 'sum(iotd_api_image_load_total{status="success"}) without(instance)', refId: 'A' }],
      },
    ],
  };

  it('turns graph, singlestat and the 6.x gauge into timeseries, stat and gauge', () => {
    const r = importDashboard(JSON.stringify(legacy));
    const d = ok(r);
    const [graph, stat, gauge] = d.panels;
    expect(graph.type).toBe('timeseries');
    expect(graph.fieldConfig?.defaults).toEqual({ unit: 'bytes', custom: { drawStyle: 'bars' } });
    expect(graph.options?.legend?.showLegend).toBe(true);
    expect(graph.fill).toBe(1);
    expect(stat.type).toBe('stat');
    expect(stat.options?.reduceOptions).toEqual({ calcs: ['firstNotNull'], fields: '/^version$/', values: false });
    expect(gauge.options?.orientation).toBe('horizontal');
    expect(gauge.fieldConfig?.defaults.thresholds?.steps).toEqual([{ color: 'green', value: null }, { color: 'dark-orange', value: 3 }, { color: 'dark-red', value: 10 }]);
    expect(gauge.options?.reduceOptions?.calcs).toEqual(['lastNotNull']);
    expect(r.ok && r.notes.filter((n) => n.includes('migrated'))).toHaveLength(3);
    // Once migrated, the export reads back unchanged.
    expect(ok(importDashboard(exportDashboard(d)))).toEqual(d);
  });
});

describe('bad input gets an error with its place, never a crash', () => {
  it('reports broken JSON by line and column', () => {
    expect(errors(importDashboard('{\n  "title": "x",\n  "panels": [}\n'))).toEqual(["line 3, col 14: unexpected '}'"]);
    expect(errors(importDashboard('{"title": "x",}'))).toEqual(["line 1, col 15: expected a property name in double quotes but found '}'"]);
    expect(errors(importDashboard(''))).toEqual(['line 1, col 1: unexpected end of input']);
  });

  it('reports every bad field by its path', () => {
    const bad = structuredClone(foreign) as Record<string, unknown> & { panels: Record<string, unknown>[] };
    bad.time = { from: 'yesterday', to: 'now' };
    bad.panels[1].gridPos = { x: 20, y: 1, w: 12, h: 8 };
    (bad.panels[1].targets as Record<string, unknown>[])[0].expr = 42;
    bad.panels[1].fieldConfig = { defaults: { thresholds: { mode: 'absolute', steps: [{ color: 'url(x)', value: null }] } } };
    bad.panels[3].panels = [{ id: 5, type: 'stat', title: 'Up', gridPos: { x: 0, y: 10, w: 6, h: 4 }, options: { reduceOptions: { calcs: ['median'] } } }];
    expect(errors(importDashboardValue(bad))).toEqual([
      'time.from: "yesterday" is neither now-<duration> nor a date',
      'panels[1].gridPos.w: must be 1–4 so the panel fits 24 columns, got 12',
      'panels[1].targets[0].expr: expected a string, got 42',
      'panels[1].fieldConfig.defaults.thresholds.steps[0].color: expected a Grafana colour name, #hex or rgb(), got "url(x)"',
      'panels[3].panels[0].options.reduceOptions.calcs[0]: unknown calculation "median"',
    ]);
  });

  it('refuses the pre-5.0 rows layout with a hint', () => {
    expect(errors(importDashboardValue({ title: 'old', rows: [] }))).toEqual([
      'rows: rows[] is the layout of Grafana before 5.0; open and save the dashboard in a newer Grafana first',
    ]);
  });

  it('never throws, whatever the value', () => {
    fc.assert(fc.property(fc.anything(), (v) => void importDashboardValue(v)));
    const panel = fc.record({ type: fc.oneof(fc.constantFrom('graph', 'singlestat', 'gauge', 'stat', 'row'), fc.anything()), gridPos: fc.anything(), targets: fc.anything(), options: fc.anything(), fieldConfig: fc.anything(), panels: fc.anything() }, { requiredKeys: ['type'] });
    fc.assert(fc.property(fc.array(panel), fc.anything(), (panels, time) => void importDashboardValue({ title: 't', panels, time })));
    fc.assert(fc.property(fc.string(), (s) => void importDashboard(s)));
  });
});

describe('targets of other data sources', () => {
  it('are kept and reported, not refused', () => {
    const d = { title: 'mixed', uid: 'm', time: { from: 'now-1h', to: 'now' }, refresh: '', schemaVersion: 39, panels: [{ id: 1, type: 'timeseries', title: 'Rand', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', scenarioId: 'random_walk', datasource: { type: 'testdata' } }] }] };
    const r = importDashboardValue(d);
    expect(r.ok && r.notes).toEqual(['panels[0] "Rand": targets[0] has no PromQL expr (another data source?); it is kept and not queried']);
    expect(ok(r)).toEqual(d);
  });
});

describe('round trip of any dashboard in the supported subset', () => {
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });
  const gridPos = fc.integer({ min: 0, max: 23 }).chain((x) => fc.record({ x: fc.constant(x), y: fc.nat(100), w: fc.integer({ min: 1, max: 24 - x }), h: fc.integer({ min: 1, max: 20 }) }));
  const target = fc.tuple(fc.record({ refId: fc.constantFrom('A', 'B', 'C'), expr: fc.string(), legendFormat: fc.string(), format: fc.constantFrom('time_series' as const, 'table' as const) }, { requiredKeys: ['refId', 'expr'] }), extra).map(([t, x]) => ({ ...x, ...t }));
  const step = fc.record({ color: fc.constantFrom('green', 'dark-red', '#EAB839', 'rgba(1, 2, 3, 0.5)'), value: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)) });
  const panel = fc
    .tuple(
      fc.record(
        {
          type: fc.constantFrom('timeseries', 'stat', 'gauge', 'bargauge', 'table', 'text'),
          title: fc.string(),
          gridPos,
          targets: fc.array(target, { maxLength: 3 }),
          fieldConfig: fc.record({ defaults: fc.record({ unit: fc.constantFrom('short', 'bytes', 'reqps'), min: fc.integer(), thresholds: fc.record({ mode: fc.constantFrom('absolute' as const, 'percentage' as const), steps: fc.array(step, { maxLength: 3 }).map((s) => [{ color: 'green', value: null }, ...s]) }) }, { requiredKeys: [] }), overrides: fc.constant([]) }),
          options: fc.record({ reduceOptions: fc.record({ calcs: fc.subarray(['lastNotNull', 'mean', 'max']), fields: fc.constantFrom('', '/^version$/'), values: fc.boolean() }) }, { requiredKeys: [] }),
        },
        { requiredKeys: ['type', 'title', 'gridPos'] },
      ),
      extra,
    )
    .map(([p, x]) => ({ ...x, ...p }));
  const dashboard = fc.tuple(fc.array(panel, { maxLength: 6 }), extra, fc.constantFrom('', '10s', false as const)).map(([panels, x, refresh]) => ({
    ...x,
    uid: 'u',
    title: 'T',
    schemaVersion: 39,
    time: { from: 'now-1h', to: 'now' },
    refresh,
    panels: panels.map((p, i) => ({ ...p, id: i + 1 })),
  }));

  it('exports and imports back to the same JSON', () => {
    fc.assert(
      fc.property(dashboard, (d) => {
        // Compared as JSON: JSON has no -0, so a -0 in the input reads back as 0 whatever the importer does.
        const back = importDashboard(JSON.stringify(d));
        expect(back.ok && JSON.parse(exportDashboard(back.dashboard))).toEqual(JSON.parse(JSON.stringify(d)));
      }),
      { numRuns: 300 },
    );
  });
});
