// sum, count, min, max and group over all steps at once: each input series adds its points into its group's
// per-step accumulators, so a range query builds no per-step vectors. Same results, in the same order of
// addition, as aggregate() step by step.

import type { AggregateExpr } from '../parser/ast.ts';
import { groupIdentity } from './aggregation.ts';
import { isNameDropped } from './labelcache.ts';
import { PromQLError } from '../value.ts';
import type { StepSeries } from './series.ts';

const COLUMNAR = new Set(['sum', 'count', 'min', 'max', 'group']);

/**
 * Whether the columnar path gives what the step-wise one gives: no parameter, and no `by (__name__)`, where
 * a dropped name would have to be decided step by step.
 */
export function columnar(e: AggregateExpr, input: readonly StepSeries[]): boolean {
  if (!COLUMNAR.has(e.op) || e.param) return false;
  return e.without || !e.grouping.includes('__name__') || !input.some((s) => isNameDropped(s.metric));
}

interface Columns {
  metric: StepSeries['metric'];
  value: Float64Array;
  // Kahan compensation for sum.
  comp: Float64Array;
  count: Uint32Array;
}

export function aggregateColumns(e: AggregateExpr, input: readonly StepSeries[], start: number, interval: number, steps: number): StepSeries[] {
  const groups = new Map<string, Columns>();
  for (const s of input) {
    const { metric, key } = groupIdentity(e, s.metric);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric, value: new Float64Array(steps), comp: new Float64Array(steps), count: new Uint32Array(steps) }));
    const { value, comp, count } = g;
    for (let i = 0; i < s.t.length; i++) {
      const k = Math.round((s.t[i] - start) / interval);
      const v = s.v[i];
      const first = count[k] === 0;
      count[k]++;
      switch (e.op) {
        case 'sum': {
          // KahanSum.add, on the step's cell.
          const sum = value[k];
          const t = sum + v;
          if (!Number.isFinite(t) && !Number.isNaN(t)) comp[k] = 0;
          else if (Math.abs(sum) >= Math.abs(v)) comp[k] += sum - t + v;
          else comp[k] += v - t + sum;
          value[k] = t;
          break;
        }
        case 'min':
          if (first || v < value[k] || Number.isNaN(value[k])) value[k] = v;
          break;
        case 'max':
          if (first || v > value[k] || Number.isNaN(value[k])) value[k] = v;
          break;
      }
    }
  }
  const out: StepSeries[] = [];
  for (const g of groups.values()) {
    const series = { metric: g.metric, t: [] as number[], v: [] as number[] };
    for (let k = 0; k < steps; k++) {
      if (g.count[k] === 0) continue;
      series.t.push(start + k * interval);
      series.v.push(e.op === 'count' ? g.count[k] : e.op === 'group' ? 1 : e.op === 'sum' ? g.value[k] + g.comp[k] : g.value[k]);
    }
    out.push(series);
  }
  return out;
}

/**
 * topk/bottomk over all steps: per step, each group keeps its chosen series sorted, so only the chosen samples
 * become output. Ties go to the earlier series, NaN always loses.
 */
export function topkColumns(e: AggregateExpr, input: readonly StepSeries[], ks: Float64Array, start: number, interval: number): StepSeries[] {
  const desc = e.op === 'topk';
  // a before b: a's value wins over b's.
  const before = (a: number, b: number): boolean => !Number.isNaN(a) && (Number.isNaN(b) || (desc ? a > b : a < b));
  const groupOfSeries = new Int32Array(input.length);
  const keys = new Map<string, number>();
  const sizes: number[] = [];
  input.forEach((s, i) => {
    const { key } = groupIdentity(e, s.metric);
    let g = keys.get(key);
    if (g === undefined) {
      keys.set(key, (g = keys.size));
      sizes.push(0);
    }
    groupOfSeries[i] = g;
    sizes[g]++;
  });
  // Each group's chosen series, best first, in its own slice of two shared arrays (a group never holds more
  // than its own series): [base[g], base[g] + len[g]).
  const base = new Int32Array(sizes.length);
  for (let g = 1; g < sizes.length; g++) base[g] = base[g - 1] + sizes[g - 1];
  const len = new Int32Array(sizes.length);
  const chosen = new Int32Array(input.length);
  const chosenV = new Float64Array(input.length);
  const cursors = new Int32Array(input.length);
  const out = input.map((s) => ({ metric: s.metric, t: [] as number[], v: [] as number[] }));
  const order: number[] = [];
  for (let k = 0; k < ks.length; k++) {
    const ts = start + k * interval;
    const param = ks[k];
    if (Number.isNaN(param)) throw new PromQLError('Parameter value is NaN');
    const n = Math.min(Math.floor(param), Number.MAX_SAFE_INTEGER);
    len.fill(0);
    for (let i = 0; i < input.length; i++) {
      const s = input[i];
      let c = cursors[i];
      while (c < s.t.length && s.t[c] < ts) c++;
      cursors[i] = c;
      if (n < 1 || c === s.t.length || s.t[c] !== ts) continue;
      const v = s.v[c];
      const g = groupOfSeries[i];
      const b = base[g];
      const cnt = len[g];
      const full = cnt === Math.min(n, sizes[g]);
      if (full && !before(v, chosenV[b + cnt - 1])) continue;
      // A full group drops its last; the ones v beats move down a place.
      let at = full ? cnt - 1 : cnt;
      while (at > 0 && before(v, chosenV[b + at - 1])) {
        chosen[b + at] = chosen[b + at - 1];
        chosenV[b + at] = chosenV[b + at - 1];
        at--;
      }
      chosen[b + at] = i;
      chosenV[b + at] = v;
      if (!full) len[g] = cnt + 1;
    }
    for (let g = 0; g < sizes.length; g++) {
      for (let j = base[g]; j < base[g] + len[g]; j++) {
        const o = out[chosen[j]];
        if (o.t.length === 0) order.push(chosen[j]);
        o.t.push(ts);
        o.v.push(chosenV[j]);
      }
    }
  }
  // In the order first chosen: for an instant query, the ranking itself.
  return order.map((i) => out[i]);
}
