// Grafana 6 panels (the book's dashboard is Grafana 6.4) turned into today's panel model, the way Grafana itself
// migrates them on load: graph → timeseries, singlestat → stat (or gauge), the 6.x gauge's options.fieldOptions →
// fieldConfig. Only the legacy fields that were translated are removed; everything else stays on the panel.

import { LEGACY_VALUE_NAMES, type Calc } from './reduce.ts';
import type { ThresholdStep } from './model.ts';

type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** A singlestat valueName as a calc id; unknown names pass through for the checker to report. */
function legacyCalc(name: unknown): Calc | string {
  if (typeof name !== 'string') return 'mean';
  return LEGACY_VALUE_NAMES[name] ?? name;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Sets fieldConfig.defaults[key] unless the panel already has it. */
function setDefaults(p: Obj, values: Obj): void {
  const fc = obj(p.fieldConfig);
  const defaults = { ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)), ...obj(fc.defaults) };
  p.fieldConfig = { ...fc, defaults, overrides: Array.isArray(fc.overrides) ? fc.overrides : [] };
}

function graph(p: Obj): void {
  const unit = obj(Array.isArray(p.yaxes) ? p.yaxes[0] : undefined).format;
  const drawStyle = p.bars === true ? 'bars' : p.lines === false ? 'points' : 'line';
  setDefaults(p, { unit: typeof unit === 'string' ? unit : undefined, custom: { drawStyle } });
  p.options = { ...obj(p.options), legend: { showLegend: obj(p.legend).show !== false } };
  for (const k of ['bars', 'lines', 'points', 'yaxes', 'legend']) delete p[k];
  p.type = 'timeseries';
}

/** singlestat's "3,10" thresholds with its three colours. */
function singlestatSteps(thresholds: unknown, colors: unknown): ThresholdStep[] {
  const cs = Array.isArray(colors) ? colors.filter((c): c is string => typeof c === 'string') : [];
  const values = typeof thresholds === 'string' && thresholds.trim() !== '' ? thresholds.split(',').map((v) => num(v)) : [];
  const steps: ThresholdStep[] = [{ color: cs[0] ?? 'green', value: null }];
  values.forEach((v, i) => {
    if (v !== undefined) steps.push({ color: cs[i + 1] ?? 'red', value: v });
  });
  return steps;
}

function singlestat(p: Obj): void {
  const gauge = obj(p.gauge);
  const unit = typeof p.format === 'string' ? p.format : undefined;
  setDefaults(p, {
    unit,
    min: gauge.show === true ? num(gauge.minValue) : undefined,
    max: gauge.show === true ? num(gauge.maxValue) : undefined,
    thresholds: { mode: 'absolute', steps: singlestatSteps(p.thresholds, p.colors) },
  });
  const fields = typeof p.tableColumn === 'string' && p.tableColumn !== '' ? `/^${escapeRegex(p.tableColumn)}$/` : '';
  p.options = { ...obj(p.options), reduceOptions: { calcs: [legacyCalc(p.valueName ?? 'avg')], fields, values: false } };
  for (const k of ['valueName', 'format', 'tableColumn', 'thresholds', 'colors', 'gauge']) delete p[k];
  p.type = gauge.show === true ? 'gauge' : 'stat';
}

/** The Grafana 6.2–6.6 gauge: options.fieldOptions { calcs, defaults { min, max, unit, thresholds: [...] } }. */
function gauge6(p: Obj): void {
  const opts = obj(p.options);
  const fo = obj(opts.fieldOptions);
  const d = obj(fo.defaults);
  const raw = Array.isArray(d.thresholds) ? d.thresholds : Array.isArray(fo.thresholds) ? fo.thresholds : [];
  const steps = raw
    .map(obj)
    .sort((a, b) => (num(a.index) ?? 0) - (num(b.index) ?? 0))
    .map((t, i): ThresholdStep => ({ color: typeof t.color === 'string' ? t.color : 'green', value: i === 0 ? null : (num(t.value) ?? null) }));
  setDefaults(p, {
    unit: typeof d.unit === 'string' ? d.unit : undefined,
    decimals: num(d.decimals),
    min: num(d.min),
    max: num(d.max),
    thresholds: steps.length ? { mode: 'absolute', steps } : undefined,
  });
  // 6.x fieldOptions already use today's reducer ids.
  const calcs = Array.isArray(fo.calcs) ? fo.calcs : ['mean'];
  const { fieldOptions: _legacy, ...rest } = opts;
  p.options = { ...rest, reduceOptions: { calcs, fields: '', values: fo.values === true } };
}

/** Migrates a legacy panel in place; returns what it was, or null when the panel is already current. */
export function migratePanel(p: Obj): string | null {
  if (p.type === 'graph') {
    graph(p);
    return 'graph';
  }
  if (p.type === 'singlestat') {
    singlestat(p);
    return 'singlestat';
  }
  if (p.type === 'gauge' && isObj(obj(p.options).fieldOptions)) {
    gauge6(p);
    return 'gauge (Grafana 6)';
  }
  return null;
}
