// Where an empty result came from: the lowest node of the explain tree whose own result is empty although its
// inputs are not, and the likely reason, so the learner is pointed at the step that lost the series.

import { isComparisonOp } from '../promql/index.ts';
import type { ExplainNode } from './tree.ts';

export type EmptyReason =
  /** A selector found no series (the explain steps say after which matcher). */
  | 'selector'
  /** A range selector's window holds no sample, though the series have recent ones. */
  | 'rangeTooShort'
  /** A range function needs two samples in its window, and no series had them. */
  | 'tooFewSamples'
  /** No series of one side found a partner on the other. */
  | 'noMatch'
  /** A comparison without `bool` kept no sample. */
  | 'filtered'
  | 'other';

export interface EmptyCause {
  readonly node: ExplainNode;
  readonly reason: EmptyReason;
  /** Series entering the node: the most of any of its inputs. */
  readonly inputs: number;
}

// Functions that need at least two samples per window to say anything.
const TWO_SAMPLE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear']);

function isEmpty(n: ExplainNode): boolean {
  if (!n.result.ok) return false;
  const v = n.result.value;
  return (v.type === 'vector' && v.samples.length === 0) || (v.type === 'matrix' && v.series.length === 0);
}

function seriesOf(n: ExplainNode): number {
  if (!n.result.ok) return 0;
  const v = n.result.value;
  return v.type === 'vector' ? v.samples.length : v.type === 'matrix' ? v.series.length : 0;
}

function reason(n: ExplainNode): EmptyReason {
  const e = n.ast;
  if (e.type === 'MatrixSelector' && (n.recentSeries ?? 0) > 0) return 'rangeTooShort';
  if (e.type === 'VectorSelector' || e.type === 'MatrixSelector') return 'selector';
  if (e.type === 'Call' && TWO_SAMPLE_FUNCTIONS.has(e.func.name)) {
    const input = n.children.find((c) => c.result.ok && c.result.value.type === 'matrix');
    if (input?.result.ok && input.result.value.type === 'matrix' && input.result.value.series.every((s) => s.v.length < 2)) return 'tooFewSamples';
  }
  if (e.type === 'BinaryExpr') {
    if (n.matching && n.matching.matched.length === 0 && e.op !== 'or' && e.op !== 'unless') return 'noMatch';
    if (isComparisonOp(e.op) && !e.returnBool) return 'filtered';
  }
  return 'other';
}

/** Null when the root is not empty, or when an input is already empty all the way down to a failing node. */
export function emptyCause(root: ExplainNode): EmptyCause | null {
  if (!isEmpty(root)) return null;
  const emptyChild = root.children.find(isEmpty);
  if (emptyChild) return emptyCause(emptyChild);
  const why = reason(root);
  return { node: root, reason: why, inputs: why === 'rangeTooShort' ? root.recentSeries! : Math.max(0, ...root.children.map(seriesOf)) };
}
