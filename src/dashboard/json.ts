// Grafana dashboard JSON in and out. Import checks every field we read and reports each problem with its path
// (`panels[3].targets[0].expr`) or, for broken JSON, its line:col; nothing is half-applied. Fields we do not read
// are kept as they are, so export(import(x)) gives back x for a dashboard in today's schema (README.md).

import { cssColor } from './colors.ts';
import { locateJsonError } from './jsonerror.ts';
import { isObj, migratePanel } from './migrate.ts';
import { isVisualisation, SCHEMA_VERSION, type Dashboard, type Panel } from './model.ts';
import { isCalc } from './reduce.ts';
import { parseTime, refreshMs, TimeError } from './time.ts';

export interface ImportProblem {
  /** Where: a JSON path like `panels[3].gridPos.w`, or `line 4, col 7` for a syntax error. */
  path: string;
  message: string;
}

export type ImportResult =
  | { ok: true; dashboard: Dashboard; /** What was migrated, filled in or kept without being shown. */ notes: string[] }
  | { ok: false; errors: ImportProblem[] };

type Obj = Record<string, unknown>;

class Checker {
  readonly errors: ImportProblem[] = [];
  readonly notes: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  string(o: Obj, key: string, path: string, required = false): void {
    const v = o[key];
    if (v === undefined ? required : typeof v !== 'string') this.fail(`${path}.${key}`.replace(/^\./, ''), v === undefined ? 'is missing' : `expected a string, got ${describe(v)}`);
  }

  number(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v))) this.fail(`${path}.${key}`, `expected a number, got ${describe(v)}`);
  }

  oneOf(o: Obj, key: string, path: string, allowed: readonly unknown[]): void {
    const v = o[key];
    if (v !== undefined && !allowed.includes(v)) this.fail(`${path}.${key}`, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(v)}`);
  }

  /** o[key] as an object (or undefined when absent); reports anything else. */
  object(o: Obj, key: string, path: string): Obj | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (isObj(v)) return v;
    this.fail(`${path}.${key}`, `expected an object, got ${describe(v)}`);
    return undefined;
  }

  array(o: Obj, key: string, path: string): unknown[] | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    this.fail(`${path}.${key}`, `expected an array, got ${describe(v)}`);
    return undefined;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === 'object' ? 'an object' : String(v);
}

function checkGridPos(c: Checker, g: Obj, path: string): void {
  const bad = ['x', 'y', 'w', 'h'].filter((k) => !Number.isInteger(g[k]));
  for (const k of bad) c.fail(`${path}.${k}`, `expected a whole number, got ${describe(g[k])}`);
  if (bad.length) return;
  const { x, y, w, h } = g as { x: number; y: number; w: number; h: number };
  if (x < 0 || x > 23) c.fail(`${path}.x`, `must be 0–23 (the grid has 24 columns), got ${x}`);
  else if (w < 1 || x + w > 24) c.fail(`${path}.w`, `must be 1–${24 - x} so the panel fits 24 columns, got ${w}`);
  if (y < 0) c.fail(`${path}.y`, `must not be negative, got ${y}`);
  if (h < 1) c.fail(`${path}.h`, `must be at least 1, got ${h}`);
}

function checkFieldConfig(c: Checker, p: Obj, path: string): void {
  const fc = c.object(p, 'fieldConfig', path);
  if (!fc) return;
  const d = c.object(fc, 'defaults', `${path}.fieldConfig`);
  if (!d) {
    fc.defaults = {};
    return;
  }
  const dp = `${path}.fieldConfig.defaults`;
  c.string(d, 'unit', dp);
  for (const k of ['min', 'max', 'decimals']) c.number(d, k, dp);
  const custom = c.object(d, 'custom', dp);
  if (custom) c.oneOf(custom, 'drawStyle', `${dp}.custom`, ['line', 'bars', 'points']);
  const t = c.object(d, 'thresholds', dp);
  if (!t) return;
  c.oneOf(t, 'mode', `${dp}.thresholds`, ['absolute', 'percentage']);
  const steps = c.array(t, 'steps', `${dp}.thresholds`) ?? [];
  steps.forEach((s, i) => {
    const sp = `${dp}.thresholds.steps[${i}]`;
    if (!isObj(s)) return c.fail(sp, `expected an object, got ${describe(s)}`);
    if (typeof s.color !== 'string' || cssColor(s.color) === null) c.fail(`${sp}.color`, `expected a Grafana colour name, #hex or rgb(), got ${describe(s.color)}`);
    if (s.value !== null && s.value !== undefined && typeof s.value !== 'number') c.fail(`${sp}.value`, `expected a number or null, got ${describe(s.value)}`);
    if (s.value === undefined) s.value = null;
  });
}

function checkOptions(c: Checker, p: Obj, path: string): void {
  const o = c.object(p, 'options', path);
  if (!o) return;
  c.oneOf(o, 'orientation', `${path}.options`, ['auto', 'horizontal', 'vertical']);
  const legend = c.object(o, 'legend', `${path}.options`);
  if (legend) c.oneOf(legend, 'showLegend', `${path}.options.legend`, [true, false]);
  const r = c.object(o, 'reduceOptions', `${path}.options`);
  if (!r) return;
  const rp = `${path}.options.reduceOptions`;
  const calcs = c.array(r, 'calcs', rp);
  if (!calcs) r.calcs = ['lastNotNull'];
  calcs?.forEach((calc, i) => {
    if (typeof calc !== 'string' || !isCalc(calc)) c.fail(`${rp}.calcs[${i}]`, `unknown calculation ${describe(calc)}`);
  });
  c.string(r, 'fields', rp);
  const m = typeof r.fields === 'string' ? /^\/(.*)\/([a-z]*)$/.exec(r.fields) : null;
  if (m) {
    try {
      new RegExp(m[1], m[2]);
    } catch (err) {
      c.fail(`${rp}.fields`, `not a valid regular expression: ${(err as Error).message}`);
    }
  }
}

function checkTargets(c: Checker, p: Obj, path: string, name: string): void {
  const targets = c.array(p, 'targets', path);
  targets?.forEach((t, i) => {
    const tp = `${path}.targets[${i}]`;
    if (!isObj(t)) return c.fail(tp, `expected an object, got ${describe(t)}`);
    if (t.expr === undefined) c.notes.push(`${name}: ${tp.slice(path.length + 1)} has no PromQL expr (another data source?); it is kept and not queried`);
    c.string(t, 'expr', tp);
    c.string(t, 'legendFormat', tp);
    c.oneOf(t, 'format', tp, ['time_series', 'table']);
    c.oneOf(t, 'hide', tp, [true, false]);
    if (t.refId === undefined) t.refId = String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
    else c.string(t, 'refId', tp);
  });
}

function checkPanel(c: Checker, p: unknown, path: string, nested: boolean): void {
  if (!isObj(p)) return c.fail(path, `expected a panel object, got ${describe(p)}`);
  if (typeof p.type !== 'string') return c.fail(`${path}.type`, p.type === undefined ? 'is missing' : `expected a string, got ${describe(p.type)}`);
  const was = migratePanel(p);
  if (p.title === undefined) p.title = '';
  c.string(p, 'title', path);
  const name = `${path} "${String(p.title)}"`;
  if (was) c.notes.push(`${name}: ${was} migrated to ${p.type}`);
  c.number(p, 'id', path);
  const g = c.object(p, 'gridPos', path);
  if (!g) c.fail(`${path}.gridPos`, 'is missing');
  else checkGridPos(c, g, `${path}.gridPos`);
  if (p.type === 'row') {
    if (nested) c.fail(`${path}.type`, 'a row cannot sit inside another row');
    c.oneOf(p, 'collapsed', path, [true, false]);
    (c.array(p, 'panels', path) ?? []).forEach((q, i) => checkPanel(c, q, `${path}.panels[${i}]`, true));
    return;
  }
  if (!isVisualisation(p.type)) c.notes.push(`${name}: panel type "${p.type}" is not drawn here; it is kept and exported unchanged`);
  checkTargets(c, p, path, name);
  checkFieldConfig(c, p, path);
  checkOptions(c, p, path);
}

function checkTime(c: Checker, d: Obj): void {
  // The refresh interval (below) is read whether or not a time range was given.
  const time = c.object(d, 'time', '');
  if (!time) {
    d.time = { from: 'now-6h', to: 'now' };
    c.notes.push('time: missing, using Grafana\'s default (last 6 hours)');
  } else for (const k of ['from', 'to']) {
    if (typeof time[k] !== 'string') c.fail(`time.${k}`, `expected a string like "now-1h", got ${describe(time[k])}`);
    else {
      try {
        parseTime(time[k], 0);
      } catch (err) {
        if (!(err instanceof TimeError)) throw err;
        c.fail(`time.${k}`, err.message);
      }
    }
  }
  if (d.refresh === undefined) d.refresh = '';
  // Grafana writes `false` for "off" as often as ''; it is kept as written.
  if (d.refresh === false) return;
  if (typeof d.refresh !== 'string') return c.fail('refresh', `expected a string like "10s", got ${describe(d.refresh)}`);
  try {
    refreshMs(d.refresh);
  } catch (err) {
    if (!(err instanceof TimeError)) throw err;
    c.fail('refresh', err.message);
  }
}

/** Ids missing or used twice get fresh ones, so the editor can tell panels apart. */
function numberPanels(c: Checker, panels: Panel[]): void {
  const all = panels.flatMap((p) => [p, ...(p.panels ?? [])]);
  const seen = new Set<number>();
  let next = Math.max(0, ...all.map((p) => (typeof p.id === 'number' ? p.id : 0))) + 1;
  for (const p of all) {
    if (typeof p.id === 'number' && !seen.has(p.id)) {
      seen.add(p.id);
      continue;
    }
    if (p.id !== undefined) c.notes.push(`panel "${p.title}": id ${p.id} is used twice; given ${next}`);
    p.id = next++;
  }
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'dashboard';
}

/** Checks an already-parsed value (a dashboard, or Grafana's `{ dashboard, meta }` API wrapper). */
export function importDashboardValue(value: unknown): ImportResult {
  const c = new Checker();
  if (!isObj(value)) return { ok: false, errors: [{ path: '(root)', message: `expected a dashboard object, got ${describe(value)}` }] };
  let d = structuredClone(value);
  if (isObj(d.dashboard) && d.panels === undefined) {
    d = d.dashboard;
    c.notes.push('read the "dashboard" object of a Grafana API export (its "meta" is dropped)');
  }
  c.string(d, 'title', '', true);
  if (d.uid === undefined || d.uid === null || d.uid === '') {
    d.uid = slug(String(d.title ?? ''));
    c.notes.push(`uid: missing, using "${d.uid}"`);
  }
  c.string(d, 'uid', '');
  if (Array.isArray(d.rows)) c.fail('rows', 'rows[] is the layout of Grafana before 5.0; open and save the dashboard in a newer Grafana first');
  if (d.schemaVersion === undefined) d.schemaVersion = SCHEMA_VERSION;
  c.number(d, 'schemaVersion', '');
  checkTime(c, d);
  // Grafana reads a missing or null panel list as no panels.
  if (d.panels === undefined || d.panels === null) d.panels = [];
  (c.array(d, 'panels', '') ?? []).forEach((p, i) => checkPanel(c, p, `panels[${i}]`, false));
  if (c.errors.length) return { ok: false, errors: c.errors };
  const dashboard = d as Dashboard;
  numberPanels(c, dashboard.panels);
  // Migrated panels are in today's model now; say so, so a round trip through Grafana keeps them as they are.
  if (c.notes.some((n) => n.includes('migrated'))) dashboard.schemaVersion = Math.max(dashboard.schemaVersion, SCHEMA_VERSION);
  return { ok: true, dashboard, notes: c.notes };
}

export function importDashboard(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const at = locateJsonError(text);
    return { ok: false, errors: [{ path: at ? `line ${at.line}, col ${at.col}` : '(json)', message: at?.message ?? err.message }] };
  }
  return importDashboardValue(value);
}

export function exportDashboard(d: Dashboard): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
