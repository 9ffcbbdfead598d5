// Reading Prometheus' HTTP API answers back into query values: the inverse of src/api/json.ts.

import { labelsFromRecord } from '../model/labels/labels.ts';
import { PromQLError, type Sample, type Series, type Value } from '../promql/value.ts';

export class NotPrometheusError extends Error {}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Go's FormatFloat output, with +Inf/-Inf/NaN spelled as Prometheus does. */
function float(s: unknown): number {
  if (typeof s !== 'string') throw new NotPrometheusError(`a sample value must be a string, got ${JSON.stringify(s)}`);
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  const v = Number(s);
  if (s.trim() === '' || Number.isNaN(v)) throw new NotPrometheusError(`not a sample value: ${JSON.stringify(s)}`);
  return v;
}

function point(p: unknown): [number, number] {
  if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number') throw new NotPrometheusError(`not a [time, value] pair: ${JSON.stringify(p)}`);
  return [Math.round(p[0] * 1000), float(p[1])];
}

function metric(m: unknown) {
  if (!isRecord(m) || !Object.values(m).every((v) => typeof v === 'string')) throw new NotPrometheusError('a series must have a metric of string labels');
  return labelsFromRecord(m as Record<string, string>);
}

/**
 * The `data` of a successful /api/v1/query or /query_range answer. Native histogram samples are refused by name: the
 * playground's values are floats only.
 */
export function decodeQueryData(data: unknown): Value {
  if (!isRecord(data)) throw new NotPrometheusError('the answer has no query data');
  const { resultType, result } = data;
  switch (resultType) {
    case 'scalar': {
      const [t, v] = point(result);
      return { type: 'scalar', t, v };
    }
    case 'string': {
      if (!Array.isArray(result) || typeof result[0] !== 'number' || typeof result[1] !== 'string') throw new NotPrometheusError('bad string result');
      return { type: 'string', t: Math.round(result[0] * 1000), v: result[1] };
    }
    case 'vector': {
      if (!Array.isArray(result)) throw new NotPrometheusError('a vector result must be a list');
      const samples: Sample[] = result.map((r) => {
        if (!isRecord(r)) throw new NotPrometheusError('bad vector sample');
        if (r.histogram !== undefined) throw new PromQLError('native histogram samples from the server cannot be shown here');
        const [t, v] = point(r.value);
        return { metric: metric(r.metric), t, v };
      });
      return { type: 'vector', samples };
    }
    case 'matrix': {
      if (!Array.isArray(result)) throw new NotPrometheusError('a matrix result must be a list');
      const series: Series[] = result.map((r) => {
        if (!isRecord(r)) throw new NotPrometheusError('bad matrix series');
        if (r.histograms !== undefined) throw new PromQLError('native histogram samples from the server cannot be shown here');
        if (!Array.isArray(r.values)) throw new NotPrometheusError('a matrix series must have values');
        const pts = r.values.map(point);
        return { metric: metric(r.metric), t: pts.map((p) => p[0]), v: pts.map((p) => p[1]) };
      });
      return { type: 'matrix', series };
    }
    default:
      throw new NotPrometheusError(`unknown resultType ${JSON.stringify(resultType)}`);
  }
}

/**
 * Prometheus' parse errors read `invalid parameter "query": 1:7: parse error: …`; keep the part our own parser would
 * print and turn its line:col into the query's character range.
 */
export function serverError(expr: string, message: string): PromQLError {
  const m = /^(?:invalid parameter "query": )?((\d+):(\d+): .*)$/s.exec(message);
  if (!m) return new PromQLError(message);
  const lines = expr.split('\n');
  const line = Math.min(Number(m[2]), lines.length);
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Number(m[3]) - 1;
  return new PromQLError(m[1], { start: Math.min(start, expr.length), end: expr.length });
}
