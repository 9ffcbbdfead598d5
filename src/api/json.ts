// Query results in the API's JSON shape: times as float Unix seconds, sample values as strings formatted like
// Go's strconv.FormatFloat(v, 'f', -1, 64), so +Inf, -Inf and NaN survive JSON.

import { labelsToRecord } from '../model/labels/labels.ts';
import type { Value } from '../promql/index.ts';
import type { FloatHistogram } from '../model/histogram/float_histogram.ts';
import { formatFloat } from '../model/strconv.ts';

/** Sample values as Prometheus writes them: the shortest decimal, never in exponent notation. */
const f = (v: number): string => formatFloat(v, 'f');

export type ResultType = Value['type'];


const point = (t: number, v: number): [number, string] => [t / 1000, f(v)];

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
      f(b.lower),
      f(b.upper),
      f(b.count),
    ]);
  return buckets.length ? { count: f(h.count), sum: f(h.sum), buckets } : { count: f(h.count), sum: f(h.sum) };
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
