// Users of image-gallery: requests to http://localhost:8010/ at a steady rate on the virtual clock, so rates
// and error ratios have something to show without clicking "send requests".

import type { Clock, TimerId } from '../../clock/clock.ts';

const TICK_MS = 1000;

export class Traffic {
  private perSecond = 0;
  private carry = 0;
  private timer: TimerId | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly send: () => Promise<unknown>,
  ) {}

  get rate(): number {
    return this.perSecond;
  }

  /** Requests per second; 0 stops the traffic. */
  setRate(perSecond: number): void {
    this.perSecond = Math.max(0, perSecond);
    if (this.perSecond > 0 && this.timer === null) this.timer = this.clock.setTimeout(() => this.tick(), TICK_MS);
    if (this.perSecond === 0 && this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
      this.carry = 0;
    }
  }

  private async tick(): Promise<void> {
    this.timer = this.clock.setTimeout(() => this.tick(), TICK_MS);
    this.carry += this.perSecond;
    const n = Math.floor(this.carry);
    this.carry -= n;
    // Users do not wait for each other; a refused connection (the app is down) is what they see, not an error here.
    await Promise.all(Array.from({ length: n }, () => this.send().catch(() => undefined)));
  }
}
