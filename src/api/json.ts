// Query results in the API's JSON shape: times as float Unix seconds, sample values as strings formatted like
// Go's strconv.FormatFloat(v, 'f', -1, 64), so +Inf, -Inf and NaN survive JSON.

import { labelsToRecord } from '../model/labels/labels.ts';
import type { Value } from '../promql/index.ts';
import type { FloatHistogram } from '../model/histogram/float_histogram.ts';

export type ResultType = Value['type'];

/** The shortest decimal that reads back as v, never in exponent notation (Go's 'f' format with precision -1). */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const neg = s.startsWith('-');
  const mantissa = s.slice(neg ? 1 : 0, e);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + Number(s.slice(e + 1));
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

const point = (t: number, v: number): [number, string] => [t / 1000, formatFloat(v)];

/**
 * A native histogram as Prometheus' API writes it: count, sum and the populated buckets as
 * [boundary rule, lower, upper, count], where the rule says which bounds are inclusive (0: upper only,
 * 1: lower only, 2: neither, 3: both).
 */
export function histogramJSON(h: FloatHistogram): { count: string; sum: string; buckets?: [number, string, string, string][] } {
  const buckets = h
    .buckets()
    .filter((b) => b.count !== 0)
    .map((b): [number, string, string, string] => [
      b.lowerInclusive ? (b.upperInclusive ? 3 : 1) : b.upperInclusive ? 0 : 2,
      formatFloat(b.lower),
      formatFloat(b.upper),
      formatFloat(b.count),
    ]);
  return buckets.length ? { count: formatFloat(h.count), sum: formatFloat(h.sum), buckets } : { count: formatFloat(h.count), sum: formatFloat(h.sum) };
}

// A range series: float points under `values`, histogram points under `histograms`, as Prometheus splits them.
function seriesJSON(s: Extract<Value, { type: 'matrix' }>['series'][number]): Record<string, unknown> {
  const metric = labelsToRecord(s.metric);
  if (!s.h) return { metric, values: s.t.map((t, i) => point(t, s.v[i])) };
  const values: [number, string][] = [];
  const histograms: [number, ReturnType<typeof histogramJSON>][] = [];
  s.t.forEach((t, i) => {
    const h = s.h![i];
    if (h) histograms.push([t / 1000, histogramJSON(h)]);
    else values.push(point(t, s.v[i]));
  });
  return { metric, ...(values.length ? { values } : {}), ...(histograms.length ? { histograms } : {}) };
}

/** `{resultType, result}` as /api/v1/query and /api/v1/query_range answer it. */
export function queryData(value: Value): { resultType: ResultType; result: unknown } {
  switch (value.type) {
    case 'scalar':
      return { resultType: 'scalar', result: point(value.t, value.v) };
    case 'string':
      return { resultType: 'string', result: [value.t / 1000, value.v] };
    case 'vector':
      return {
        resultType: 'vector',
        result: value.samples.map((s) =>
          s.h ? { metric: labelsToRecord(s.metric), histogram: [s.t / 1000, histogramJSON(s.h)] } : { metric: labelsToRecord(s.metric), value: point(s.t, s.v) },
        ),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: value.series.map(seriesJSON),
      };
  }
}
