// The instant-vector functions that read native histogram samples: histogram_count/sum/avg/stddev/stdvar,
// histogram_quantile(s)/fraction over native histograms (classic bucket series still go to buckets.ts), and
// the label functions, which carry a histogram through unchanged.

import { LabelsBuilder, getLabel, type Labels } from '../../model/labels/labels.ts';
import type { PositionRange } from '../value.ts';
import type { Call } from '../parser/ast.ts';
import type { Sample } from '../value.ts';
import { invalidQuantile, type Annotations } from './annotations.ts';
import { formatFloat } from '../../model/strconv.ts';
import { histogramFraction, histogramQuantile, histogramVariance } from './histogram_functions.ts';
import { nanObservations } from '../../model/histogram/quantile.ts';
import { dropName, keyOf, markNameDropped } from './labelcache.ts';
import type { StepArg, VectorFunction } from './context.ts';

/**
 * The histogram half of an instant-vector function's entry in VECTOR_FUNCTIONS: it gets the vector arguments
 * with their histogram samples, and the function's float half (where it has one) for the float samples.
 */
export type HistogramVectorFunction = (args: StepArg[], ts: number, call: Call, annos: Annotations, float?: VectorFunction) => Sample[];

function removeLabel(ls: Labels, name: string): Labels {
  return ls.filter((l) => l.name !== name);
}

// Classic and native histograms that give the same output series: Prometheus drops both, with a warning.
function withoutConflicts(classic: Sample[], natives: Sample[], native: (s: Sample) => Sample, pos: PositionRange, annos: Annotations): Sample[] {
  const fromNatives = natives.map(native);
  const nativeKeys = new Set(fromNatives.map((s) => keyOf(s.metric)));
  const clash = new Set(classic.map((s) => keyOf(s.metric)).filter((k) => nativeKeys.has(k)));
  if (clash.size === 0) return classic.concat(fromNatives);
  annos.warn(`vector contains a mix of classic and native histograms for metric name "${getLabel(natives[0].metric, '__name__')}"`, pos);
  return classic.concat(fromNatives).filter((s) => !clash.has(keyOf(s.metric)));
}

// The infos Prometheus gives for histograms with NaN observations.
function nanInfo(natives: Sample[], fn: 'quantile' | 'fraction', q: number, pos: PositionRange, annos: Annotations): void {
  for (const s of natives) {
    const nans = nanObservations(s.h!);
    if (nans === 0) continue;
    const name = getLabel(s.metric, '__name__');
    if (fn === 'fraction') {
      annos.info(`input to histogram_fraction has NaN observations, which are excluded from all fractions for metric name "${name}"`, pos);
    } else {
      const isNaN = !(q >= 0 && q <= 1) ? false : q * s.h!.count > s.h!.count - nans;
      annos.info(`input to histogram_quantile has NaN observations, result is ${isNaN ? 'NaN' : 'skewed higher'} for metric name "${name}"`, pos);
    }
  }
}

function split(vec: Sample[]): [Sample[], Sample[]] {
  const natives: Sample[] = [];
  const floats: Sample[] = [];
  for (const s of vec) (s.h ? natives : floats).push(s);
  return [natives, floats];
}

// A float per native histogram sample; float samples give nothing.
function perHistogram(f: (s: Sample) => number): HistogramVectorFunction {
  return (args, ts) => (args[0] as Sample[]).filter((s) => s.h).map((s) => ({ metric: dropName(s.metric), t: ts, v: f(s) }));
}

export const histogramCount = perHistogram((s) => s.h!.count);
export const histogramSum = perHistogram((s) => s.h!.sum);
export const histogramAvg = perHistogram((s) => s.h!.sum / s.h!.count);
export const histogramStddev = perHistogram((s) => Math.sqrt(histogramVariance(s.h!)));
export const histogramStdvar = perHistogram((s) => histogramVariance(s.h!));

/** histogram_quantile: native histograms here, classic bucket series by the float half. */
export const nativeQuantile: HistogramVectorFunction = (args, ts, call, annos, fn) => {
  const [natives, floats] = split(args[1] as Sample[]);
  const q = args[0] as number;
  if (!(q >= 0 && q <= 1)) annos.warn(invalidQuantile(q), call.args[0].pos);
  const out = floats.length || natives.length === 0 ? fn!([args[0], floats], ts, call, annos) : [];
  nanInfo(natives, 'quantile', q, call.args[1].pos, annos);
  return withoutConflicts(out, natives, (s) => ({ metric: dropName(s.metric), t: ts, v: histogramQuantile(q, s.h!) }), call.args[1].pos, annos);
};

/** histogram_fraction: native histograms here, classic bucket series by the float half. */
export const nativeFraction: HistogramVectorFunction = (args, ts, call, annos, fn) => {
  const [natives, floats] = split(args[2] as Sample[]);
  const [lo, hi] = args as [number, number];
  const out = floats.length || natives.length === 0 ? fn!([lo, hi, floats], ts, call, annos) : [];
  nanInfo(natives, 'fraction', NaN, call.args[2].pos, annos);
  return withoutConflicts(out, natives, (s) => ({ metric: dropName(s.metric), t: ts, v: histogramFraction(lo, hi, s.h!) }), call.args[2].pos, annos);
};

/** histogram_quantiles: native histograms here, classic bucket series by the float half. */
export const nativeQuantiles: HistogramVectorFunction = (args, ts, call, annos, fn) => {
  const [natives, floats] = split(args[0] as Sample[]);
  const [, label, ...qs] = args as [Sample[], string, ...number[]];
  const classic = fn!([floats, ...args.slice(1)], ts, call, annos);
  const nativeKeys = new Set(natives.map((s) => keyOf(dropName(s.metric))));
  const clash = new Set(classic.map((s) => keyOf(dropName(removeLabel(s.metric, label)))).filter((k) => nativeKeys.has(k)));
  if (clash.size) annos.warn(`vector contains a mix of classic and native histograms for metric name "${getLabel(natives[0].metric, '__name__')}"`, call.args[0].pos);
  const out = classic.filter((s) => !clash.has(keyOf(dropName(removeLabel(s.metric, label)))));
  for (const q of qs) nanInfo(natives, 'quantile', q, call.args[0].pos, annos);
  for (const s of natives) {
    if (clash.has(keyOf(dropName(s.metric)))) continue;
    for (const q of qs) {
      const f = formatFloat(q, 'f');
      const metric = markNameDropped(new LabelsBuilder(dropName(s.metric)).set(label, /^-?\d+$/.test(f) ? `${f}.0` : f).labels(), true);
      out.push({ metric, t: ts, v: histogramQuantile(q, s.h!) });
    }
  }
  return out;
};

/** label_replace/label_join: the float half relabels every sample; a histogram sample keeps its histogram. */
export const relabelHistograms: HistogramVectorFunction = (args, ts, call, annos, fn) => {
  const input = args[0] as Sample[];
  return fn!(args, ts, call, annos).map((o, i) => (input[i]?.h ? { ...o, h: input[i].h } : o));
};

/** Functions that treat a histogram sample like any other (sorting by label, absent): the float half, given all samples. */
export const withHistograms: HistogramVectorFunction = (args, ts, call, annos, fn) => fn!(args, ts, call, annos);


