// Targets grouped by scrape pool and filtered like Prometheus' Targets page: by health and by a search over
// the endpoint and the labels. Pure, so it is tested without a browser.

import type { TargetHealth } from '../../model/target.ts';
import type { TargetStatus } from '../../server/types.ts';

export const HEALTHS: readonly TargetHealth[] = ['up', 'down', 'unknown'];

export interface TargetFilter {
  /** Health states to show; all of them when empty. */
  readonly health: ReadonlySet<TargetHealth>;
  /** Words that must all appear in the endpoint or in some `name="value"` label (case-insensitive). */
  readonly search: string;
}

/** What grouping and filtering read of a target. */
export type PoolTarget = Pick<TargetStatus, 'scrapePool' | 'scrapeUrl' | 'labels' | 'health'>;

export interface PoolView<T extends PoolTarget = TargetStatus> {
  readonly name: string;
  /** The pool's targets that pass the filter. */
  readonly targets: T[];
  /** Counts over all of the pool's targets, so the header tells the whole story even when filtered. */
  readonly up: number;
  readonly total: number;
}

function matches(t: PoolTarget, f: TargetFilter, words: readonly string[]): boolean {
  if (f.health.size > 0 && !f.health.has(t.health)) return false;
  if (words.length === 0) return true;
  const hay = [t.scrapeUrl, ...t.labels.map((l) => `${l.name}="${l.value}"`)].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Pools in name order; a pool none of whose targets pass the filter is left out. */
export function groupPools<T extends PoolTarget>(targets: readonly T[], f: TargetFilter): PoolView<T>[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  const byPool = new Map<string, T[]>();
  for (const t of targets) {
    const list = byPool.get(t.scrapePool) ?? [];
    list.push(t);
    byPool.set(t.scrapePool, list);
  }
  return [...byPool]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, all]) => ({
      name,
      targets: all.filter((t) => matches(t, f, words)),
      up: all.filter((t) => t.health === 'up').length,
      total: all.length,
    }))
    .filter((p) => p.targets.length > 0);
}

/** How many targets are in each health state, for the filter buttons. */
export function countHealth(targets: readonly PoolTarget[]): Record<TargetHealth, number> {
  const n: Record<TargetHealth, number> = { up: 0, down: 0, unknown: 0 };
  for (const t of targets) n[t.health]++;
  return n;
}
