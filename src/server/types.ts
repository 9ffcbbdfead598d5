// What the UI and tests read from the running Prometheus: shaped like the /api/v1/targets answer.

import type { Labels } from '../labels/labels.ts';

export type TargetHealth = 'up' | 'down' | 'unknown';

export interface TargetStatus {
  /** The scrape pool, i.e. the job name. */
  readonly scrapePool: string;
  readonly scrapeUrl: string;
  /** Labels after relabeling (job, instance, and static labels). */
  readonly labels: Labels;
  /** Labels as service discovery found them (__address__, __meta_*, __scheme__, __metrics_path__, job ...). */
  readonly discoveredLabels: Labels;
  readonly health: TargetHealth;
  /** Virtual time (ms) of the last scrape's start, or null before the first one. */
  readonly lastScrape: number | null;
  /** Seconds the last scrape took. */
  readonly lastScrapeDuration: number;
  readonly lastError: string;
  readonly scrapeInterval: number;
  readonly scrapeTimeout: number;
}
