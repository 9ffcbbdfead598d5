// The accesslog scale survives a reload: saved to the store on change, brought back into a new world.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { MemoryStore } from '../../src/kvstore/store.ts';
import { ACCESSLOG_SCALE_KEY, accesslogScale, keepWorldState } from '../../src/sim/persist.ts';
import { World } from '../../src/sim/world.ts';

const newWorld = () => new World({ clock: new VirtualClock(Date.UTC(2026, 10, 24, 9)), seed: 1 });

describe('the world across a reload', () => {
  it('keeps the accesslog scale, stopped replicas included', async () => {
    const store = new MemoryStore();
    const before = newWorld();
    await keepWorldState(before, store, (err) => {
      throw err;
    });
    expect(await store.get(ACCESSLOG_SCALE_KEY)).toBeUndefined();
    before.scale('accesslog', 3);
    await Promise.resolve();
    expect(await store.get(ACCESSLOG_SCALE_KEY)).toBe(3);
    before.stopContainer(before.containers().find((c) => c.service === 'accesslog')!.name);
    expect(accesslogScale(before)).toBe(3);

    const after = newWorld();
    expect(accesslogScale(after)).toBe(1);
    await keepWorldState(after, store, () => {});
    expect(after.containers().filter((c) => c.service === 'accesslog' && c.state === 'running')).toHaveLength(3);
  });

  it('starts at the chapter\'s one replica when nothing or nonsense was saved', async () => {
    const store = new MemoryStore();
    await store.put(ACCESSLOG_SCALE_KEY, 'three');
    const w = newWorld();
    await keepWorldState(w, store, () => {});
    expect(accesslogScale(w)).toBe(1);
  });
});
