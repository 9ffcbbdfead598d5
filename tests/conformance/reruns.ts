// The extra runs Prometheus' harness makes of every instant eval (promqltest's atModifierTestCases and its
// range-mode check): the same result must come back with `@ <eval time>` pinned on every selector at other
// evaluation times, and as the middle step of a range query around the eval time.

import { children, type Expr } from '../../src/promql/parser/ast.ts';
import { formatExpr, parseExpr } from '../../src/promql/index.ts';

// Functions whose value depends on the evaluation time itself, not only on their (pinned) arguments.
const AT_UNSAFE = new Set(['time', 'timestamp', 'predict_linear', 'start', 'end', 'range', 'step', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year']);

/** Queries using the query's own start, end, range or step give other answers in range mode. */
export const QUERY_CONTEXT_FUNCS = /(start|end|range|step)\(\)/;

/** The expression with `@ t` on every selector and subquery that has none, and the times to evaluate it at. */
export function atModifierCases(expr: string, t: number): { expr: string; at: number }[] {
  let root: Expr;
  try {
    root = parseExpr(expr);
  } catch {
    // Nothing to pin: the eval's own run has already met (or missed) its expected parse error.
    return [];
  }
  let unsafe = false;
  const pin = (e: Expr): void => {
    if (e.type === 'Call' && AT_UNSAFE.has(e.func.name)) unsafe = true;
    if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') {
      if (e.timestamp === null && e.startOrEnd === null) e.timestamp = t;
      // Selectors inside a pinned subquery keep their own times.
      if (e.type === 'SubqueryExpr') {
        markUnsafe(e.expr);
        return;
      }
    }
    children(e).forEach(pin);
  };
  const markUnsafe = (e: Expr): void => {
    if (e.type === 'Call' && AT_UNSAFE.has(e.func.name)) unsafe = true;
    children(e).forEach(markUnsafe);
  };
  pin(root);
  if (unsafe) return [];
  const pinned = formatExpr(root);
  const times = t === 0 ? [-1000, 0, 1000] : [-10 * t, 0, Math.trunc(t / 5), t, 10 * t];
  return times.map((at) => ({ expr: pinned, at }));
}
