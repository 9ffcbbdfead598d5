// Numbers in expositions: Go's ParseFloat without Go-only syntax (hex, underscores), and the canonical text
// Prometheus 3 gives `le` and `quantile` label values so `le="1"` and `le="1.0"` are the same series.

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
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = goShortestG(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** strconv.FormatFloat(v, 'g', -1, 64): the exponent form when the decimal exponent is below -4 or at least 6. */
function goShortestG(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, expText] = v.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
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
