// Executing a panel's expression at the clock's current time: the instant result with the engine's warnings and
// infos, or the parser's/engine's error.

import { PromQLError } from '../../promql/value.ts';
import type { PrometheusView } from '../app.ts';
import { session, type Panel } from './session.svelte.ts';

export function runPanel(panel: Panel, prom: Pick<PrometheusView, 'engine' | 'head'>, at: number): void {
  const expr = panel.expr;
  if (expr.trim() === '') return;
  panel.focus = null;
  try {
    const { value, warnings, infos } = prom.engine.instantQueryResult(prom.head, expr, at);
    panel.outcome = { kind: 'value', expr, at, value, warnings, infos };
  } catch (err) {
    if (!(err instanceof PromQLError)) throw err;
    panel.outcome = { kind: 'error', expr, message: err.message, position: err.position };
  }
  session.remember(expr);
}
