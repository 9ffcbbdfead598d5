// A scrape pool: the targets of one scrape config and their loops (Prometheus' scrapePool).

import type { Clock } from '../clock/clock.ts';
import type { ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/targetgroup.ts';
import { fnv1a32 } from '../model/hash/fnv.ts';
import type { Head } from '../tsdb/head.ts';
import { ScrapeLoop } from './loop.ts';
import { targetsFromGroup, type DroppedTargetEntry, type Target } from './target.ts';

export interface ScrapeDeps {
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  readonly head: Head;
  readonly onScrape: () => void;
}

export class ScrapePool {
  private readonly loops = new Map<string, { target: Target; loop: ScrapeLoop }>();
  private droppedTargets: DroppedTargetEntry[] = [];
  private groups: readonly TargetGroup[] = [];
  /** Set while the pool has more targets than target_limit: every scrape fails with it. */
  private targetLimitError = '';

  constructor(
    private cfg: ScrapeConfig,
    private readonly deps: ScrapeDeps,
  ) {}

  get config(): ScrapeConfig {
    return this.cfg;
  }

  /** Starts loops for new targets and stops the loops of targets that are gone; the others keep running. */
  sync(groups: readonly TargetGroup[]): void {
    this.groups = groups;
    const wanted = this.resolve();
    for (const [key, { loop }] of this.loops) {
      if (wanted.has(key)) continue;
      loop.stop();
      this.loops.delete(key);
    }
    for (const [key, target] of wanted) if (!this.loops.has(key)) this.startLoop(target);
  }

  /**
   * Applies a changed scrape config, like Prometheus' scrapePool.reload: every loop restarts with it; a target that
   * is still there keeps its state and its series (no staleness markers), one relabeling now drops ends them.
   */
  reload(cfg: ScrapeConfig): void {
    this.cfg = cfg;
    const wanted = this.resolve();
    const running = [...this.loops];
    this.loops.clear();
    for (const [key, { target: old, loop }] of running) {
      const target = wanted.get(key);
      if (!target) {
        loop.stop();
        continue;
      }
      target.carryOver(old);
      this.startLoop(target, loop.stopForReload());
    }
    for (const [key, target] of wanted) if (!this.loops.has(key)) this.startLoop(target);
  }

  /** The targets of the current groups under the current config; records the dropped ones. */
  private resolve(): Map<string, Target> {
    const wanted = new Map<string, Target>();
    const dropped: DroppedTargetEntry[] = [];
    for (const g of this.groups) {
      const r = targetsFromGroup(g, this.cfg);
      for (const t of r.targets) if (!wanted.has(t.key)) wanted.set(t.key, t);
      dropped.push(...r.dropped);
    }
    const keep = this.cfg.keepDroppedTargets;
    this.droppedTargets = keep > 0 ? dropped.slice(0, keep) : dropped;
    const limit = this.cfg.targetLimit;
    this.targetLimitError = limit > 0 && wanted.size > limit ? `target_limit exceeded (number of targets: ${wanted.size}, limit: ${limit})` : '';
    return wanted;
  }

  private startLoop(target: Target, seen?: Set<number>): void {
    const loop = new ScrapeLoop({ ...this.deps, target, config: this.cfg, seen, forcedError: () => this.targetLimitError });
    this.loops.set(target.key, { target, loop });
    loop.start(scrapeOffset(target.key, target.interval, this.deps.clock.now()));
  }

  targets(): Target[] {
    return [...this.loops.values()].map((x) => x.target);
  }

  dropped(): readonly DroppedTargetEntry[] {
    return this.droppedTargets;
  }

  stop(): void {
    for (const { loop } of this.loops.values()) loop.stop();
    this.loops.clear();
  }
}

/**
 * Spreads targets over the interval like Prometheus' Target.offset: each target scrapes at a fixed phase of the
 * interval given by a hash of its identity, so the load is even and the phase survives restarts.
 */
export function scrapeOffset(key: string, interval: number, now: number): number {
  const base = interval - (now % interval);
  const offset = fnv1a32(key) % interval;
  let next = base + offset;
  if (next >= interval) next -= interval;
  return next;
}
