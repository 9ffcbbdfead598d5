// The virtual clock. Every timer in core code goes through it, so time can run live, paused or fast-forwarded,
// and a test that advances it sees the same result every run.
//
// Async work started by a timer (a scrape's fetch, say) keeps the clock "busy"; advance() waits for that work
// before firing the next timer, unless the work is itself waiting on virtual time (clock.sleep), as a simulated
// slow response does. That makes fast-forward deterministic without deadlocking on simulated latency.

export type TimerId = number;

interface Timer {
  id: TimerId;
  at: number;
  seq: number;
  fn: () => unknown;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => unknown, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
  sleep(ms: number): Promise<void>;
}

/** Real milliseconds a fast-forward may run before it lets the event loop in. */
const YIELD_EVERY_MS = 20;

export class VirtualClock implements Clock {
  private t: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private seq = 0;
  private busy = 0;
  private blocked = 0;
  /** Bumped whenever busy or blocked changes. */
  private version = 0;
  private waiters: (() => void)[] = [];
  private advancing: Promise<void> = Promise.resolve();
  private liveHandle: ReturnType<typeof globalThis.setInterval> | null = null;
  private speed = 1;
  private listeners = new Set<(now: number) => void>();
  /** Real milliseconds each turn a fast-forward gives the event loop lasts (see breathe). */
  private breath = 0;

  constructor(startMs: number) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => unknown, ms: number): TimerId {
    const id = this.nextId++;
    const timer = { id, at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    // Kept sorted by (at, seq): timers due at the same instant fire in the order they were set.
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1].at > timer.at)) i--;
    this.timers.splice(i, 0, timer);
    return id;
  }

  clearTimeout(id: TimerId): void {
    const i = this.timers.findIndex((x) => x.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  sleep(ms: number): Promise<void> {
    this.blocked++;
    this.notify();
    return new Promise((resolve) => {
      this.setTimeout(() => {
        this.blocked--;
        this.notify();
        resolve();
      }, ms);
    });
  }

  /** Moves virtual time forward by ms, firing every timer due on the way. Calls are serialised. */
  advance(ms: number): Promise<void> {
    const run = this.advancing.then(() => this.advanceTo(this.t + ms));
    this.advancing = run.catch(() => undefined);
    return run;
  }

  /** Runs the clock at `speed` × real time until pause(). */
  live(speed = 1): void {
    this.speed = speed;
    if (this.liveHandle !== null) return;
    let last = Date.now();
    let pending = false;
    this.liveHandle = globalThis.setInterval(() => {
      if (pending) return;
      const real = Date.now();
      const step = (real - last) * this.speed;
      last = real;
      pending = true;
      void this.advance(step).finally(() => (pending = false));
    }, 50);
  }

  pause(): void {
    if (this.liveHandle !== null) globalThis.clearInterval(this.liveHandle);
    this.liveHandle = null;
  }

  get running(): boolean {
    return this.liveHandle !== null;
  }

  get rate(): number {
    return this.speed;
  }

  /**
   * Makes each turn a fast-forward gives the event loop last `ms` real milliseconds (0: just a turn). In a thread
   * of its own, the fast-forward then leaves a core to other threads part of the time (the page, while it
   * answers keys).
   */
  breathe(ms: number): void {
    this.breath = Math.max(0, ms);
  }

  /** Called after every advance with the new time (UI refresh, lesson checks). */
  onTick(fn: (now: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves once no timer-started async work is running except work waiting on virtual time. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.busy === 0) return;
      if (this.busy > this.blocked) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      // Everything running seems to wait on virtual time, but a timer that just fired (a timeout, say) may have
      // freed a task whose promise chain is still settling: give it a real turn and look again.
      const before = this.version;
      await new Promise<void>((resolve) => globalThis.setTimeout(resolve, 0));
      if (this.version === before) return;
    }
  }

  private async advanceTo(target: number): Promise<void> {
    let lastYield = performance.now();
    for (;;) {
      await this.idle();
      // A long fast-forward is a long chain of promises: give the event loop a turn now and then, so the page
      // keeps painting and the runtime can drop what only the finished scrapes still held (fetch bodies).
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => globalThis.setTimeout(resolve, this.breath));
        lastYield = performance.now();
      }
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      this.fire(next);
    }
    this.t = Math.max(this.t, target);
    await this.idle();
    for (const fn of this.listeners) fn(this.t);
  }

  private fire(timer: Timer): void {
    let result: unknown;
    try {
      result = timer.fn();
    } catch (err) {
      console.error('clock timer failed', err);
      return;
    }
    if (result instanceof Promise) {
      this.busy++;
      result
        .catch((err) => console.error('clock task failed', err))
        .finally(() => {
          this.busy--;
          this.notify();
        });
    }
  }

  private notify(): void {
    this.version++;
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}
