// Reactive mirrors of core state. Components read `now`, `running` and `version` and recompute what they show
// from the core when these change; the core itself knows nothing about Svelte.

import type { VirtualClock } from '../clock/clock.ts';

export class Live {
  /** Virtual time (ms). */
  now = $state(0);
  /** Whether the clock runs in real time. */
  running = $state(false);
  /** Bumped after every scrape, config change or change in the simulated world. */
  version = $state(0);

  constructor(
    private readonly clock: VirtualClock,
    sources: readonly { subscribe(fn: () => void): () => void }[],
  ) {
    this.now = clock.now();
    this.running = clock.running;
    clock.onTick((now) => (this.now = now));
    for (const s of sources) s.subscribe(() => this.version++);
  }

  play(): void {
    this.clock.live(1);
    this.running = true;
  }

  pause(): void {
    this.clock.pause();
    this.running = false;
  }

  forward(ms: number): Promise<void> {
    return this.clock.advance(ms);
  }
}
