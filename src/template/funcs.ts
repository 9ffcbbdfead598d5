// Template functions: Go's builtins, plus those Prometheus (template/template.go) and Alertmanager
// (template/template.go) add for annotations and notifications.

import type { TemplateFunc } from './exec.ts';
import { truth } from './exec.ts';
import { formatFloat } from '../model/strconv.ts';
import { formatValue, sprintf } from './format.ts';

function toFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v);
    if (v.trim() === '' || Number.isNaN(n)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
    return n;
  }
  throw new Error(`can't convert ${formatValue(v)} to float`);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a !== typeof b) throw new Error('incompatible types for comparison');
  if (typeof a === 'number' || typeof a === 'string') return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  throw new Error('invalid type for comparison');
}

const SMALL = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

function scaleDown(v: number): [number, string] {
  let prefix = '';
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return [v, prefix];
}

function humanize(i: unknown): string {
  const v = toFloat(i);
  if (v === 0 || !Number.isFinite(v)) return formatFloat(v, 'g', 4);
  if (Math.abs(v) >= 1) return scaleUp(v, 1000, ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']);
  const [s, prefix] = scaleDown(v);
  return `${formatFloat(s, 'g', 4)}${prefix}`;
}

function humanize1024(i: unknown): string {
  const v = toFloat(i);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return formatFloat(v, 'g', 4);
  return scaleUp(v, 1024, ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']);
}

/** `v` divided by `base` while it is `base` or more (a prefix at most per division), with the prefix it reached. */
function scaleUp(v: number, base: number, prefixes: readonly string[]): string {
  let prefix = '';
  for (const p of prefixes) {
    if (Math.abs(v) < base) break;
    prefix = p;
    v /= base;
  }
  return `${formatFloat(v, 'g', 4)}${prefix}`;
}

function humanizeDuration(i: unknown): string {
  let v = toFloat(i);
  if (!Number.isFinite(v)) return formatFloat(v, 'g', 4);
  if (v === 0) return `${formatFloat(v, 'g', 4)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const d = Math.trunc(v);
    const [seconds, minutes, hours, days] = [d % 60, Math.trunc(d / 60) % 60, Math.trunc(d / 3600) % 24, Math.trunc(d / 86400)];
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatFloat(v, 'g', 4)}s`;
  }
  const [s, prefix] = scaleDown(v);
  return `${formatFloat(s, 'g', 4)}${prefix}s`;
}

/** Go's time.Time String() in UTC: "2026-11-24 09:00:00 +0000 UTC". */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

function lengthOf(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length;
  throw new Error(`len of type ${typeof v}`);
}

export const GO_FUNCS: Record<string, TemplateFunc> = {
  and: (...a) => a.find((x) => !truth(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => truth(x)) ?? a[a.length - 1],
  not: (a) => !truth(a),
  len: (a) => lengthOf(a),
  index: (coll, ...keys) => keys.reduce((c: unknown, k) => (c as Record<string, unknown>)?.[k as string] ?? '', coll),
  print: (...a) => a.map(formatValue).join(''),
  println: (...a) => `${a.map(formatValue).join(' ')}\n`,
  printf: (f, ...a) => sprintf(String(f), a),
  eq: (a, ...bs) => bs.some((b) => compare(a, b) === 0),
  ne: (a, b) => compare(a, b) !== 0,
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  urlquery: (...a) => encodeURIComponent(a.map(formatValue).join('')),
};

const STRING_FUNCS: Record<string, TemplateFunc> = {
  toUpper: (s) => formatValue(s).toUpperCase(),
  toLower: (s) => formatValue(s).toLowerCase(),
  title: (s) => formatValue(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  match: (re, s) => new RegExp(String(re)).test(formatValue(s)),
  reReplaceAll: (re, repl, s) => formatValue(s).replace(new RegExp(String(re), 'g'), String(repl)),
  safeHtml: (s) => formatValue(s),
  trimSpace: (s) => formatValue(s).trim(),
};

/** Functions of Prometheus' rule templates (annotations and alert labels). */
export const PROMETHEUS_FUNCS: Record<string, TemplateFunc> = {
  ...GO_FUNCS,
  ...STRING_FUNCS,
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage: (i) => `${formatFloat(toFloat(i) * 100, 'g', 4)}%`,
  humanizeTimestamp: (i) => {
    const v = toFloat(i);
    return Number.isFinite(v) ? goTime(v * 1000) : formatFloat(v, 'g', 4);
  },
  stripPort: (s) => formatValue(s).replace(/:\d+$/, ''),
  toTime: (i) => new Date(toFloat(i) * 1000),
};

/** Functions of Alertmanager's notification templates. */
export const ALERTMANAGER_FUNCS: Record<string, TemplateFunc> = {
  ...GO_FUNCS,
  ...STRING_FUNCS,
  join: (sep, list) => (list as unknown[]).map(formatValue).join(String(sep)),
  stringSlice: (...a) => a.map(formatValue),
};
