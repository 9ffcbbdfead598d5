// Executing a panel's expression at the datasource's current time (the virtual clock in the playground, the wall
// clock on a real server): the instant result with warnings and infos, or the parser's, engine's or server's error.

import type { Datasource } from '../../datasource/datasource.ts';
import { DatasourceError } from '../../datasource/remote.ts';
import { PromQLError } from '../../promql/value.ts';
import { session, type Panel } from './session.svelte.ts';

const runs = new WeakMap<Panel, number>();

export async function runPanel(panel: Panel, source: Datasource): Promise<void> {
  const expr = panel.expr;
  if (expr.trim() === '') return;
  panel.focus = null;
  // A real server answers later: only the newest run of a panel may set its outcome.
  const run = (runs.get(panel) ?? 0) + 1;
  runs.set(panel, run);
  const at = source.now();
  panel.ran = expr;
  session.remember(expr);
  try {
    const { value, warnings, infos } = await source.instantQuery(expr, at);
    if (runs.get(panel) === run) panel.outcome = { kind: 'value', expr, at, value, warnings, infos };
  } catch (err) {
    if (!(err instanceof PromQLError || err instanceof DatasourceError)) throw err;
    const position = err instanceof PromQLError ? err.position : undefined;
    if (runs.get(panel) === run) panel.outcome = { kind: 'error', expr, message: err.message, position };
  }
}
