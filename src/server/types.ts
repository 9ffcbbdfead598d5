// What the UI and tests read from the running Prometheus: shaped like the /api/v1/targets answer.

import type { Labels } from '../model/labels/labels.ts';
import type { TargetHealth } from '../model/target.ts';

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
  /** Where in each interval the target is scraped: ms after the interval's start (hash-based, like Prometheus). */
  readonly scrapeOffset: number;
  /** Samples in the last scrape, and how many metric_relabel_configs kept. */
  readonly samplesScraped: number;
  readonly samplesPostMetricRelabeling: number;
  /** Samples the head refused since the target appeared, and scrapes failed for a limit. */
  readonly outOfOrderSamples: number;
  readonly duplicateSamples: number;
  readonly sampleLimitExceeded: number;
  readonly labelLimitExceeded: number;
}

/** A discovered target that is not scraped (relabeling dropped it, or its labels are invalid), and why. */
export interface DroppedTarget {
  readonly scrapePool: string;
  readonly discoveredLabels: Labels;
  readonly reason: string;
}
