// The query page's state, kept while the learner visits other pages: one or more panels, and the history of
// executed expressions.

import type { PositionRange, Value } from '../../promql/value.ts';
import type { Store } from '../../kvstore/store.ts';
import { DEFAULT_PANEL, type DisplayMode, type PanelState, type Tab } from './url.ts';

export type QueryOutcome =
  | {
      readonly kind: 'value';
      readonly expr: string;
      readonly at: number;
      readonly value: Value;
      readonly warnings: readonly string[];
      readonly infos: readonly string[];
    }
  | { readonly kind: 'error'; readonly expr: string; readonly message: string; readonly position?: PositionRange };

export const RANGES = [
  { label: '5m', ms: 5 * 60_000 },
  { label: '15m', ms: 15 * 60_000 },
  { label: '1h', ms: 60 * 60_000 },
  { label: '3h', ms: 3 * 60 * 60_000 },
  { label: '12h', ms: 12 * 60 * 60_000 },
] as const;

/** Fixed graph resolutions offered next to "auto". */
export const STEPS = [
  { label: '5s', ms: 5_000 },
  { label: '15s', ms: 15_000 },
  { label: '1m', ms: 60_000 },
  { label: '5m', ms: 5 * 60_000 },
] as const;

/** How many executed expressions the history keeps. */
const HISTORY_SIZE = 30;
const HISTORY_KEY = 'query.history';

let nextId = 0;

export class Panel implements PanelState {
  readonly id = nextId++;
  expr = $state('');
  tab = $state<Tab>('table');
  rangeMs = $state(DEFAULT_PANEL.rangeMs);
  stepMs = $state<number | null>(null);
  displayMode = $state<DisplayMode>('lines');
  endMs = $state<number | null>(null);
  /** The expression last executed, from the moment it runs (its outcome comes later). */
  ran = $state('');
  /** The last executed expression's instant result or error. */
  outcome = $state.raw<QueryOutcome | null>(null);
  /** The label-set key of the one series the graph shows ("graph this series"), or null for all. */
  focus = $state<string | null>(null);

  constructor(s: PanelState = DEFAULT_PANEL) {
    this.expr = s.expr;
    this.tab = s.tab;
    this.rangeMs = s.rangeMs;
    this.stepMs = s.stepMs;
    this.displayMode = s.displayMode;
    this.endMs = s.endMs;
  }
}

class QuerySession {
  panels = $state<Panel[]>([new Panel()]);
  history = $state<string[]>([]);
  private store: Store | null = null;

  /** Loads the history an earlier visit kept in the store (once per page load); executions are written back. */
  async attach(store: Store): Promise<void> {
    if (this.store) return;
    this.store = store;
    // Unreadable or foreign contents are ignored: the store's own status already tells when it does not work.
    const saved = await store.get<unknown>(HISTORY_KEY).catch(() => undefined);
    if (!Array.isArray(saved)) return;
    const older = saved.filter((s): s is string => typeof s === 'string' && !this.history.includes(s));
    this.history = [...this.history, ...older].slice(0, HISTORY_SIZE);
  }

  remember(expr: string): void {
    this.history = [expr, ...this.history.filter((h) => h !== expr)].slice(0, HISTORY_SIZE);
    void this.store?.put(HISTORY_KEY, [...this.history]).catch(() => undefined);
  }
}

export const session = new QuerySession();
