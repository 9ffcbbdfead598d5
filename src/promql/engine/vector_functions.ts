// Functions over instant vectors and scalars, like the vector-argument functions in Prometheus' functions.go.
// They run once per evaluation step on that step's argument values.

import { expand, labelRegexp, type LabelRegexp } from '../../model/labels/regexp.ts';
import { LabelsBuilder, METRIC_NAME, compareLabels, getLabel, type Labels } from '../../model/labels/labels.ts';
import { bucketFraction, bucketQuantile, groupBuckets } from './buckets.ts';
import { dropName, isNameDropped, markNameDropped } from './labelcache.ts';
import { formatFloat } from '../../model/strconv.ts';
import { invalidQuantile, type Annotations } from './annotations.ts';
import type { Sample } from '../value.ts';
import { PromQLError } from '../value.ts';
import type { Call, Expr } from '../parser/ast.ts';
import type { StepArg, VectorFunction } from './context.ts';
import {
  histogramAvg,
  histogramCount,
  histogramStddev,
  histogramStdvar,
  histogramSum,
  nativeFraction,
  nativeQuantile,
  nativeQuantiles,
  relabelHistograms,
  withHistograms,
  type HistogramVectorFunction,
} from './histogram_vector.ts';


// A per-sample math function; the metric name is dropped, as the value no longer means what the name says.
function simple(f: (v: number) => number): VectorFunction {
  return (args, ts) => (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: f(s.v) }));
}

// The date functions read each sample's value as a Unix time in seconds (or the step time without args).
function dateFn(f: (d: Date) => number): VectorFunction {
  return (args, ts) => {
    const input = args.length === 0 ? [{ metric: [] as Labels, t: ts, v: ts / 1000 }] : (args[0] as Sample[]);
    return input.map((s) => ({ metric: dropName(s.metric), t: ts, v: Number.isFinite(s.v) ? f(new Date(s.v * 1000)) : NaN }));
  };
}

function sortBy(desc: boolean): VectorFunction {
  // NaN sorts last in both directions, as in Prometheus 3.
  return (args) =>
    [...(args[0] as Sample[])].sort((a, b) => {
      if (Number.isNaN(a.v)) return Number.isNaN(b.v) ? 0 : 1;
      if (Number.isNaN(b.v)) return -1;
      return desc ? b.v - a.v : a.v - b.v;
    });
}

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// A name marked for removal stays marked, unless the function wrote `__name__` itself.
function relabeled(before: Labels, after: Labels, dst: string): Labels {
  return markNameDropped(after, dst !== METRIC_NAME && isNameDropped(before));
}

function labelReplace(args: StepArg[], ts: number): Sample[] {
  const [vec, dst, replacement, src, regex] = args as [Sample[], string, string, string, string];
  let re: LabelRegexp;
  try {
    re = labelRegexp(regex);
  } catch {
    throw new PromQLError(`invalid regular expression in label_replace(): ${regex}`);
  }
  if (!LABEL_NAME_RE.test(dst)) throw new PromQLError(`invalid destination label name in label_replace(): ${dst}`);
  return vec.map((s) => {
    const m = re.submatch(getLabel(s.metric, src));
    if (!m) return { metric: s.metric, t: ts, v: s.v };
    return { metric: relabeled(s.metric, new LabelsBuilder(s.metric).set(dst, expand(replacement, m)).labels(), dst), t: ts, v: s.v };
  });
}

function labelJoin(args: StepArg[], ts: number): Sample[] {
  const [vec, dst, sep, ...srcs] = args as [Sample[], string, string, ...string[]];
  if (!LABEL_NAME_RE.test(dst)) throw new PromQLError(`invalid destination label name in label_join(): ${dst}`);
  for (const src of srcs) if (!LABEL_NAME_RE.test(src)) throw new PromQLError(`invalid source label name in label_join(): ${src}`);
  return vec.map((s) => ({
    metric: relabeled(s.metric, new LabelsBuilder(s.metric).set(dst, srcs.map((n) => getLabel(s.metric, n)).join(sep)).labels(), dst),
    t: ts,
    v: s.v,
  }));
}

/** The labels absent()/absent_over_time() return: the selector's equality matchers, unless a name repeats. */
export function absentLabels(arg: Expr): Labels {
  while (arg.type === 'ParenExpr') arg = arg.expr;
  const vs = arg.type === 'MatrixSelector' ? arg.vectorSelector : arg.type === 'VectorSelector' ? arg : null;
  if (!vs) return [];
  const b = new LabelsBuilder();
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const m of vs.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !seen.has(m.name)) b.set(m.name, m.value);
    else if (seen.has(m.name)) repeated.add(m.name);
    seen.add(m.name);
  }
  for (const n of repeated) b.del(n);
  return b.labels();
}

function histogramQuantile(args: StepArg[], ts: number, call: Call, annos: Annotations): Sample[] {
  const q = args[0] as number;
  if (!(q >= 0 && q <= 1)) annos.warn(invalidQuantile(q), call.args[0].pos);
  return groupBuckets(args[1] as Sample[], annos, call.args[1].pos).map((g) => ({ metric: g.metric, t: ts, v: bucketQuantile(q, g, annos, call.args[1].pos) }));
}

// The quantile label's value: Go's shortest float form, with ".0" on whole numbers.
function quantileLabel(q: number): string {
  const s = formatFloat(q, 'f');
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

function histogramQuantiles(args: StepArg[], ts: number, call: Call, annos: Annotations): Sample[] {
  const [vec, label, ...qs] = args as [Sample[], string, ...number[]];
  if (!LABEL_NAME_RE.test(label)) throw new PromQLError(`invalid quantile label name in histogram_quantiles(): ${label}`);
  qs.forEach((q, i) => {
    if (!(q >= 0 && q <= 1)) annos.warn(invalidQuantile(q), call.args[i + 2].pos);
  });
  const pos = call.args[0].pos;
  return groupBuckets(vec, annos, pos).flatMap((g) =>
    qs.map((q) => ({
      metric: markNameDropped(new LabelsBuilder(g.metric).set(label, quantileLabel(q)).labels(), isNameDropped(g.metric)),
      t: ts,
      v: bucketQuantile(q, g, annos, pos),
    })),
  );
}

function histogramFraction(args: StepArg[], ts: number, call: Call, annos: Annotations): Sample[] {
  const [lower, upper, vec] = args as [number, number, Sample[]];
  return groupBuckets(vec, annos, call.args[2].pos).map((g) => ({ metric: g.metric, t: ts, v: bucketFraction(lower, upper, g.buckets) }));
}

// Natural order: runs of digits compare by their numeric value, so "cpu2" < "cpu10".
function naturalCompare(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

// sort_by_label: by the listed labels in natural order, ties broken by the whole label set.
function sortByLabel(desc: boolean): VectorFunction {
  return (args) => {
    const [vec, ...names] = args as [Sample[], ...string[]];
    const sign = desc ? -1 : 1;
    return [...vec].sort((a, b) => {
      for (const n of names) {
        const c = naturalCompare(getLabel(a.metric, n), getLabel(b.metric, n));
        if (c !== 0) return sign * c;
      }
      return sign * compareLabels(a.metric, b.metric);
    });
  };
}

function round(args: StepArg[], ts: number): Sample[] {
  const toNearest = args.length > 1 ? (args[1] as number) : 1;
  // Dividing by the inverse keeps results like round(x, 0.1) free of float noise.
  const inverse = 1 / toNearest;
  return (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: Math.floor(s.v * inverse + 0.5) / inverse }));
}

function clamp(args: StepArg[], ts: number): Sample[] {
  const [vec, min, max] = args as [Sample[], number, number];
  if (max < min) return [];
  return vec.map((s) => ({ metric: dropName(s.metric), t: ts, v: goMax(min, goMin(max, s.v)) }));
}

// Go's math.Max/Min propagate NaN, unlike a plain comparison.
function goMax(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
}
function goMin(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
}

/**
 * One entry per instant-vector function (functions.go's FunctionCalls): `float` over float samples (histogram
 * samples are left out of its vector arguments), `histogram` where the function reads native histograms (it
 * gets every sample and the float half).
 */
export interface VectorFunctionDef {
  readonly float?: VectorFunction;
  readonly histogram?: HistogramVectorFunction;
}

export const VECTOR_FUNCTIONS: Readonly<Record<string, VectorFunctionDef>> = {
  abs: { float: simple(Math.abs) },
  ceil: { float: simple(Math.ceil) },
  floor: { float: simple(Math.floor) },
  exp: { float: simple(Math.exp) },
  sqrt: { float: simple(Math.sqrt) },
  ln: { float: simple(Math.log) },
  log2: { float: simple(Math.log2) },
  log10: { float: simple(Math.log10) },
  sgn: { float: simple((v) => (Number.isNaN(v) ? NaN : Math.sign(v))) },
  sin: { float: simple(Math.sin) },
  cos: { float: simple(Math.cos) },
  tan: { float: simple(Math.tan) },
  asin: { float: simple(Math.asin) },
  acos: { float: simple(Math.acos) },
  atan: { float: simple(Math.atan) },
  sinh: { float: simple(Math.sinh) },
  cosh: { float: simple(Math.cosh) },
  tanh: { float: simple(Math.tanh) },
  asinh: { float: simple(Math.asinh) },
  acosh: { float: simple(Math.acosh) },
  atanh: { float: simple(Math.atanh) },
  deg: { float: simple((v) => (v * 180) / Math.PI) },
  rad: { float: simple((v) => (v * Math.PI) / 180) },
  round: { float: round },
  clamp: { float: clamp },
  clamp_min: { float: (args, ts) => (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: goMax(s.v, args[1] as number) })) },
  clamp_max: { float: (args, ts) => (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: goMin(s.v, args[1] as number) })) },
  day_of_month: { float: dateFn((d) => d.getUTCDate()) },
  day_of_week: { float: dateFn((d) => d.getUTCDay()) },
  day_of_year: { float: dateFn((d) => Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1) },
  days_in_month: { float: dateFn((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()) },
  hour: { float: dateFn((d) => d.getUTCHours()) },
  minute: { float: dateFn((d) => d.getUTCMinutes()) },
  month: { float: dateFn((d) => d.getUTCMonth() + 1) },
  year: { float: dateFn((d) => d.getUTCFullYear()) },
  pi: { float: (_args, ts) => [{ metric: [], t: ts, v: Math.PI }] },
  min_of: { float: (args, ts) => [{ metric: [], t: ts, v: goMin(args[0] as number, args[1] as number) }] },
  max_of: { float: (args, ts) => [{ metric: [], t: ts, v: goMax(args[0] as number, args[1] as number) }] },
  time: { float: (_args, ts) => [{ metric: [], t: ts, v: ts / 1000 }] },
  vector: { float: (args, ts) => [{ metric: [], t: ts, v: args[0] as number }] },
  scalar: {
    float: (args, ts) => {
      const vec = args[0] as Sample[];
      return [{ metric: [], t: ts, v: vec.length === 1 ? vec[0].v : NaN }];
    },
  },
  timestamp: { float: (args, ts) => (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: s.t / 1000 })) },
  absent: { float: (args, ts, call) => ((args[0] as Sample[]).length > 0 ? [] : [{ metric: absentLabels(call.args[0]), t: ts, v: 1 }]), histogram: withHistograms },
  sort: { float: sortBy(false) },
  sort_desc: { float: sortBy(true) },
  histogram_quantile: { float: histogramQuantile, histogram: nativeQuantile },
  histogram_quantiles: { float: histogramQuantiles, histogram: nativeQuantiles },
  histogram_fraction: { float: histogramFraction, histogram: nativeFraction },
  sort_by_label: { float: sortByLabel(false), histogram: withHistograms },
  sort_by_label_desc: { float: sortByLabel(true), histogram: withHistograms },
  label_replace: { float: labelReplace, histogram: relabelHistograms },
  label_join: { float: labelJoin, histogram: relabelHistograms },
  histogram_count: { histogram: histogramCount },
  histogram_sum: { histogram: histogramSum },
  histogram_avg: { histogram: histogramAvg },
  histogram_stddev: { histogram: histogramStddev },
  histogram_stdvar: { histogram: histogramStdvar },
};
