// Aggregation operators over one step's instant vector, like aggregation() in Prometheus' engine.go.

import { LabelsBuilder, METRIC_NAME, labelsKey, type Labels } from '../../model/labels/labels.ts';
import type { AggregateExpr } from '../parser/ast.ts';
import { goQuote } from '../parser/lex.ts';
import { PromQLError, type Sample } from '../value.ts';
import { PerSeriesMemo, dropName, isNameDropped } from './labelcache.ts';
import { formatFloat } from '../../model/strconv.ts';
import { invalidQuantile, type Annotations } from './annotations.ts';
import { labelsHash } from '../../model/hash/labels.ts';
import { HistogramMixError, type FloatHistogram } from '../../model/histogram/float_histogram.ts';
import { goHistogramString } from '../../model/histogram/string.ts';
import { histogramMean, kahanSum } from '../../model/histogram/sum.ts';
import { KahanSum, MeanAccumulator, VarianceAccumulator, quantile } from './mathutil.ts';

/** The labels that identify a sample's group: `by` keeps the listed labels, `without` drops them and the name. */
export function groupingLabels(metric: Labels, grouping: readonly string[], without: boolean): Labels {
  if (without) return metric.filter((l) => l.name !== METRIC_NAME && !grouping.includes(l.name));
  return metric.filter((l) => grouping.includes(l.name));
}

interface Group {
  metric: Labels;
  samples: Sample[];
}

// A series' group labels and key, per grouping.
const groupOf = new PerSeriesMemo<AggregateExpr, { metric: Labels; key: string }>((e) => JSON.stringify([e.without, e.grouping]));

/** The group a series falls in under this aggregation: its labels and their key. */
export function groupIdentity(e: AggregateExpr, metric: Labels): { metric: Labels; key: string } {
  let id = groupOf.get(e, metric);
  if (!id) {
    const m = groupingLabels(metric, e.grouping, e.without);
    groupOf.set(e, metric, (id = { metric: m, key: labelsKey(m) }));
  }
  return id;
}

function groupSamples(vec: Sample[], e: AggregateExpr): Group[] {
  const groups = new Map<string, Group>();
  for (const s of vec) {
    const { metric, key } = groupIdentity(e, s.metric);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric, samples: [] }));
    g.samples.push(s);
  }
  return [...groups.values()];
}

function reduce(op: AggregateExpr['op'], samples: Sample[], param: number): number {
  switch (op) {
    case 'sum': {
      const sum = new KahanSum();
      for (const s of samples) sum.add(s.v);
      return sum.value();
    }
    case 'avg': {
      const acc = new MeanAccumulator();
      for (const s of samples) acc.add(s.v);
      return acc.value();
    }
    case 'count':
      return samples.length;
    case 'group':
      return 1;
    case 'min': {
      let min = samples[0].v;
      for (const s of samples) if (s.v < min || Number.isNaN(min)) min = s.v;
      return min;
    }
    case 'max': {
      let max = samples[0].v;
      for (const s of samples) if (s.v > max || Number.isNaN(max)) max = s.v;
      return max;
    }
    case 'stddev':
    case 'stdvar': {
      const acc = new VarianceAccumulator();
      for (const s of samples) acc.add(s.v);
      return op === 'stddev' ? Math.sqrt(acc.value()) : acc.value();
    }
    case 'quantile':
      return quantile(param, samples.map((s) => s.v));
    default:
      throw new PromQLError(`unexpected aggregation ${op}`);
  }
}

/**
 * Aggregates one step's vector. `param` is the step's scalar (quantile, limitk, limit_ratio) or string
 * (count_values). topk/bottomk rank whole ranges in columnar.ts, which also takes sum/count/min/max/group
 * when no dropped name decides the grouping.
 */
export function aggregate(e: AggregateExpr, vec: Sample[], param: number | string, ts: number, annos: Annotations): Sample[] {
  const groups = groupSamples(vec, e);
  switch (e.op) {
    case 'limitk': {
      // The first k of each group, in input order: a stable subset, not a ranking.
      const k = param as number;
      if (Number.isNaN(k)) throw new PromQLError('Parameter value is NaN');
      if (k < 1) return [];
      return groups.flatMap((g) => g.samples.slice(0, Math.min(Math.floor(k), g.samples.length)).map((s) => ({ ...s, t: ts })));
    }
    case 'limit_ratio': {
      // A sample is in when its label hash falls in the ratio's share of [0, 1): the low end for a positive
      // ratio, the high end for a negative one, so r and -(1-r) select complementary sets.
      const raw = param as number;
      if (Number.isNaN(raw)) throw new PromQLError('Ratio value is NaN');
      const r = Math.max(-1, Math.min(1, raw));
      if (r !== raw) annos.warn(`ratio value should be between -1 and 1, got ${formatFloat(raw, 'g')}, capping to ${formatFloat(r, 'g')}`, e.param!.pos);
      return vec
        .filter((s) => {
          // limit_ratio picks by the label set's hash as a fraction of the largest uint64, as Prometheus does.
          const offset = Number(labelsHash(s.metric)) / 18446744073709551615;
          return (r >= 0 && offset < r) || (r < 0 && offset >= 1 + r);
        })
        .map((s) => ({ ...s, t: ts }));
    }
    case 'count_values': {
      const label = param as string;
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) throw new PromQLError(`invalid label name ${goQuote(label)}`);
      const out = new Map<string, Sample>();
      for (const g of groups) {
        for (const s of g.samples) {
          const metric = new LabelsBuilder(g.metric).set(label, s.h ? goHistogramString(s.h) : formatFloat(s.v, 'f')).labels();
          const key = labelsKey(metric);
          const prev = out.get(key);
          out.set(key, { metric, t: ts, v: (prev?.v ?? 0) + 1 });
        }
      }
      return [...out.values()];
    }
    case 'quantile': {
      const q = param as number;
      if (!(q >= 0 && q <= 1)) annos.warn(invalidQuantile(q), e.param!.pos);
      return reduceGroups(e, groups, q, ts, annos);
    }
    default:
      return reduceGroups(e, groups, param as number, ts, annos);
  }
}

// One output sample per group; grouped by `__name__`, the name goes if any member's name was dropped.
function reduceGroups(e: AggregateExpr, groups: Group[], param: number, ts: number, annos: Annotations): Sample[] {
  const out: Sample[] = [];
  for (const g of groups) {
    const metric = g.samples.some((s) => isNameDropped(s.metric)) ? dropName(g.metric) : g.metric;
    const hs = g.samples.filter((s) => s.h);
    if (hs.length === 0 || e.op === 'count' || e.op === 'group') {
      out.push({ metric, t: ts, v: reduce(e.op, g.samples, param) });
      continue;
    }
    if (e.op === 'sum' || e.op === 'avg') {
      if (hs.length !== g.samples.length) {
        annos.warn('encountered a mix of histograms and floats for aggregation', e.expr.pos);
        continue;
      }
      const h = sumHistograms(hs.map((s) => s.h!), e, annos, e.op === 'avg');
      if (h) out.push({ metric, t: ts, v: NaN, h });
      continue;
    }
    // The other aggregations order or measure floats: histograms are left out.
    annos.info(`ignored histogram in ${e.op} aggregation`, e.expr.pos);
    const floats = g.samples.filter((s) => !s.h);
    if (floats.length) out.push({ metric, t: ts, v: reduce(e.op, floats, param) });
  }
  return out;
}

function sumHistograms(hs: FloatHistogram[], e: AggregateExpr, annos: Annotations, mean: boolean): FloatHistogram | null {
  if (hs.some((h) => h.hint === 'reset') && hs.some((h) => h.hint === 'not_reset')) {
    annos.warn('conflicting counter resets during histogram aggregation', e.expr.pos);
  }
  let acc: FloatHistogram;
  try {
    acc = (mean ? histogramMean : kahanSum)(hs, () => annos.info('mismatched custom buckets were reconciled during aggregation', e.expr.pos));
  } catch (err) {
    if (!(err instanceof HistogramMixError)) throw err;
    annos.warn(
      err.kind === 'mixed' ? 'vector contains a mix of histograms with exponential and custom buckets schemas for metric name ""' : 'vector contains histograms with incompatible custom buckets for metric name ""',
      e.pos,
    );
    return null;
  }
  acc.hint = 'gauge';
  return acc.trimmed();
}
