// The running Prometheus: config → discovery → scrape → head, and the query engine over the head.
// The UI and tests talk to this object; it never reaches into the simulated world except through fetch and DNS.

import type { VirtualClock } from '../clock/clock.ts';
import { loadConfig } from '../config/load.ts';
import type { Config, ConfigResult, ScrapeConfig } from '../config/types.ts';
import type { Resolver } from '../discovery/dns.ts';
import type { FileSDError } from '../discovery/file.ts';
import { DiscoveryManager } from '../discovery/manager.ts';
import { Files } from '../files/files.ts';
import { METRIC_NAME } from '../model/labels/labels.ts';
import { Engine } from '../promql/index.ts';
import type { Value } from '../promql/value.ts';
import { RuleManager } from '../rules/manager.ts';
import { Notifier } from '../rules/notifier.ts';
import { ScrapeManager } from '../scrape/manager.ts';
import { Head } from '../tsdb/head.ts';
import type { MetricMetadata } from '../textparse/types.ts';
import type { DroppedTarget, TargetStatus } from './types.ts';

/** Real milliseconds a query may run before Prometheus' timeout error stops it. */
export const QUERY_TIMEOUT_MS = 5_000;

export interface PrometheusOptions {
  readonly clock: VirtualClock;
  readonly fetch: typeof fetch;
  readonly resolver: Resolver;
  /** The head to scrape into, e.g. one restored from a snapshot; a fresh one by default. */
  readonly head?: Head;
  /** The in-page disk with file_sd target files and rule files; an empty one by default. */
  readonly files?: Files;
}

export class Prometheus {
  readonly clock: VirtualClock;
  readonly head: Head;
  // Queries run on the page's own thread: one may take seconds, never long enough to hang the page.
  readonly engine = new Engine({ timeoutMs: QUERY_TIMEOUT_MS });
  private readonly scrape: ScrapeManager;
  private readonly discovery: DiscoveryManager;
  readonly files: Files;
  /** rule_files: recording and alerting rules evaluated on the clock. */
  readonly rules: RuleManager;
  /** Posts the rules' alerts to the Alertmanagers of `alerting.alertmanagers`. */
  readonly notifier: Notifier;
  /** When this Prometheus started, on the virtual clock (/api/v1/status/runtimeinfo's startTime). */
  readonly startTime: number;
  private runningConfig = '';
  private loaded: Config | null = null;
  private reload = { ok: true, time: 0 };
  private readonly listeners = new Set<() => void>();
  private dirty = false;

  constructor(opts: PrometheusOptions) {
    this.clock = opts.clock;
    this.startTime = opts.clock.now();
    this.head = opts.head ?? new Head();
    this.files = opts.files ?? new Files();
    this.scrape = new ScrapeManager({
      clock: opts.clock,
      fetch: opts.fetch,
      head: this.head,
      onScrape: () => (this.dirty = true),
    });
    this.discovery = new DiscoveryManager(opts.clock, opts.resolver, this.files, (job, groups) => {
      this.scrape.sync(job, groups);
      this.dirty = true;
    });
    this.notifier = new Notifier(opts.fetch, () => opts.clock.now());
    this.rules = new RuleManager({
      clock: opts.clock,
      files: this.files,
      query: (expr, ts) => this.engine.instantQuery(this.head, expr, ts),
      appendable: this.head,
      queryable: this.head,
      notify: (alerts) => this.notifier.send(alerts),
    });
    this.rules.subscribe(() => (this.dirty = true));
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

  /** The running config, parsed, with defaults filled in; null before the first successful load. */
  config(): Config | null {
    return this.loaded;
  }

  /** One job's scrape config, e.g. to replay its relabel_configs on a target's discovered labels. */
  scrapeConfig(job: string): ScrapeConfig | undefined {
    return this.loaded?.scrapeConfigs.find((c) => c.jobName === job);
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
      this.loaded = result.config;
      this.scrape.applyConfig(result.config.scrapeConfigs);
      void this.discovery.applyConfig(result.config.scrapeConfigs);
      this.notifier.apply(result.config.alerting);
      // Rule file errors show on the Rules page (rules.lastLoad()); the last good rules keep running and, as in
      // Prometheus, the reload as a whole counts as failed.
      const rules = this.rules.update({
        patterns: result.config.ruleFiles,
        evaluationIntervalMs: result.config.global.evaluationInterval,
        externalLabels: result.config.global.externalLabels,
      });
      this.reload = { ok: rules.ok, time: this.reload.time };
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
        scrapeInterval: t.interval,
        scrapeTimeout: t.timeout,
        scrapeOffset: t.offset,
        samplesScraped: t.lastSamples,
        samplesPostMetricRelabeling: t.lastSamplesPostRelabel,
        outOfOrderSamples: t.outOfOrder,
        duplicateSamples: t.duplicate,
        sampleLimitExceeded: t.sampleLimitExceeded,
        labelLimitExceeded: t.labelLimitExceeded,
      })),
    );
  }

  /** Targets that relabeling or invalid labels dropped, with their scrape pool, like /api/v1/targets' droppedTargets. */
  droppedTargets(): DroppedTarget[] {
    return this.scrape.scrapePools().flatMap((pool) => pool.dropped().map((d) => ({ scrapePool: pool.config.jobName, ...d })));
  }

  /** file_sd target files that do not parse; their last good target groups stay in use, as in Prometheus. */
  fileSDErrors(): { job: string; error: FileSDError }[] {
    return this.discovery.fileErrors();
  }

  /**
   * Metric metadata from the last scrapes of all targets, like /api/v1/metadata: per metric family name, the
   * distinct TYPE/HELP/UNIT combinations the targets reported.
   */
  metadata(): Map<string, MetricMetadata[]> {
    const out = new Map<string, MetricMetadata[]>();
    for (const pool of this.scrape.scrapePools())
      for (const t of pool.targets())
        for (const [name, md] of t.metadata) {
          const list = out.get(name) ?? [];
          if (!list.some((m) => m.type === md.type && m.help === md.help && m.unit === md.unit)) list.push(md);
          out.set(name, list);
        }
    return out;
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
    this.rules.stop();
    this.discovery.stop();
    this.scrape.stop();
  }

  private notify(): void {
    for (const fn of this.listeners) fn();
  }
}
