// The explain tree of a PromQL expression, like PromLens and Prometheus 3's explain tab: every node with its
// canonical PromQL, its own result evaluated at the same instant, and what it does. Selectors report how many
// series each matcher leaves; vector-to-vector operations report which series matched and which did not.

import { DEFAULT_LOOKBACK_DELTA_MS } from '../model/lookback.ts';
import type { Matcher } from '../model/labels/matcher.ts';
import { PromQLError, children, exprType, formatExpr, isSetOp, type BinaryExpr, type Expr, type Sample, type Value, type VectorSelector } from '../promql/index.ts';
import type { Queryable, SelectHints } from '../storage/interface.ts';
import { matchReport, type MatchReport } from './matching.ts';
import type { Localized } from '../i18n/localized.ts';
import { explainText } from './text.ts';

export interface ExplainContext {
  readonly engine: { instantQuery(q: Queryable, expr: Expr, timeMs: number): Value };
  readonly queryable: Queryable;
  readonly time: number;
  /** The engine's lookback delta (ms), for the selector steps; Prometheus' default of 5m when not given. */
  readonly lookbackDelta?: number;
}


/** A selector's matchers applied one after another, with the number of series left after each. */
export interface SelectorStep {
  readonly matcher: string;
  readonly series: number;
}

export type NodeResult = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly error: string };

export interface ExplainNode {
  /** The syntax tree node itself. */
  readonly ast: Expr;
  readonly expr: string;
  readonly type: Expr['type'];
  readonly text: Localized;
  readonly result: NodeResult;
  readonly selectorSteps?: readonly SelectorStep[];
  /** For a range selector: the series with a sample within the lookback delta, to tell "too short a range" from "no data". */
  readonly recentSeries?: number;
  readonly matching?: MatchReport;
  readonly children: readonly ExplainNode[];
}

/** Series (or samples, for scalars and strings: 1) in a value. */
export function seriesCount(v: Value): number {
  return v.type === 'vector' ? v.samples.length : v.type === 'matrix' ? v.series.length : 1;
}

export function explain(e: Expr, ctx: ExplainContext): ExplainNode {
  const result = evaluate(e, ctx);
  // A matrix selector is a leaf, as in Prometheus' tree view: its vector selector is not a node of its own.
  const kids = e.type === 'MatrixSelector' ? [] : children(e).map((c) => explain(c, ctx));
  const outputs = result.ok ? seriesCount(result.value) : 0;
  const input = e.type === 'AggregateExpr' ? kids[kids.length - 1] : undefined;
  const inputs = input?.result.ok ? seriesCount(input.result.value) : 0;
  return {
    ast: e,
    expr: formatExpr(e),
    type: e.type,
    text: explainText(e, inputs, outputs, ctx.lookbackDelta ?? DEFAULT_LOOKBACK_DELTA_MS),
    result,
    selectorSteps: e.type === 'VectorSelector' ? selectorSteps(e, 0, ctx) : e.type === 'MatrixSelector' ? selectorSteps(e.vectorSelector, e.range, ctx) : undefined,
    recentSeries: e.type === 'MatrixSelector' ? recentSeries(e.vectorSelector, ctx) : undefined,
    matching: e.type === 'BinaryExpr' && e.matching && kids.every((k) => k.result.ok) ? binaryMatching(e, kids) : undefined,
    children: kids,
  };
}

function evaluate(e: Expr, ctx: ExplainContext): NodeResult {
  try {
    return { ok: true, value: ctx.engine.instantQuery(ctx.queryable, e, ctx.time) };
  } catch (err) {
    if (err instanceof PromQLError) return { ok: false, error: err.message };
    throw err;
  }
}

// Matchers that select something come first (the metric name first of all), so each step narrows the set.
function ordered(ms: readonly Matcher[]): Matcher[] {
  const rank = (m: Matcher) => (m.name === '__name__' ? 0 : m.matchesEmpty() ? 2 : 1);
  return [...ms].sort((a, b) => rank(a) - rank(b));
}

function selectorSteps(sel: VectorSelector, range: number, ctx: ExplainContext): SelectorStep[] {
  const at = (sel.timestamp ?? ctx.time) - sel.offset;
  const mint = at - (range > 0 ? range : (ctx.lookbackDelta ?? DEFAULT_LOOKBACK_DELTA_MS));
  const ms = ordered(sel.matchers);
  // The parser guarantees one matcher that does not match the empty string, and it sorts first, so every prefix selects.
  return ms.map((m, i) => ({ matcher: m.toString(), series: countSeries(ctx, ms.slice(0, i + 1), { start: mint, end: at }) }));
}

function recentSeries(sel: VectorSelector, ctx: ExplainContext): number {
  const at = (sel.timestamp ?? ctx.time) - sel.offset;
  return countSeries(ctx, sel.matchers, { start: at - (ctx.lookbackDelta ?? DEFAULT_LOOKBACK_DELTA_MS), end: at });
}

function countSeries(ctx: ExplainContext, ms: readonly Matcher[], hints: SelectHints): number {
  const q = ctx.queryable.querier();
  try {
    return q.select(ms, hints).length;
  } finally {
    q.close();
  }
}

function binaryMatching(e: BinaryExpr, kids: readonly ExplainNode[]): MatchReport | undefined {
  if (exprType(e.lhs) !== 'vector' || exprType(e.rhs) !== 'vector') return undefined;
  const samples = (n: ExplainNode): Sample[] => (n.result.ok && n.result.value.type === 'vector' ? n.result.value.samples : []);
  return matchReport(samples(kids[0]), samples(kids[1]), e.matching!, isSetOp(e.op));
}
