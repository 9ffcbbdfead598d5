import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { MemoryStore, openStore } from '../../src/kvstore/store.ts';

describe('store', () => {
  it('keeps values across a reopen of the same database', async () => {
    const factory = new IDBFactory();
    const first = await openStore('t', factory);
    expect(first.unavailable).toBeNull();
    await first.store.put('lessons/progress', { done: ['l1'] });
    await first.store.put('config/prometheus.yml', 'global: {}');
    const again = await openStore('t', factory);
    expect(await again.store.get('lessons/progress')).toEqual({ done: ['l1'] });
    expect(await again.store.keys('config/')).toEqual(['config/prometheus.yml']);
    await again.store.clear();
    expect(await again.store.keys()).toEqual([]);
  });

  it('falls back to memory and says why when IndexedDB is missing', async () => {
    const opened = await openStore('t', undefined);
    expect(opened.store).toBeInstanceOf(MemoryStore);
    expect(opened.unavailable).toBe('IndexedDB is not available');
  });

  it('hands out copies, so later changes to an object are not stored by accident', async () => {
    const s = new MemoryStore();
    const v = { n: 1 };
    await s.put('k', v);
    v.n = 2;
    expect(await s.get('k')).toEqual({ n: 1 });
  });
});
