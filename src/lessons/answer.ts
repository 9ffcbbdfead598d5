// Judging a learner's PromQL: evaluate it on the same data as a reference and compare what a user would see
// (series and values), and look into its syntax tree for the functions it must use.

import { labelsKey, labelsToRecord } from '../model/labels/labels.ts';
import { children, parseExpr, type Expr, type Value } from '../promql/index.ts';
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

/** Series as label-set key → value; scalars as one series with no labels. */
function asSeries(v: Value): Map<string, number> | null {
  if (v.type === 'vector') return new Map(v.samples.map((s) => [labelsKey(s.metric), s.v]));
  if (v.type === 'scalar') return new Map([['{}', v.v]]);
  return null;
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Same series (by labels) with the same values. */
export function sameResult(actual: Value, expected: Value): boolean {
  const a = asSeries(actual);
  const e = asSeries(expected);
  if (!a || !e || a.size !== e.size) return false;
  for (const [k, v] of e) {
    const got = a.get(k);
    if (got === undefined || !close(got, v)) return false;
  }
  return true;
}

/** Checks `expr` against `spec`, evaluating with `query` (the running playground or a fixed dataset). */
export async function judgeAnswer(expr: string, spec: AnswerSpec, query: (expr: string) => Value | Promise<Value>): Promise<CheckResult> {
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
  if (value.type === 'vector' && samples.length === 0 && spec.series !== 0) return result(false, 'answer.emptyResult');
  if (spec.series !== undefined && samples.length !== spec.series) return result(false, 'answer.series', { have: samples.length, want: spec.series });
  for (const [name, want] of Object.entries(spec.labels ?? {})) {
    const bad = samples.find((s) => labelsToRecord(s.metric)[name] !== want);
    if (bad) return result(false, 'answer.label', { name, want, have: labelsToRecord(bad.metric)[name] ?? '' });
  }
  if (spec.distinct !== undefined) {
    const values = samples.map((s) => labelsToRecord(s.metric)[spec.distinct!] ?? '');
    if (new Set(values).size !== values.length || values.includes('')) return result(false, 'answer.distinct', { name: spec.distinct });
  }
  if (expected && !sameResult(value, expected)) return result(false, 'answer.differs', { series: samples.length });
  return result(true, 'answer.ok', { series: samples.length });
}
