// Functions over instant vectors and scalars, like the vector-argument functions in Prometheus' functions.go.
// They run once per evaluation step on that step's argument values.

import { LabelsBuilder, METRIC_NAME, getLabel, labelsKey, type Labels } from '../../labels/labels.ts';
import type { Sample } from '../value.ts';
import { PromQLError } from '../value.ts';
import type { Call, Expr } from '../parser/ast.ts';

/** One argument at one step: an instant vector, a scalar, or a string. */
export type StepArg = Sample[] | number | string;

export type VectorFunction = (args: StepArg[], ts: number, call: Call) => Sample[];

function dropName(ls: Labels): Labels {
  return ls.some((l) => l.name === METRIC_NAME) ? ls.filter((l) => l.name !== METRIC_NAME) : ls;
}

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

// Go's regexp.Expand: $1, ${1}, $name, ${name}, $$. A name is the longest run of word characters.
function expandTemplate(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (all, braced: string | undefined, bare: string | undefined) => {
    if (all === '$$') return '$';
    const name = (braced ?? bare)!;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function labelReplace(args: StepArg[], ts: number): Sample[] {
  const [vec, dst, replacement, src, regex] = args as [Sample[], string, string, string, string];
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${regex})$`, 's');
  } catch {
    throw new PromQLError(`invalid regular expression in label_replace(): ${regex}`);
  }
  if (!LABEL_NAME_RE.test(dst)) throw new PromQLError(`invalid destination label name in label_replace(): ${dst}`);
  return vec.map((s) => {
    const m = re.exec(getLabel(s.metric, src));
    if (!m) return { metric: s.metric, t: ts, v: s.v };
    return { metric: new LabelsBuilder(s.metric).set(dst, expandTemplate(replacement, m)).labels(), t: ts, v: s.v };
  });
}

function labelJoin(args: StepArg[], ts: number): Sample[] {
  const [vec, dst, sep, ...srcs] = args as [Sample[], string, string, ...string[]];
  if (!LABEL_NAME_RE.test(dst)) throw new PromQLError(`invalid destination label name in label_join(): ${dst}`);
  for (const src of srcs) if (!LABEL_NAME_RE.test(src)) throw new PromQLError(`invalid source label name in label_join(): ${src}`);
  return vec.map((s) => ({
    metric: new LabelsBuilder(s.metric).set(dst, srcs.map((n) => getLabel(s.metric, n)).join(sep)).labels(),
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

// Bucket counts by upper bound for one histogram_quantile group.
interface Bucket {
  upper: number;
  count: number;
}

/** Quantile from classic cumulative buckets, like BucketQuantile in promql/quantile.go. */
export function bucketQuantile(q: number, buckets: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  buckets.sort((a, b) => a.upper - b.upper);
  if (buckets.length === 0 || buckets[buckets.length - 1].upper !== Infinity) return NaN;
  // Coalesce buckets with the same bound, then force counts to be monotonic (ignoring float noise).
  const bs: Bucket[] = [];
  for (const b of buckets) {
    const last = bs[bs.length - 1];
    if (last && last.upper === b.upper) last.count += b.count;
    else bs.push({ ...b });
  }
  let prev = bs[0].count;
  for (let i = 1; i < bs.length; i++) {
    const cur = bs[i].count;
    if (cur !== prev && Math.abs(cur - prev) < 1e-12 * Math.abs(prev)) bs[i].count = prev;
    else if (cur < prev) bs[i].count = prev;
    prev = bs[i].count;
  }
  if (bs.length < 2) return NaN;
  const observations = bs[bs.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = 0;
  while (b < bs.length - 1 && bs[b].count < rank) b++;
  if (b === bs.length - 1) return bs[bs.length - 2].upper;
  if (b === 0 && bs[0].upper <= 0) return bs[0].upper;
  let start = 0;
  let count = bs[b].count;
  if (b > 0) {
    start = bs[b - 1].upper;
    count -= bs[b - 1].count;
    rank -= bs[b - 1].count;
  }
  return start + (bs[b].upper - start) * (rank / count);
}

function histogramQuantile(args: StepArg[], ts: number): Sample[] {
  const q = args[0] as number;
  const groups = new Map<string, { metric: Labels; buckets: Bucket[] }>();
  for (const s of args[1] as Sample[]) {
    const le = getLabel(s.metric, 'le');
    const upper = le === '+Inf' || le === 'Inf' || le === '+inf' ? Infinity : Number(le);
    if (le === '' || Number.isNaN(upper)) continue;
    const metric = dropName(s.metric).filter((l) => l.name !== 'le');
    const key = labelsKey(metric);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric, buckets: [] }));
    g.buckets.push({ upper, count: s.v });
  }
  return [...groups.values()].map((g) => ({ metric: g.metric, t: ts, v: bucketQuantile(q, g.buckets) }));
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

export const VECTOR_FUNCTIONS: Readonly<Record<string, VectorFunction>> = {
  abs: simple(Math.abs),
  ceil: simple(Math.ceil),
  floor: simple(Math.floor),
  exp: simple(Math.exp),
  sqrt: simple(Math.sqrt),
  ln: simple(Math.log),
  log2: simple(Math.log2),
  log10: simple(Math.log10),
  sgn: simple((v) => (Number.isNaN(v) ? NaN : Math.sign(v))),
  sin: simple(Math.sin),
  cos: simple(Math.cos),
  tan: simple(Math.tan),
  asin: simple(Math.asin),
  acos: simple(Math.acos),
  atan: simple(Math.atan),
  sinh: simple(Math.sinh),
  cosh: simple(Math.cosh),
  tanh: simple(Math.tanh),
  asinh: simple(Math.asinh),
  acosh: simple(Math.acosh),
  atanh: simple(Math.atanh),
  deg: simple((v) => (v * 180) / Math.PI),
  rad: simple((v) => (v * Math.PI) / 180),
  round,
  clamp,
  clamp_min: (args, ts) => (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: goMax(s.v, args[1] as number) })),
  clamp_max: (args, ts) => (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: goMin(s.v, args[1] as number) })),
  day_of_month: dateFn((d) => d.getUTCDate()),
  day_of_week: dateFn((d) => d.getUTCDay()),
  day_of_year: dateFn((d) => Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1),
  days_in_month: dateFn((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()),
  hour: dateFn((d) => d.getUTCHours()),
  minute: dateFn((d) => d.getUTCMinutes()),
  month: dateFn((d) => d.getUTCMonth() + 1),
  year: dateFn((d) => d.getUTCFullYear()),
  pi: (_args, ts) => [{ metric: [], t: ts, v: Math.PI }],
  time: (_args, ts) => [{ metric: [], t: ts, v: ts / 1000 }],
  vector: (args, ts) => [{ metric: [], t: ts, v: args[0] as number }],
  scalar: (args, ts) => {
    const vec = args[0] as Sample[];
    return [{ metric: [], t: ts, v: vec.length === 1 ? vec[0].v : NaN }];
  },
  timestamp: (args, ts) => (args[0] as Sample[]).map((s) => ({ metric: dropName(s.metric), t: ts, v: s.t / 1000 })),
  absent: (args, ts, call) => ((args[0] as Sample[]).length > 0 ? [] : [{ metric: absentLabels(call.args[0]), t: ts, v: 1 }]),
  sort: sortBy(false),
  sort_desc: sortBy(true),
  histogram_quantile: histogramQuantile,
  label_replace: labelReplace,
  label_join: labelJoin,
};
