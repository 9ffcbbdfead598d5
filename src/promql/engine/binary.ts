// Binary operators on one step's operands, like VectorBinop/VectorscalarBinop/VectorAnd/Or/Unless in
// Prometheus' engine.go.

import { LabelsBuilder, METRIC_NAME, compareLabels, labelsKey, type Labels } from '../../model/labels/labels.ts';
import { PerSeriesMemo, dropName, isNameDropped, keyOf, markNameDropped } from './labelcache.ts';
import { isComparisonOp, isTrimOp, type BinaryOp, type VectorMatching } from '../parser/ast.ts';
import { PromQLError, type Sample } from '../value.ts';
import { HistogramMixError, type FloatHistogram } from '../../model/histogram/float_histogram.ts';
import { trimHistogram } from '../../model/histogram/quantile.ts';

/** Called with the message of an annotation a histogram operand causes, and whether it is a warning. */
export type BinopNotice = (msg: string, warn: boolean) => void;

type Operand = { v: number; h?: FloatHistogram };

const kind = (x: Operand): string => (x.h ? 'histogram' : 'float');

/**
 * op where at least one operand is a histogram, like vectorElemBinop: histogram ± histogram, histogram × / ÷
 * float, float × histogram, and == / != between histograms. Null drops the pair (with an info annotation).
 */
export function histogramOp(op: BinaryOp, l: Operand, r: Operand, returnBool: boolean, notice?: BinopNotice): { v: number; h?: FloatHistogram; keep: boolean } | null {
  const incompatible = (): null => {
    notice?.(`incompatible sample types encountered for binary operator "${op}": ${kind(l)} ${op} ${kind(r)}`, false);
    return null;
  };
  try {
    if (l.h && r.h) {
      switch (op) {
        case '+':
          return { v: NaN, h: l.h.add(r.h, 1, () => notice?.('mismatched custom buckets were reconciled during addition', false)).trimmed(), keep: true };
        case '-':
          return { v: NaN, h: l.h.sub(r.h, () => notice?.('mismatched custom buckets were reconciled during subtraction', false)).trimmed(), keep: true };
        case '==':
        case '!=': {
          const eq = histogramsEqual(l.h, r.h);
          const holds = op === '==' ? eq : !eq;
          return returnBool ? { v: holds ? 1 : 0, keep: true } : { v: NaN, h: l.h, keep: holds };
        }
        default:
          return incompatible();
      }
    }
    if (l.h && isTrimOp(op)) return { v: NaN, h: trimHistogram(l.h, r.v, op === '</'), keep: true };
    if (l.h) {
      if (op === '*') return { v: NaN, h: l.h.mul(r.v), keep: true };
      if (op === '/') return { v: NaN, h: l.h.div(r.v), keep: true };
      return incompatible();
    }
    if (op === '*') return { v: NaN, h: r.h!.mul(l.v), keep: true };
    return incompatible();
  } catch (e) {
    if (!(e instanceof HistogramMixError)) throw e;
    notice?.(e.kind === 'mixed' ? 'vector contains a mix of histograms with exponential and custom buckets schemas for metric name ""' : 'vector contains histograms with incompatible custom buckets for metric name ""', true);
    return null;
  }
}

function histogramsEqual(a: FloatHistogram, b: FloatHistogram): boolean {
  const x = a.copy().trimmed();
  const y = b.copy().trimmed();
  const arr = (p: number[], q: number[]): boolean => p.length === q.length && p.every((c, i) => c === q[i]);
  return (
    x.schema === y.schema &&
    x.zeroThreshold === y.zeroThreshold &&
    x.zeroCount === y.zeroCount &&
    x.count === y.count &&
    x.sum === y.sum &&
    (x.pBuckets.length === 0 || x.pOffset === y.pOffset) &&
    (x.nBuckets.length === 0 || x.nOffset === y.nOffset) &&
    arr(x.pBuckets, y.pBuckets) &&
    arr(x.nBuckets, y.nBuckets) &&
    arr(x.customValues, y.customValues)
  );
}

/** op applied to two floats; a comparison gives 1 when it holds and 0 when not (its `bool` value). */
export function applyOp(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '^':
      return l ** r;
    case '%':
      // Go's math.Mod: the result takes the sign of the dividend, as JS % does.
      return l % r;
    case 'atan2':
      return Math.atan2(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
    default:
      throw new PromQLError(`operator "${op}" not allowed for scalar operations`);
  }
}

// Arithmetic changes what a value means, so the name goes; comparisons filter and keep it.
function shouldDropName(op: BinaryOp): boolean {
  return !isComparisonOp(op) && !isTrimOp(op);
}

/** `vector op scalar` (or `scalar op vector` when swapped). */
export function vectorScalarBinop(op: BinaryOp, vec: Sample[], scalar: number, swap: boolean, returnBool: boolean, ts: number, notice?: BinopNotice): Sample[] {
  const out: Sample[] = [];
  const filter = isComparisonOp(op) && !returnBool;
  for (const s of vec) {
    if (s.h) {
      const sc = { v: scalar };
      const r = swap ? histogramOp(op, sc, s, returnBool, notice) : histogramOp(op, s, sc, returnBool, notice);
      if (r && r.keep) out.push(r.h ? { metric: filter || isTrimOp(op) ? s.metric : dropName(s.metric), t: ts, v: NaN, h: r.h } : { metric: dropName(s.metric), t: ts, v: r.v });
      continue;
    }
    // The trim operators apply to histograms only.
    if (isTrimOp(op)) continue;
    const r = swap ? applyOp(op, scalar, s.v) : applyOp(op, s.v, scalar);
    // A filtering comparison keeps the vector's own value, on either side of the operator.
    if (filter) {
      if (r === 1) out.push({ metric: s.metric, t: ts, v: s.v });
    } else out.push({ metric: dropName(s.metric), t: ts, v: r });
  }
  return out;
}

/** The key samples are matched on: the `on` labels, or all labels but the `ignoring` ones and the name. */
export function signature(metric: Labels, vm: VectorMatching): string {
  let sig = signatures.get(vm, metric);
  if (sig === undefined) signatures.set(vm, metric, (sig = labelsKey(matchLabels(metric, vm))));
  return sig;
}

// What a matching does to labels; fill values change nothing there.
const matchingSpec = (vm: VectorMatching): string => JSON.stringify([vm.card, vm.on, vm.matchingLabels, vm.include]);
const signatures = new PerSeriesMemo<VectorMatching, string>(matchingSpec);
// Output labels per (matching, left series, right series), for operations that drop the name and that keep it.
const droppingResults = new PerSeriesMemo<VectorMatching, WeakMap<Labels, Labels>>(matchingSpec);
const keepingResults = new PerSeriesMemo<VectorMatching, WeakMap<Labels, Labels>>(matchingSpec);
const NO_LABELS: Labels = [];

function matchLabels(metric: Labels, vm: VectorMatching): Labels {
  return vm.on
    ? metric.filter((l) => vm.matchingLabels.includes(l.name))
    : metric.filter((l) => l.name !== METRIC_NAME && !vm.matchingLabels.includes(l.name));
}

/** Go's labels.Labels.String(): `{a="b", c="d"}` with the name as an ordinary label. */
function labelsString(ls: Labels): string {
  return `{${ls.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

export function vectorAnd(lhs: Sample[], rhs: Sample[], vm: VectorMatching): Sample[] {
  const right = new Set(rhs.map((s) => signature(s.metric, vm)));
  return lhs.filter((s) => right.has(signature(s.metric, vm)));
}

export function vectorOr(lhs: Sample[], rhs: Sample[], vm: VectorMatching): Sample[] {
  const left = new Set(lhs.map((s) => signature(s.metric, vm)));
  return [...lhs, ...rhs.filter((s) => !left.has(signature(s.metric, vm)))];
}

export function vectorUnless(lhs: Sample[], rhs: Sample[], vm: VectorMatching): Sample[] {
  const right = new Set(rhs.map((s) => signature(s.metric, vm)));
  return lhs.filter((s) => !right.has(signature(s.metric, vm)));
}

// The output labels of a matched pair (resultMetric): the "many" side's labels, reduced for one-to-one
// matching, plus the group_x labels copied from the "one" side.
function resultMetric(l: Labels, r: Labels, op: BinaryOp, vm: VectorMatching, returnBool: boolean): Labels {
  const b = new LabelsBuilder(l);
  if (vm.card === 'one-to-one') {
    if (vm.on) {
      for (const n of b.names()) if (!vm.matchingLabels.includes(n)) b.del(n);
    } else for (const n of vm.matchingLabels) b.del(n);
  }
  for (const n of vm.include) {
    const v = r.find((x) => x.name === n)?.value ?? '';
    b.set(n, v);
  }
  // Comparisons keep the left side's name, unless it was already dropped.
  return markNameDropped(b.labels(), shouldDropName(op) || returnBool || isNameDropped(l));
}

/**
 * `vector op vector` with one-to-one, many-to-one or one-to-many matching. With fill values, a sample
 * missing on one side is stood in for by the fill value of that side.
 */
export function vectorBinop(op: BinaryOp, lhsIn: Sample[], rhsIn: Sample[], vm: VectorMatching, returnBool: boolean, ts: number, notice?: BinopNotice): Sample[] {
  const swapped = vm.card === 'one-to-many';
  // Work with the "many" side on the left.
  const [lhs, rhs] = swapped ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  // Prometheus applies fill_left to the "many" side and fill_right to the "one" side, also for group_right.
  const fillMany = vm.fill?.lhs ?? null;
  const fillOne = vm.fill?.rhs ?? null;
  const rightSigs = new Map<string, Sample>();
  for (const rs of rhs) {
    const sig = signature(rs.metric, vm);
    const dupl = rightSigs.get(sig);
    if (dupl) {
      const pair = [rs.metric, dupl.metric].sort(compareLabels).map(labelsString).join(', ');
      throw new PromQLError(
        `found duplicate series for the match group ${labelsString(matchLabels(rs.metric, vm))} on the ${swapped ? 'left' : 'right'} ` +
          `hand-side of the operation: [${pair}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    rightSigs.set(sig, rs);
  }
  // One-to-one: the match groups seen. Grouped: the output label sets seen; they contain the match labels,
  // so a repeat means the same group produced the same output twice.
  const seen = new Set<string>();
  const filter = isComparisonOp(op) && !returnBool;
  const usedOne = fillMany !== null ? new Set<string>() : null;
  const out: Sample[] = [];
  const emit = (sig: string, manyV: number, oneV: number, many: Labels, one: Labels | null, manyH?: FloatHistogram, oneH?: FloatHistogram): void => {
    // A second match is an error even when the comparison would filter it out.
    if (vm.card === 'one-to-one') {
      if (seen.has(sig)) throw new PromQLError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      seen.add(sig);
    }
    const l = swapped ? oneV : manyV;
    let h: FloatHistogram | undefined;
    let v: number;
    if (manyH || oneH) {
      const lo = swapped ? { v: oneV, h: oneH } : { v: manyV, h: manyH };
      const ro = swapped ? { v: manyV, h: manyH } : { v: oneV, h: oneH };
      const res = histogramOp(op, lo, ro, returnBool, notice);
      if (!res || !res.keep) return;
      v = res.v;
      h = res.h;
    } else {
      if (isTrimOp(op)) return;
      const r = applyOp(op, l, swapped ? manyV : oneV);
      // A filtering comparison keeps the left operand's value.
      if (filter && r === 0) return;
      v = filter ? l : r;
    }
    const m = one === null ? matchLabels(many, vm) : pairMetric(many, one, op, vm, returnBool);
    if (vm.card !== 'one-to-one') {
      const key = keyOf(m);
      if (seen.has(key)) throw new PromQLError('multiple matches for labels: grouping labels must ensure unique matches');
      seen.add(key);
    }
    out.push(h ? { metric: m, t: ts, v, h } : { metric: m, t: ts, v });
  };
  for (const ls of lhs) {
    const sig = signature(ls.metric, vm);
    const rs = rightSigs.get(sig);
    if (rs) {
      usedOne?.add(sig);
      emit(sig, ls.v, rs.v, ls.metric, rs.metric, ls.h, rs.h);
    } else if (fillOne !== null) {
      // A filled "one" side has no labels, so its group_x labels cannot be filled.
      emit(sig, ls.v, fillOne, ls.metric, NO_LABELS, ls.h);
    }
  }
  if (usedOne) {
    // A "one" sample nobody matched: one result carrying the match group's labels.
    for (const [sig, rs] of rightSigs) if (!usedOne.has(sig)) emit(sig, fillMany!, rs.v, rs.metric, null, undefined, rs.h);
  }
  return out;
}

// resultMetric, computed once per (matching, left series, right series).
export function pairMetric(l: Labels, r: Labels, op: BinaryOp, vm: VectorMatching, returnBool: boolean): Labels {
  const results = shouldDropName(op) || returnBool ? droppingResults : keepingResults;
  let byRight = results.get(vm, l);
  if (!byRight) results.set(vm, l, (byRight = new WeakMap()));
  let m = byRight.get(r);
  if (!m) byRight.set(r, (m = resultMetric(l, r, op, vm, returnBool)));
  return m;
}
