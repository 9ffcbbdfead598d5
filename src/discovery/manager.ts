// The discovery manager: runs each job's discoverers on the virtual clock and hands every change of a job's
// target groups to the scrape side, like Prometheus' discovery.Manager feeding the scrape manager.

import type { Clock, TimerId } from '../clock/clock.ts';
import type { ScrapeConfig } from '../config/types.ts';
import type { Files } from '../files/files.ts';
import { DNSDiscoverer, type Resolver } from './dns.ts';
import { FileDiscoverer, type FileSDError } from './file.ts';
import { StaticDiscoverer } from './static.ts';
import type { Discoverer, TargetGroup } from './targetgroup.ts';

export type SyncFn = (job: string, groups: TargetGroup[]) => void;

interface Provider {
  readonly discoverer: Discoverer;
  groups: TargetGroup[];
  timer: TimerId | null;
  stopped: boolean;
  unwatch: (() => void) | null;
}

export class DiscoveryManager {
  private readonly providers = new Map<string, Provider[]>();

  constructor(
    private readonly clock: Clock,
    private readonly resolver: Resolver,
    private readonly files: Files,
    private readonly sync: SyncFn,
  ) {}

  /** Replaces the running providers with the ones of these scrape configs and runs a first refresh of each. */
  async applyConfig(configs: readonly ScrapeConfig[]): Promise<void> {
    this.stop();
    const first: Promise<void>[] = [];
    for (const cfg of configs) {
      const discoverers: Discoverer[] = [];
      if (cfg.staticConfigs.length) discoverers.push(new StaticDiscoverer(cfg.staticConfigs, cfg.jobName));
      for (const d of cfg.dnsSDConfigs) discoverers.push(new DNSDiscoverer(d, this.resolver));
      for (const f of cfg.fileSDConfigs) discoverers.push(new FileDiscoverer(f, this.files));
      const providers: Provider[] = discoverers.map((discoverer) => ({ discoverer, groups: [], timer: null, stopped: false, unwatch: null }));
      this.providers.set(cfg.jobName, providers);
      for (const p of providers) {
        p.unwatch = p.discoverer.watch?.(() => void this.run(cfg.jobName, p)) ?? null;
        first.push(this.run(cfg.jobName, p));
      }
    }
    await Promise.all(first);
  }

  stop(): void {
    for (const providers of this.providers.values())
      for (const p of providers) {
        p.stopped = true;
        if (p.timer !== null) this.clock.clearTimeout(p.timer);
        p.unwatch?.();
      }
    this.providers.clear();
  }

  /** Target files that do not parse right now, per job: their last good groups stay in use. */
  fileErrors(): { job: string; error: FileSDError }[] {
    const out: { job: string; error: FileSDError }[] = [];
    for (const [job, providers] of this.providers)
      for (const p of providers) if (p.discoverer instanceof FileDiscoverer) for (const error of p.discoverer.errors.values()) out.push({ job, error });
    return out;
  }

  private async run(job: string, p: Provider): Promise<void> {
    if (p.timer !== null) this.clock.clearTimeout(p.timer);
    p.timer = null;
    try {
      p.groups = await p.discoverer.refresh();
    } catch (err) {
      // Like Prometheus, a failed refresh keeps the last known groups.
      console.warn(`discovery for job ${job} failed`, err);
    }
    if (p.stopped) return;
    this.sync(job, (this.providers.get(job) ?? []).flatMap((x) => x.groups));
    if (p.discoverer.refreshInterval > 0) p.timer = this.clock.setTimeout(() => this.run(job, p), p.discoverer.refreshInterval);
  }
}
