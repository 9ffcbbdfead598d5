// Log volume over time, split by level, like the histogram above Grafana Explore's log lines: where the error
// lines bunch up is where to look.

import { LEVELS, type LogEntry, type LogLevel } from './store.ts';

export interface VolumeBucket {
  /** Start of the bucket (ms). */
  start: number;
  counts: Record<LogLevel, number>;
}

export function logVolume(entries: readonly LogEntry[], start: number, end: number, buckets: number): VolumeBucket[] {
  const width = Math.max(1, (end - start) / buckets);
  const out: VolumeBucket[] = Array.from({ length: buckets }, (_, i) => ({
    start: start + i * width,
    counts: Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<LogLevel, number>,
  }));
  for (const e of entries) {
    if (e.time < start || e.time > end) continue;
    out[Math.min(buckets - 1, Math.floor((e.time - start) / width))].counts[e.level]++;
  }
  return out;
}
