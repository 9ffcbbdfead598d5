// Duration expressions (`[5m+1m]`, `offset step()*2`, `[min_of(range(), 1h)]`), Prometheus' experimental
// DurationExpr. Values are seconds; a number without a unit is seconds too. Expressions that use step() or
// range() are resolved per query, the others when parsed.

import { formatDuration } from '../../model/duration.ts';

/** The arithmetic a duration expression allows (no atan2, no trim operators). */
export type DurationOp = '+' | '-' | '*' | '/' | '%' | '^';

export type DurationExpr =
  | { readonly type: 'DurationNumber'; readonly seconds: number; readonly text: string }
  | { readonly type: 'DurationUnary'; readonly op: '+' | '-'; readonly expr: DurationExpr }
  | { readonly type: 'DurationBinary'; readonly op: DurationOp; readonly lhs: DurationExpr; readonly rhs: DurationExpr }
  | { readonly type: 'DurationParen'; readonly expr: DurationExpr }
  | { readonly type: 'DurationCall'; readonly func: 'step' | 'range' | 'min_of' | 'max_of'; readonly args: readonly DurationExpr[] };

/** The query's step and range (end - start) in ms; both 0 for an instant query. */
export interface DurationContext {
  readonly step: number;
  readonly range: number;
}

/** True when the value depends on the query (step() or range()). */
export function dependsOnQuery(e: DurationExpr): boolean {
  switch (e.type) {
    case 'DurationNumber':
      return false;
    case 'DurationUnary':
    case 'DurationParen':
      return dependsOnQuery(e.expr);
    case 'DurationBinary':
      return dependsOnQuery(e.lhs) || dependsOnQuery(e.rhs);
    case 'DurationCall':
      return e.func === 'step' || e.func === 'range' || e.args.some(dependsOnQuery);
  }
}

function seconds(e: DurationExpr, ctx: DurationContext): number {
  switch (e.type) {
    case 'DurationNumber':
      return e.seconds;
    case 'DurationParen':
      return seconds(e.expr, ctx);
    case 'DurationUnary':
      return e.op === '-' ? -seconds(e.expr, ctx) : seconds(e.expr, ctx);
    case 'DurationBinary': {
      const a = seconds(e.lhs, ctx);
      const b = seconds(e.rhs, ctx);
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          if (b === 0) throw new Error('division by zero');
          return a / b;
        case '%':
          if (b === 0) throw new Error('modulo by zero');
          return a % b;
        case '^':
          return a ** b;
      }
    }
    case 'DurationCall':
      if (e.func === 'step') return ctx.step / 1000;
      if (e.func === 'range') return ctx.range / 1000;
      return (e.func === 'min_of' ? Math.min : Math.max)(seconds(e.args[0], ctx), seconds(e.args[1], ctx));
  }
}

/** The duration in ms, truncated like Go's time.Duration conversion; throws Error on a bad value. */
export function evalDuration(e: DurationExpr, ctx: DurationContext): number {
  const s = seconds(e, ctx);
  if (!Number.isFinite(s)) throw new Error(`duration expression result is not finite: ${s}`);
  return Math.trunc(Math.trunc(s * 1e9) / 1e6);
}

export function formatDurationExpr(e: DurationExpr): string {
  switch (e.type) {
    case 'DurationNumber':
      return e.text;
    case 'DurationParen':
      return `(${formatDurationExpr(e.expr)})`;
    case 'DurationUnary':
      return `${e.op}${formatDurationExpr(e.expr)}`;
    case 'DurationBinary':
      return `${formatDurationExpr(e.lhs)} ${e.op} ${formatDurationExpr(e.rhs)}`;
    case 'DurationCall':
      return `${e.func}(${e.args.map(formatDurationExpr).join(', ')})`;
  }
}

/** A range/offset as printed: the expression when one was written, else the canonical duration. */
export function durationText(ms: number, e: DurationExpr | undefined): string {
  return e ? formatDurationExpr(e) : formatDuration(ms);
}
