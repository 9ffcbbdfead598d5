// Reactive mirrors of the worker's clock. Components read `now`, `running` and `version` and recompute what
// they show when these change; the worker pushes a few snapshots per wall second at most.

import type { WorkerClient } from './remote/client.ts';

export class Live {
  /** Virtual time (ms). */
  now = $state(0);
  /** Whether the clock runs in real time. */
  running = $state(false);
  /** Bumped with every snapshot: after scrapes, config changes, changes in the simulated world. */
  version = $state(0);

  constructor(private readonly client: WorkerClient) {}

  play(): void {
    this.running = true;
    void this.client.call('clock.play', 1);
  }

  pause(): void {
    this.running = false;
    void this.client.call('clock.pause');
  }

  /** Resolves once the worker has run the world `ms` further (as fast as it can) and saved. */
  forward(ms: number): Promise<void> {
    return this.client.call('clock.forward', ms);
  }
}
