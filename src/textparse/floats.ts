// Numbers in expositions: Go's ParseFloat without Go-only syntax (hex, underscores), and the canonical text
// Prometheus 3 gives `le` and `quantile` label values so `le="1"` and `le="1.0"` are the same series.

import { formatFloat } from '../model/strconv.ts';
import type { LineReader } from './reader.ts';
import type { MetricType } from './types.ts';

/** Parses a float as Prometheus does: decimal, exponent, Inf/NaN in any case, with optional sign; null if invalid. */
export function parseGoFloat(s: string): number | null {
  if (s === '') return null;
  const lower = s.toLowerCase();
  const unsigned = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  const sign = lower[0] === '-' ? -1 : 1;
  if (unsigned === 'inf' || unsigned === 'infinity') return sign * Infinity;
  if (unsigned === 'nan') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) return null;
  return Number(s);
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
