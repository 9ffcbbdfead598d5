// The PromQL syntax tree, shaped like Prometheus' promql/parser/ast.go. Durations and times are milliseconds.

import type { Matcher } from '../../model/labels/matcher.ts';
import type { PositionRange } from '../value.ts';
import type { DurationExpr } from './duration.ts';

export type { PositionRange } from '../value.ts';

export type ValueType = 'none' | 'scalar' | 'vector' | 'matrix' | 'string';

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'limitk'
  | 'limit_ratio';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2' | TrimOp;
/** The native histogram trim operators: `</` keeps observations below the value, `>/` those above. */
export type TrimOp = '</' | '>/';

export function isTrimOp(op: string): op is TrimOp {
  return op === '</' || op === '>/';
}
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

/** `@ start()` / `@ end()` resolve to the query's start or end time at evaluation. */
export type AtPreprocessor = 'start' | 'end';

export interface VectorSelector {
  readonly type: 'VectorSelector';
  /** The metric name written outside the braces, or ''. */
  readonly name: string;
  /** All matchers, including the `__name__` matcher for `name`. */
  readonly matchers: readonly Matcher[];
  /** Offset in ms; positive looks back in time. */
  offset: number;
  /** The offset as written when it is a duration expression; resolved into `offset`. */
  offsetExpr?: DurationExpr;
  /** `@ <timestamp>` in ms, or null. */
  timestamp: number | null;
  startOrEnd: AtPreprocessor | null;
  /**
   * Extended range selectors (experimental): `anchored` also uses the last sample before a range's start,
   * `smoothed` interpolates values at both ends of a range (and at an instant selector's time).
   */
  anchored?: boolean;
  smoothed?: boolean;
  pos: PositionRange;
}

export interface MatrixSelector {
  readonly type: 'MatrixSelector';
  readonly vectorSelector: VectorSelector;
  range: number;
  rangeExpr?: DurationExpr;
  pos: PositionRange;
}

export interface SubqueryExpr {
  readonly type: 'SubqueryExpr';
  readonly expr: Expr;
  range: number;
  /** 0 means the engine's default resolution (the range query step, or 1m). */
  step: number;
  offset: number;
  rangeExpr?: DurationExpr;
  stepExpr?: DurationExpr;
  offsetExpr?: DurationExpr;
  timestamp: number | null;
  startOrEnd: AtPreprocessor | null;
  pos: PositionRange;
}

export interface NumberLiteral {
  readonly type: 'NumberLiteral';
  readonly value: number;
  readonly pos: PositionRange;
}

export interface StringLiteral {
  readonly type: 'StringLiteral';
  readonly value: string;
  readonly pos: PositionRange;
}

export interface Call {
  readonly type: 'Call';
  readonly func: FunctionSignature;
  readonly args: readonly Expr[];
  readonly pos: PositionRange;
}

export interface AggregateExpr {
  readonly type: 'AggregateExpr';
  readonly op: AggregateOp;
  readonly expr: Expr;
  /** The parameter of topk/bottomk/quantile/count_values, else null. */
  readonly param: Expr | null;
  readonly grouping: readonly string[];
  readonly without: boolean;
  readonly pos: PositionRange;
}

export type VectorMatchCardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  readonly card: VectorMatchCardinality;
  /** Labels of `on(...)` or `ignoring(...)`. */
  readonly matchingLabels: readonly string[];
  /** True for `on`, false for `ignoring` (or no clause). */
  readonly on: boolean;
  /** Extra labels of `group_left(...)`/`group_right(...)` copied from the "one" side. */
  readonly include: readonly string[];
  /** `fill(v)`, `fill_left(v)`, `fill_right(v)`: the value that stands in for a missing sample on that side. */
  readonly fill?: { readonly lhs: number | null; readonly rhs: number | null };
}

export interface BinaryExpr {
  readonly type: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** Set by the type check to null unless both sides are instant vectors, as Prometheus does. */
  matching: VectorMatching | null;
  readonly returnBool: boolean;
  pos: PositionRange;
}

export interface UnaryExpr {
  readonly type: 'UnaryExpr';
  readonly op: '+' | '-';
  readonly expr: Expr;
  readonly pos: PositionRange;
}

export interface ParenExpr {
  readonly type: 'ParenExpr';
  readonly expr: Expr;
  readonly pos: PositionRange;
}

export type Expr =
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | StringLiteral
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

/** A function as the parser knows it: argument types and result type, like parser.Function. */
export interface FunctionSignature {
  readonly name: string;
  readonly argTypes: readonly ValueType[];
  /** 0: fixed arity; -1: any number of trailing args of the last type; n > 0: up to n optional args. */
  readonly variadic: number;
  readonly returnType: ValueType;
}

/** The value type an expression evaluates to, like Expr.Type() in Prometheus. */
export function exprType(e: Expr): ValueType {
  switch (e.type) {
    case 'VectorSelector':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'Call':
      return e.func.returnType;
    case 'AggregateExpr':
      return 'vector';
    case 'BinaryExpr':
      return exprType(e.lhs) === 'scalar' && exprType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'UnaryExpr':
    case 'ParenExpr':
      return exprType(e.expr);
  }
}

/** Prometheus' DocumentedType: how value types are named in error messages. */
export function documentedType(t: ValueType): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}

export function isComparisonOp(op: BinaryOp): op is ComparisonOp {
  return op === '==' || op === '!=' || op === '>' || op === '<' || op === '>=' || op === '<=';
}

export function isSetOp(op: BinaryOp): op is SetOp {
  return op === 'and' || op === 'or' || op === 'unless';
}

/** Direct children of a node, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'MatrixSelector':
      return [e.vectorSelector];
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      return [e.expr];
    case 'Call':
      return [...e.args];
    case 'AggregateExpr':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    default:
      return [];
  }
}
