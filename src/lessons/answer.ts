// Judging a learner's PromQL: evaluate it on the same data as a reference and compare what a user would see
// (series and values), and look into its syntax tree for the functions it must use.

import { suggestNames, unknownMetricNames } from '../explain/suggest.ts';
import { labelsToRecord, METRIC_NAME } from '../model/labels/labels.ts';
import { children, parseExpr, type Expr, type Value } from '../promql/index.ts';
import { compareResults } from './compare.ts';
import type { AnswerSpec, CheckResult } from './types.ts';

const result = (pass: boolean, reason: string, params: Record<string, string | number> = {}): CheckResult => ({ pass, reason, params });

/** Functions and aggregation operators an expression uses. */
export function usedNames(e: Expr): Set<string> {
  const names = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.type === 'Call') names.add(x.func.name);
    if (x.type === 'AggregateExpr') names.add(x.op);
    children(x).forEach(walk);
  };
  walk(e);
  return names;
}

/** Metric names the expression reads by equality matchers. */
export function selectedNames(e: Expr): Set<string> {
  const names = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.type === 'VectorSelector') for (const m of x.matchers) if (m.name === METRIC_NAME && m.type === '=') names.add(m.value);
    children(x).forEach(walk);
  };
  walk(e);
  return names;
}

/** Labels some selector of the expression filters on (any matcher type). */
export function filteredLabels(e: Expr): Set<string> {
  const names = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.type === 'VectorSelector') for (const m of x.matchers) if (m.name !== METRIC_NAME) names.add(m.name);
    children(x).forEach(walk);
  };
  walk(e);
  return names;
}

/** Why an answer came back empty: a metric name never scraped (with the Query page's suggestions), or nothing known. */
function emptyAnswer(ast: Expr, known: readonly string[] | undefined): CheckResult {
  const unknown = known ? unknownMetricNames(ast, new Set(known)) : [];
  if (unknown.length === 0) return result(false, 'answer.emptyResult');
  const suggestions = suggestNames(unknown[0], known!);
  return suggestions.length > 0
    ? result(false, 'answer.unknownMetricSuggest', { name: unknown[0], suggestions: suggestions.slice(0, 3).join(', ') })
    : result(false, 'answer.unknownMetric', { name: unknown[0] });
}

/**
 * Checks `expr` against `spec`, evaluating with `query` (the running playground or a fixed dataset); `known` lists
 * the metric names there, to explain an empty result.
 */
export async function judgeAnswer(
  expr: string,
  spec: AnswerSpec,
  query: (expr: string) => Value | Promise<Value>,
  known?: readonly string[],
): Promise<CheckResult> {
  if (expr.trim() === '') return result(false, 'answer.empty');
  let ast: Expr;
  let value: Value;
  try {
    ast = parseExpr(expr);
    value = await query(expr);
  } catch (err) {
    return result(false, 'answer.error', { message: (err as Error).message });
  }
  const used = usedNames(ast);
  const missing = spec.uses?.find((u) => !used.has(u));
  if (missing) return result(false, 'answer.uses', { name: missing });
  if (value.type !== 'vector' && value.type !== 'scalar') return result(false, 'answer.type', { type: value.type });
  const expected = spec.sameAs === undefined ? null : await query(spec.sameAs);
  if (expected?.type === 'vector' && expected.samples.length === 0) return result(false, 'answer.noData');
  const samples = value.type === 'vector' ? value.samples : [];
  if (value.type === 'vector' && samples.length === 0 && spec.series !== 0) return emptyAnswer(ast, known);
  const unread = spec.sameAs === undefined ? undefined : [...selectedNames(parseExpr(spec.sameAs))].find((n) => !selectedNames(ast).has(n));
  if (unread !== undefined) return result(false, 'answer.metric', { name: unread });
  const unfiltered = spec.filters?.find((n) => !filteredLabels(ast).has(n));
  if (unfiltered !== undefined) return result(false, 'answer.filter', { name: unfiltered });
  if (spec.series !== undefined && samples.length !== spec.series) return result(false, 'answer.series', { have: samples.length, want: spec.series });
  for (const [name, want] of Object.entries(spec.labels ?? {})) {
    const bad = samples.find((s) => labelsToRecord(s.metric)[name] !== want);
    if (bad) return result(false, 'answer.label', { name, want, have: labelsToRecord(bad.metric)[name] ?? '' });
  }
  if (spec.distinct !== undefined) {
    const values = samples.map((s) => labelsToRecord(s.metric)[spec.distinct!] ?? '');
    if (new Set(values).size !== values.length || values.includes('')) return result(false, 'answer.distinct', { name: spec.distinct });
  }
  const diff = expected ? compareResults(value, expected, spec.labelsMatter === true) : null;
  if (diff) return result(false, diff.reason, diff.params);
  return result(true, 'answer.ok', { series: samples.length });
}
