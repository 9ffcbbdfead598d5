// sum, count, min, max and group over all steps at once: each input series adds its points into its group's
// per-step accumulators, so a range query builds no per-step vectors. Same results, in the same order of
// addition, as aggregate() step by step.

import type { AggregateExpr } from '../parser/ast.ts';
import { groupIdentity } from './aggregation.ts';
import { isNameDropped } from './labelcache.ts';
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
    const series: StepSeries = { metric: g.metric, t: [], v: [] };
    for (let k = 0; k < steps; k++) {
      if (g.count[k] === 0) continue;
      series.t.push(start + k * interval);
      series.v.push(e.op === 'count' ? g.count[k] : e.op === 'group' ? 1 : e.op === 'sum' ? g.value[k] + g.comp[k] : g.value[k]);
    }
    out.push(series);
  }
  return out;
}
