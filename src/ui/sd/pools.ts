// The Service discovery page's rows: every discovered target of every scrape pool, active or dropped,
// filtered by state and by a search over its labels. Pure, so it is tested without a browser.

import type { Labels } from '../../model/labels/labels.ts';

export interface DiscoveredTarget {
  readonly scrapePool: string;
  /** Labels as service discovery found them, with the scrape config's defaults: the input of relabeling. */
  readonly discoveredLabels: Labels;
  /** Labels after relabeling, or null when the target was dropped. */
  readonly targetLabels: Labels | null;
  /** Why a dropped target was dropped, when the core says so. */
  readonly reason?: string;
}

export type SdShow = 'all' | 'active' | 'dropped';

export interface SdPool {
  readonly name: string;
  readonly targets: DiscoveredTarget[];
  readonly active: number;
  readonly total: number;
}

function text(ls: Labels | null): string {
  return (ls ?? []).map((l) => `${l.name}="${l.value}"`).join(' ');
}

/** Pools in name order with the targets that pass the filter; counts cover the whole pool. */
export function sdPools(targets: readonly DiscoveredTarget[], show: SdShow, search: string): SdPool[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const byPool = new Map<string, DiscoveredTarget[]>();
  for (const t of targets) byPool.set(t.scrapePool, [...(byPool.get(t.scrapePool) ?? []), t]);
  const pass = (t: DiscoveredTarget): boolean => {
    if (show === 'active' && t.targetLabels === null) return false;
    if (show === 'dropped' && t.targetLabels !== null) return false;
    const hay = `${text(t.discoveredLabels)} ${text(t.targetLabels)}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  return [...byPool]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, all]) => ({
      name,
      targets: all.filter(pass),
      active: all.filter((t) => t.targetLabels !== null).length,
      total: all.length,
    }))
    .filter((p) => p.targets.length > 0);
}
