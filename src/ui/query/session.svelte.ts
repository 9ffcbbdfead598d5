// The query page's state, kept while the learner visits other pages.

import type { PositionRange, Value } from '../../promql/value.ts';

export type QueryOutcome =
  | { readonly kind: 'value'; readonly expr: string; readonly at: number; readonly value: Value }
  | { readonly kind: 'error'; readonly expr: string; readonly message: string; readonly position?: PositionRange };

export const RANGES = [
  { label: '5m', ms: 5 * 60_000 },
  { label: '15m', ms: 15 * 60_000 },
  { label: '1h', ms: 60 * 60_000 },
] as const;

class QuerySession {
  expr = $state('');
  tab = $state<'table' | 'graph'>('table');
  rangeMs = $state<number>(RANGES[1].ms);
  /** The last executed expression's instant result or error. */
  outcome = $state.raw<QueryOutcome | null>(null);
}

export const session = new QuerySession();
