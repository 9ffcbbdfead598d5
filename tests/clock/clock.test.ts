import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';

describe('VirtualClock', () => {
  it('fires timers in time order, same-instant timers in the order they were set', async () => {
    const clock = new VirtualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    const cancelled = clock.setTimeout(() => fired.push('never'), 5);
    clock.clearTimeout(cancelled);
    await clock.advance(15);
    expect(fired).toEqual(['a@1010']);
    expect(clock.now()).toBe(1015);
    await clock.advance(100);
    expect(fired).toEqual(['a@1010', 'b@1020', 'c@1020']);
    expect(clock.now()).toBe(1115);
  });

  it('waits for async work a timer started before firing the next timer', async () => {
    const clock = new VirtualClock(0);
    const log: string[] = [];
    clock.setTimeout(async () => {
      log.push('start');
      await new Promise((r) => setTimeout(r, 5)); // real I/O, like a fetch
      log.push('done');
    }, 10);
    clock.setTimeout(() => log.push('next'), 11);
    await clock.advance(20);
    expect(log).toEqual(['start', 'done', 'next']);
  });

  it('lets async work sleep on virtual time without deadlocking a fast-forward', async () => {
    const clock = new VirtualClock(0);
    const log: string[] = [];
    clock.setTimeout(async () => {
      await clock.sleep(5_000);
      log.push(`woke@${clock.now()}`);
    }, 0);
    clock.setTimeout(() => log.push(`tick@${clock.now()}`), 3_000);
    await clock.advance(10_000);
    expect(log).toEqual(['tick@3000', 'woke@5000']);
  });

  it('tells listeners the time after each advance', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    const off = clock.onTick((t) => seen.push(t));
    await clock.advance(1_000);
    off();
    await clock.advance(1_000);
    expect(seen).toEqual([1_000]);
  });
});
