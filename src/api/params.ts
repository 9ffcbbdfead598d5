// Request parameters as Prometheus' API reads them (web/api/v1/api.go: parseTime, parseDuration, parseMatchersParam).
// Times and durations come back in milliseconds.

import type { Matcher } from '../model/labels/matcher.ts';
import { parseDuration as parsePromDuration, parseExpr } from '../promql/index.ts';

/** A bad request parameter; the message is Prometheus' own wording. */
export class ParamError extends Error {}

// strconv.ParseFloat's decimal syntax; Go rejects surrounding spaces, which Number() would accept.
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Unix seconds (with up to millisecond precision kept) or RFC 3339. */
export function parseTime(s: string): number {
  if (FLOAT_RE.test(s)) return Math.round(Number(s) * 1000);
  if (RFC3339_RE.test(s)) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new ParamError(`cannot parse ${JSON.stringify(s)} to a valid timestamp`);
}

/** The parameter's time, or `fallback` when it is absent. */
export function parseTimeParam(form: URLSearchParams, name: string, fallback: number): number {
  const s = form.get(name);
  return s === null || s === '' ? fallback : parseTime(s);
}

/** Float seconds or a Prometheus duration such as `15s` or `1m30s`. */
export function parseDuration(s: string): number {
  if (FLOAT_RE.test(s)) return Number(s) * 1000;
  const ms = parsePromDuration(s);
  if (ms !== null) return ms;
  throw new ParamError(`cannot parse ${JSON.stringify(s)} to a valid duration`);
}

/** Each `match[]` is a series selector; the parser already refuses one whose matchers all match the empty string. */
export function parseMatchersParam(values: readonly string[]): Matcher[][] {
  return values.map((s) => {
    const e = parseExpr(s);
    if (e.type !== 'VectorSelector') throw new ParamError(`1:1: parse error: ${JSON.stringify(s)} is not a series selector`);
    return [...e.matchers];
  });
}
