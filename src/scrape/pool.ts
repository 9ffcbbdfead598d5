// A scrape pool: the targets of one scrape config and their loops (Prometheus' scrapePool).

import type { Clock } from '../clock/clock.ts';
import type { ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/targetgroup.ts';
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

  constructor(
    readonly config: ScrapeConfig,
    private readonly deps: ScrapeDeps,
  ) {}

  /** Starts loops for new targets and stops the loops of targets that are gone; the others keep running. */
  sync(groups: readonly TargetGroup[]): void {
    const wanted = new Map<string, Target>();
    const dropped: DroppedTargetEntry[] = [];
    for (const g of groups) {
      const r = targetsFromGroup(g, this.config);
      for (const t of r.targets) if (!wanted.has(t.key)) wanted.set(t.key, t);
      dropped.push(...r.dropped);
    }
    this.droppedTargets = dropped;
    for (const [key, { loop }] of this.loops) {
      if (wanted.has(key)) continue;
      loop.stop();
      this.loops.delete(key);
    }
    for (const [key, target] of wanted) {
      if (this.loops.has(key)) continue;
      const loop = new ScrapeLoop({ ...this.deps, target, config: this.config });
      this.loops.set(key, { target, loop });
      loop.start(scrapeOffset(key, target.interval, this.deps.clock.now()));
    }
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
  const offset = fnv1a(key) % interval;
  let next = base + offset;
  if (next >= interval) next -= interval;
  return next;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
