// What recording and alerting rules share: evaluation health, and the query result turned into a vector.

import type { FloatHistogram } from '../model/histogram/float_histogram.ts';
import type { Labels } from '../model/labels/labels.ts';
import type { Expr } from '../promql/index.ts';
import type { Value } from '../promql/value.ts';
import type { RuleDef } from './def.ts';

export type RuleHealth = 'ok' | 'err' | 'unknown';

/** One sample a rule writes back into the TSDB. */
export interface OutSample {
  readonly labels: Labels;
  readonly v: number;
  /** A native histogram result; v is then not a value. */
  readonly h?: FloatHistogram;
}

/** Runs an instant query at ts (ms), like Prometheus' EngineQueryFunc. */
export type QueryFunc = (expr: Expr, ts: number) => Value;

export interface EvalContext {
  /** The evaluation time: alerts become active and change state at it. */
  readonly ts: number;
  /** Where queries look and results are stamped: ts minus the group's query_offset. */
  readonly queryTs: number;
  readonly query: QueryFunc;
  readonly limit: number;
  readonly externalLabels: Record<string, string>;
  readonly externalURL: string;
}

export abstract class Rule {
  health: RuleHealth = 'unknown';
  lastError = '';
  /** Virtual ms of the last evaluation, or null before the first. */
  lastEvaluation: number | null = null;
  /** Seconds the last evaluation took (real time). */
  evaluationTime = 0;

  constructor(readonly def: RuleDef) {}

  abstract eval(ctx: EvalContext): OutSample[];
}

/** A scalar result is a one-sample vector without labels; anything but a vector or scalar is an error. */
export function queryVector(ctx: EvalContext, expr: Expr): { metric: Labels; v: number; h?: FloatHistogram }[] {
  const value = ctx.query(expr, ctx.queryTs);
  if (value.type === 'vector') return value.samples;
  if (value.type === 'scalar') return [{ metric: [], v: value.v }];
  throw new Error('rule result is not a vector or scalar');
}
