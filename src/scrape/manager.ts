// The scrape manager: one scrape pool per job, reloaded like Prometheus' scrape.Manager.ApplyConfig — a pool
// whose config did not change keeps its loops (and so its scrape phase and series); a changed one reloads in place.

import type { ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/targetgroup.ts';
import { ScrapePool, type ScrapeDeps } from './pool.ts';

export class ScrapeManager {
  private pools = new Map<string, ScrapePool>();

  constructor(private readonly deps: ScrapeDeps) {}

  applyConfig(configs: readonly ScrapeConfig[]): void {
    const next = new Map<string, ScrapePool>();
    for (const cfg of configs) {
      const old = this.pools.get(cfg.jobName);
      if (old && JSON.stringify(old.config) !== JSON.stringify(cfg)) old.reload(cfg);
      next.set(cfg.jobName, old ?? new ScrapePool(cfg, this.deps));
    }
    for (const [job, pool] of this.pools) if (!next.has(job)) pool.stop();
    this.pools = next;
  }

  /** Target groups from discovery for one job. */
  sync(job: string, groups: readonly TargetGroup[]): void {
    this.pools.get(job)?.sync(groups);
  }

  scrapePools(): ScrapePool[] {
    return [...this.pools.values()];
  }

  stop(): void {
    for (const pool of this.pools.values()) pool.stop();
    this.pools.clear();
  }
}
