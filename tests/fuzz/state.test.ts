// State that arrives from outside: share links (the query page's URL state) and imported Grafana dashboard JSON.
// Anything gives a usable state plus the problems found, never an exception; what the app writes reads back the same.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDashboard } from '../../src/dashboard/default.ts';
import { exportDashboard, importDashboard, importDashboardValue } from '../../src/dashboard/json.ts';
import { DISPLAY_MODES, MAX_PANELS, TABS, decodePanels, encodePanels, type PanelState } from '../../src/ui/query/url.ts';
import { FUZZ_TIMEOUT, acceptance, params } from './params.ts';

const key = fc.oneof(
  fc.tuple(fc.nat({ max: 12 }), fc.constantFrom('expr', 'tab', 'range_input', 'step_input', 'display_mode', 'x')).map(([i, k]) => `g${i}.${k}`),
  fc.string({ maxLength: 8 }),
);
const value = fc.oneof(fc.constantFrom('', '0', '1', 'graph', 'table', 'explain', '1h', '-5m', '1ms', '99999d', 'stacked', '<img src=x onerror=alert(1)>'), fc.string({ maxLength: 12 }));
const query = fc.oneof(
  fc.array(fc.tuple(key, value), { maxLength: 12 }).map((kv) => new URLSearchParams(kv).toString()),
  fc.string({ maxLength: 80 }),
);

const duration = fc.integer({ min: 1, max: 7 * 24 * 60 }).map((m) => m * 60_000);
const panel: fc.Arbitrary<PanelState> = fc.record({
  expr: fc.string({ maxLength: 40 }),
  tab: fc.constantFrom(...TABS),
  rangeMs: duration,
  stepMs: fc.constant(null),
  displayMode: fc.constantFrom(...DISPLAY_MODES),
  // Whole seconds: end_input carries seconds, as Prometheus' does.
  endMs: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => s * 1000), { nil: null }),
});

/** The least share of generated inputs that must be accepted (34 of 300 values import). */
const SHARE_DASHBOARD = 0.05;

describe('share link fuzz', () => {
  it(
    'turns any query string into valid panels and a list of problems',
    () => {
      fc.assert(
        fc.property(query, (q) => {
          const { panels, problems } = decodePanels(q);
          expect(panels.length).toBeLessThanOrEqual(MAX_PANELS);
          for (const p of panels) {
            expect(TABS).toContain(p.tab);
            expect(DISPLAY_MODES).toContain(p.displayMode);
            expect(p.rangeMs).toBeGreaterThan(0);
            if (p.stepMs !== null) expect(p.rangeMs / p.stepMs).toBeLessThanOrEqual(11_000);
          }
          for (const problem of problems) expect(problem.param).not.toBe('');
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'restores exactly the panels it encoded',
    () => {
      fc.assert(
        fc.property(fc.array(panel, { minLength: 1, maxLength: MAX_PANELS }), (panels) => {
          expect(decodePanels(encodePanels(panels))).toEqual({ panels, problems: [] });
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );
});

/** A dashboard-shaped value with random parts replaced by arbitrary JSON. */
const mutatedDashboard = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 })).map(([changes]) => {
  const d = JSON.parse(exportDashboard(defaultDashboard())) as Record<string, unknown>;
  const paths: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach((v, i) => (paths.push([x, i]), walk(v)));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (paths.push([x as Record<string, unknown>, k]), walk(v));
  };
  walk(d);
  for (const [at, v] of changes) {
    const [parent, k] = paths[at % paths.length];
    (parent as Record<string | number, unknown>)[k] = v;
  }
  return d;
});

describe('dashboard JSON fuzz', () => {
  it(
    'imports any JSON as a dashboard or problems with a path, and what it imports exports and imports again the same',
    () => {
      const imported = acceptance(SHARE_DASHBOARD);
      fc.assert(
        fc.property(fc.oneof(mutatedDashboard, fc.jsonValue({ maxDepth: 3 })), (value) => {
          const r = importDashboardValue(value);
          if (!r.ok) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(e.message).not.toBe('');
            return;
          }
          imported.accept();
          const again = importDashboard(exportDashboard(r.dashboard));
          expect(again.ok && again.dashboard).toEqual(r.dashboard);
        }),
        params(),
      );
      imported.check();
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers text that is not JSON with a positioned problem',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 60 }), (text) => {
          const r = importDashboard(text);
          if (!r.ok) expect(r.errors[0].path).not.toBe('');
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );
});
