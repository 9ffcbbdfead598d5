// The running Prometheus: config → discovery → scrape → head, and the query engine over the head.
// The UI and tests talk to this object; it never reaches into the simulated world except through fetch and DNS.

import type { VirtualClock } from '../clock/clock.ts';
import { loadConfig } from '../config/load.ts';
import type { ConfigResult } from '../config/types.ts';
import type { Resolver } from '../discovery/dns.ts';
import { DiscoveryManager } from '../discovery/manager.ts';
import { METRIC_NAME, type Labels } from '../labels/labels.ts';
import { Engine } from '../promql/index.ts';
import type { Value } from '../promql/value.ts';
import { ScrapeManager } from '../scrape/manager.ts';
import { Head } from '../tsdb/head.ts';
import type { TargetStatus } from './types.ts';

export interface PrometheusOptions {
  readonly clock: VirtualClock;
  readonly fetch: typeof fetch;
  readonly resolver: Resolver;
  /** The head to scrape into, e.g. one restored from a snapshot; a fresh one by default. */
  readonly head?: Head;
}

export class Prometheus {
  readonly clock: VirtualClock;
  readonly head: Head;
  readonly engine = new Engine();
  private readonly scrape: ScrapeManager;
  private readonly discovery: DiscoveryManager;
  private runningConfig = '';
  private reload = { ok: true, time: 0 };
  private readonly listeners = new Set<() => void>();
  private dirty = false;

  constructor(opts: PrometheusOptions) {
    this.clock = opts.clock;
    this.head = opts.head ?? new Head();
    this.scrape = new ScrapeManager({
      clock: opts.clock,
      fetch: opts.fetch,
      head: this.head,
      onScrape: () => (this.dirty = true),
    });
    this.discovery = new DiscoveryManager(opts.clock, opts.resolver, (job, groups) => {
      this.scrape.sync(job, groups);
      this.dirty = true;
    });
    // Listeners hear about scrapes once per clock tick, not once per scrape.
    this.clock.onTick(() => {
      if (!this.dirty) return;
      this.dirty = false;
      this.notify();
    });
  }

  configText(): string {
    return this.runningConfig;
  }

  lastReload(): { ok: boolean; time: number } {
    return this.reload;
  }

  /** Like POST /-/reload: a valid config replaces the running one; an invalid one is rejected and the old keeps running. */
  applyConfig(text: string): ConfigResult {
    const result = loadConfig(text);
    this.reload = { ok: result.ok, time: this.clock.now() };
    if (result.ok) {
      this.runningConfig = text;
      this.scrape.applyConfig(result.config.scrapeConfigs);
      void this.discovery.applyConfig(result.config.scrapeConfigs);
    }
    this.notify();
    return result;
  }

  targets(): TargetStatus[] {
    return this.scrape.scrapePools().flatMap((pool) =>
      pool.targets().map((t) => ({
        scrapePool: pool.config.jobName,
        scrapeUrl: t.url,
        labels: t.labels,
        discoveredLabels: t.discoveredLabels,
        health: t.health,
        lastScrape: t.lastScrape,
        lastScrapeDuration: t.lastScrapeDuration,
        lastError: t.lastError,
        scrapeInterval: pool.config.scrapeInterval,
        scrapeTimeout: pool.config.scrapeTimeout,
      })),
    );
  }

  /** Targets that relabeling or invalid labels dropped, with their scrape pool, like /api/v1/targets' droppedTargets. */
  droppedTargets(): { scrapePool: string; discoveredLabels: Labels }[] {
    return this.scrape
      .scrapePools()
      .flatMap((pool) => pool.dropped().map((d) => ({ scrapePool: pool.config.jobName, discoveredLabels: d.discoveredLabels })));
  }

  instantQuery(expr: string, timeMs = this.clock.now()): Value {
    return this.engine.instantQuery(this.head, expr, timeMs);
  }

  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Value {
    return this.engine.rangeQuery(this.head, expr, startMs, endMs, stepMs);
  }

  metricNames(): string[] {
    return this.head.labelValues(METRIC_NAME);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  stop(): void {
    this.discovery.stop();
    this.scrape.stop();
  }

  private notify(): void {
    for (const fn of this.listeners) fn();
  }
}
