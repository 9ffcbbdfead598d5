// Grafana time ranges (`now-15m` … `now`, or absolute instants) and refresh intervals, resolved on the virtual
// clock's "now".

import { DurationError, parseDuration } from '../model/duration.ts';
import type { TimeRange } from './model.ts';

export const QUICK_RANGES = ['now-5m', 'now-15m', 'now-1h', 'now-6h'] as const;
export const REFRESH_INTERVALS = ['', '5s', '10s', '30s', '1m', '5m'] as const;

export class TimeError extends Error {}

/** One end of a range in ms: 'now', 'now-5m', an ISO date, or epoch milliseconds. */
export function parseTime(text: string, now: number): number {
  const s = text.trim();
  const rel = /^now(?:-(.+))?$/.exec(s);
  if (rel) {
    if (!rel[1]) return now;
    try {
      return now - parseDuration(rel[1]);
    } catch (err) {
      if (err instanceof DurationError) throw new TimeError(`"${text}": ${err.message}`);
      throw err;
    }
  }
  if (/^\d+$/.test(s)) return Number(s);
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new TimeError(`"${text}" is neither now-<duration> nor a date`);
  return t;
}

/** [start, end] in ms; throws TimeError when an end does not parse or the range is empty. */
export function resolveRange(range: TimeRange, now: number): { start: number; end: number } {
  const start = parseTime(range.from, now);
  const end = parseTime(range.to, now);
  if (start >= end) throw new TimeError(`the range starts (${range.from}) at or after it ends (${range.to})`);
  return { start, end };
}

/** The refresh interval in ms, or 0 when refresh is off. */
export function refreshMs(refresh: string): number {
  if (refresh === '') return 0;
  try {
    return parseDuration(refresh);
  } catch (err) {
    if (err instanceof DurationError) throw new TimeError(`refresh "${refresh}": ${err.message}`);
    throw err;
  }
}

/** An absolute range for a zoom or a custom pick: ISO instants, as Grafana stores them. */
export function absoluteRange(start: number, end: number): TimeRange {
  return { from: new Date(Math.round(start)).toISOString(), to: new Date(Math.round(end)).toISOString() };
}
