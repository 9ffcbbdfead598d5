// `vector op vector` over whole series instead of step by step, when the pairing cannot change from step to
// step: every match group has one series on the "one" side (and on both sides for one-to-one matching), and
// every pair gives its own output labels. Otherwise the step-wise vectorBinop decides, errors included.

import { isComparisonOp, type BinaryOp, type VectorMatching } from '../parser/ast.ts';
import { applyOp, pairMetric, signature } from './binary.ts';
import type { ColumnWriter } from './columns.ts';
import { keyOf } from './labelcache.ts';
import type { StepSeries } from './series.ts';

export function joinSeries(op: BinaryOp, lhs: readonly StepSeries[], rhs: readonly StepSeries[], vm: VectorMatching, returnBool: boolean, cols: ColumnWriter): StepSeries[] | null {
  if (vm.fill) return null;
  const swapped = vm.card === 'one-to-many';
  const [many, one] = swapped ? [rhs, lhs] : [lhs, rhs];
  const oneBySig = new Map<string, StepSeries>();
  for (const s of one) {
    const sig = signature(s.metric, vm);
    if (oneBySig.has(sig)) return null;
    oneBySig.set(sig, s);
  }
  if (vm.card === 'one-to-one') {
    const sigs = new Set(many.map((s) => signature(s.metric, vm)));
    if (sigs.size !== many.length) return null;
  }
  const filter = isComparisonOp(op) && !returnBool;
  const outputs = new Set<string>();
  const out: StepSeries[] = [];
  for (const m of many) {
    const o = oneBySig.get(signature(m.metric, vm));
    if (!o) continue;
    const metric = pairMetric(m.metric, o.metric, op, vm, returnBool);
    const key = keyOf(metric);
    if (outputs.has(key)) return null;
    outputs.add(key);
    // Both series hold points at step times: walk them together.
    for (let i = 0, j = 0; i < m.t.length && j < o.t.length; i++) {
      const t = m.t[i];
      while (j < o.t.length && o.t[j] < t) j++;
      if (j === o.t.length || o.t[j] !== t) continue;
      const l = swapped ? o.v[j] : m.v[i];
      const r = applyOp(op, l, swapped ? m.v[i] : o.v[j]);
      // A filtering comparison keeps the left operand's value.
      if (filter && r === 0) continue;
      cols.add(t, filter ? l : r);
    }
    const res = cols.finish(metric);
    if (res) out.push(res);
  }
  return out;
}
