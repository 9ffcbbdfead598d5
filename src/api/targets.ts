// /api/v1/targets: active targets with their health and last scrape, dropped targets with their discovered labels.

import { labelsToRecord, type Labels } from '../model/labels/labels.ts';
import { formatDuration } from '../promql/index.ts';
import type { TargetStatus } from '../server/types.ts';

export interface DroppedTargetStatus {
  readonly scrapePool: string;
  readonly discoveredLabels: Labels;
}

/** Go's time.Time zero value, which Prometheus reports for a target not scraped yet. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC 3339 in UTC with the fraction trimmed, like Go's time.RFC3339Nano. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

function activeTarget(t: TargetStatus): Record<string, unknown> {
  return {
    discoveredLabels: labelsToRecord(t.discoveredLabels),
    labels: labelsToRecord(t.labels),
    scrapePool: t.scrapePool,
    scrapeUrl: t.scrapeUrl,
    globalUrl: t.scrapeUrl,
    lastError: t.lastError,
    lastScrape: t.lastScrape === null ? ZERO_TIME : rfc3339(t.lastScrape),
    lastScrapeDuration: t.lastScrapeDuration,
    health: t.health,
    scrapeInterval: formatDuration(t.scrapeInterval),
    scrapeTimeout: formatDuration(t.scrapeTimeout),
  };
}

/** The `state` filter: active, dropped, or any (also when empty); another word shows neither, as in Prometheus. */
export function targetsData(state: string, active: TargetStatus[], dropped: DroppedTargetStatus[]): Record<string, unknown> {
  const s = state.trim().toLowerCase();
  const showActive = s === '' || s === 'any' || s === 'active';
  const showDropped = s === '' || s === 'any' || s === 'dropped';
  const counts: Record<string, number> = {};
  for (const t of active) counts[t.scrapePool] ??= 0;
  for (const d of dropped) counts[d.scrapePool] = (counts[d.scrapePool] ?? 0) + 1;
  return {
    activeTargets: showActive ? active.map(activeTarget) : [],
    droppedTargets: showDropped ? dropped.map((d) => ({ discoveredLabels: labelsToRecord(d.discoveredLabels), scrapePool: d.scrapePool })) : [],
    droppedTargetCounts: counts,
  };
}
