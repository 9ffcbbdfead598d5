// Query results in the API's JSON shape: times as float Unix seconds, sample values as strings formatted like
// Go's strconv.FormatFloat(v, 'f', -1, 64), so +Inf, -Inf and NaN survive JSON.

import { labelsToRecord } from '../labels/labels.ts';
import type { Value } from '../promql/index.ts';

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
        result: value.samples.map((s) => ({ metric: labelsToRecord(s.metric), value: point(s.t, s.v) })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: value.series.map((s) => ({ metric: labelsToRecord(s.metric), values: s.t.map((t, i) => point(t, s.v[i])) })),
      };
  }
}
