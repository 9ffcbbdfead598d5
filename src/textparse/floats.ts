// Numbers in expositions: Go's ParseFloat without Go-only syntax (hex, underscores), and the canonical text
// Prometheus 3 gives `le` and `quantile` label values so `le="1"` and `le="1.0"` are the same series.

import { formatFloat } from '../model/strconv.ts';
import type { LineReader } from './reader.ts';
import type { MetricType } from './types.ts';

/** Parses a float as Prometheus does: decimal, exponent, Inf/NaN in any case, with optional sign; null if invalid. */
export function parseGoFloat(s: string): number | null {
  if (isDecimal(s)) return Number(s);
  const lower = s.toLowerCase();
  const unsigned = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  if (unsigned === 'inf' || unsigned === 'infinity') return lower[0] === '-' ? -Infinity : Infinity;
  return unsigned === 'nan' ? NaN : null;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

// [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?, scanned by hand: this runs for every value and timestamp, and a regular
// expression would also keep its last input (a slice of the whole body) alive in RegExp.input.
function isDecimal(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) c = s.charCodeAt(++i);
  let digits = 0;
  for (; isDigit(c); c = s.charCodeAt(++i)) digits++;
  if (c === 46) for (c = s.charCodeAt(++i); isDigit(c); c = s.charCodeAt(++i)) digits++;
  if (digits === 0) return false;
  if (c === 101 || c === 69) {
    c = s.charCodeAt(++i);
    if (c === 43 || c === 45) c = s.charCodeAt(++i);
    if (!isDigit(c)) return false;
    while (isDigit(s.charCodeAt(++i)));
  }
  return i === n;
}

/** formatOpenMetricsFloat: Go's shortest %g, with ".0" added to a bare integer; "+Inf", "-Inf", "NaN". */
export function formatOpenMetricsFloat(v: number): string {
  const s = formatFloat(v, 'g');
  return /[.eIN]/.test(s) ? s : `${s}.0`;
}

/**
 * Label names that carry numbers and get Prometheus 3's canonical float text: `le` of histogram buckets and
 * `quantile` of summaries. A value that is not a float is an error.
 */
export function normalizeFloatLabel(r: LineReader, type: MetricType | undefined, name: string, value: string): string {
  const numeric = (name === 'le' && (type === 'histogram' || type === 'gaugehistogram')) || (name === 'quantile' && type === 'summary');
  if (!numeric) return value;
  const v = parseGoFloat(value.trim());
  if (v === null) r.fail(`expected float as value for label "${name}", got ${JSON.stringify(value)}`);
  return formatOpenMetricsFloat(v);
}
