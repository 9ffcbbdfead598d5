import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../../src/model/histogram/float_histogram.ts';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { Matcher } from '../../src/model/labels/matcher.ts';
import { MemoryStore, openStore, StoreError } from '../../src/kvstore/store.ts';
import { Head } from '../../src/tsdb/head.ts';
import { loadHead, META_KEY, SNAPSHOT_VERSION } from '../../src/tsdb/persist/snapshot.ts';

const ALL = [new Matcher('=~', '__name__', '.+')];

function dump(head: Head) {
  return head.select(ALL, { start: -Infinity, end: Infinity }).map((s) => ({
    labels: s.labels,
    t: [...s.t],
    v: [...s.v],
    stale: [...s.stale],
  }));
}

function scrape(head: Head, from: number, to: number): void {
  for (let t = from; t < to; t += 15_000) {
    for (const instance of ['a', 'b']) {
      const ref = head.getOrCreate(labelsFromRecord({ __name__: 'requests_total', instance }));
      head.append(ref, t, t / 1000 + (instance === 'a' ? 0.5 : 0));
    }
  }
}

// A head with every kind of sample: floats (with and without start timestamps), a staleness marker, native
// histograms (exponential and custom buckets, one counter reset, one gauge) and histograms with start timestamps.
function mixed(head: Head, from: number, to: number): void {
  scrape(head, from, to);
  const withSt = head.getOrCreate(labelsFromRecord({ __name__: 'otlp_total', job: 'otel' }));
  const hist = head.getOrCreate(labelsFromRecord({ __name__: 'latency_seconds', job: 'api' }));
  const nhcb = head.getOrCreate(labelsFromRecord({ __name__: 'size_bytes', job: 'api' }));
  const both = head.getOrCreate(labelsFromRecord({ __name__: 'mixed', job: 'api' }));
  for (let t = from, i = 0; t < to; t += 15_000, i++) {
    head.append(withSt, t, i * 2, from - 1000 + (i > 100 ? 500_000 : 0));
    const c = i % 50 === 49 ? 1 : i + 1; // a counter reset every 50 samples
    head.appendHistogram(hist, t, new FloatHistogram(3, 1e-128, c, 4 * c, c * 0.25, -2, [c, 0, 2 * c], 1, [c], [], i === 7 ? 'gauge' : 'unknown'), from - 5000);
    head.appendHistogram(nhcb, t + 1, new FloatHistogram(-53, 0, 0, c, i === 3 ? NaN : -0, 0, [c, 0], 0, [], [0.1, 1, Infinity]));
    if (i % 2) head.append(both, t, i);
    else head.appendHistogram(both, t, new FloatHistogram(0, 0, 1, i, i, 0, [i]), i % 4 ? undefined : t - 1);
  }
}

describe('head snapshots', () => {
  it('restores histogram samples and start timestamps exactly, beside the floats', async () => {
    const factory = new IDBFactory();
    const first = await loadHead((await openStore('h', factory)).store);
    mixed(first.head, 0, 3 * 3600_000);
    await first.save(7);
    const before = first.head.select(ALL, { start: -Infinity, end: Infinity });
    expect(before.filter((s) => s.h).length).toBe(3);
    expect(before.filter((s) => s.st).length).toBe(3);

    const again = await loadHead((await openStore('h', factory)).store);
    expect(again.status().restored).toMatchObject({ kind: 'restored', series: 6, samples: first.head.stats().samples });
    expect(again.head.select(ALL, { start: -Infinity, end: Infinity })).toStrictEqual(before);
    expect(again.head.stats()).toEqual(first.head.stats());
    // Hints came back as stored, and the restored columns keep taking appends.
    const hist = again.head.getOrCreate(labelsFromRecord({ __name__: 'latency_seconds', job: 'api' }));
    again.head.appendHistogram(hist, 3 * 3600_000, new FloatHistogram(3, 1e-128, 0, 0, 0));
    const last = again.head.select([new Matcher('=', '__name__', 'latency_seconds')], { start: 3 * 3600_000, end: Infinity })[0];
    expect(last.h?.[0]?.hint).toBe('reset');
  });

  it('restores start timestamps trimmed by retention as the live head trimmed them', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store, { retentionMs: 3600_000 });
    mixed(p.head, 0, 5 * 3600_000);
    // Retention now, as the restore applies it (the live head truncates at most hourly).
    p.head.setRetention(3600_000);
    expect(p.head.select(ALL, { start: -Infinity, end: 3600_000 }).filter((s) => s.st && !s.h)).toEqual([]);
    await p.save();
    const restored = await loadHead(store);
    expect(restored.head.retentionMs).toBe(3600_000);
    expect(restored.head.select(ALL, { start: -Infinity, end: Infinity })).toStrictEqual(p.head.select(ALL, { start: -Infinity, end: Infinity }));
  });

  for (const column of ['histograms', 'startTimestamps'] as const) {
    it(`detects a flipped bit in the stored ${column}`, async () => {
      const store = new MemoryStore();
      const p = await loadHead(store);
      mixed(p.head, 0, 3600_000);
      await p.save();
      const meta = (await store.get<Record<typeof column, { data: Uint8Array }>>(META_KEY))!;
      meta[column].data[meta[column].data.length - 3] ^= 0x10;
      await store.put(META_KEY, meta);
      const broken = await loadHead(store);
      expect(broken.status().restored).toMatchObject({ kind: 'replaced', reason: expect.stringMatching(/fail their checksum/) });
      expect(broken.head.stats().series).toBe(0);
      expect(await store.keys('tsdb/')).toEqual([]);
    });
  }

  it('restores every series, sample and staleness marker after a reload of IndexedDB', async () => {
    const factory = new IDBFactory();
    const first = await loadHead((await openStore('p', factory)).store);
    expect(first.status().restored).toEqual({ kind: 'empty' });
    scrape(first.head, 0, 3600_000);
    const gone = first.head.getOrCreate(labelsFromRecord({ __name__: 'up', instance: 'c' }));
    first.head.append(gone, 1000, 1);
    first.head.appendStale(gone, 16_000);
    await first.save(42);
    expect(first.status()).toMatchObject({ lastSave: 42, lastError: null, segments: 1 });

    const again = await loadHead((await openStore('p', factory)).store);
    expect(again.status().restored).toEqual({ kind: 'restored', series: 3, samples: 2 * 240 + 2, savedAt: 42 });
    expect(dump(again.head)).toEqual(dump(first.head));
    expect(again.head.stats()).toEqual(first.head.stats());
    // The restored head keeps taking appends in order and refuses older ones.
    const ref = again.head.getOrCreate(labelsFromRecord({ __name__: 'requests_total', instance: 'a' }));
    expect(() => again.head.append(ref, 0, 1)).toThrowError(/out of order/);
    again.head.append(ref, 3600_000, 1);
  });

  it('brings back the retention the learner set', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 3 * 3600_000);
    p.head.setRetention(3600_000);
    await p.save();
    const restored = await loadHead(store);
    expect(restored.head.retentionMs).toBe(3600_000);
    expect(dump(restored.head)).toEqual(dump(p.head));
  });

  it('writes the open chunks as they were when the save began, though appends land while it writes', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    // 200 samples a series: one closed chunk of 120 and an open one of 80 that the next samples extend in place.
    scrape(p.head, 0, 3000_000);
    const before = dump(p.head);
    const saving = p.save();
    // Scrapes go on while the save awaits its first write (the closed chunks); they append to the open chunks.
    scrape(p.head, 3000_000, 3000_000 + 5 * 15_000);
    await saving;
    const restored = await loadHead(store);
    expect(restored.status().restored.kind).toBe('restored');
    expect(dump(restored.head)).toEqual(before);
  });

  it('saves what was appended during a save that was already writing', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 3600_000);
    const first = p.save();
    // Appended while the first save writes (a fast-forward ending during a timed save): the next save must hold it.
    scrape(p.head, 3600_000, 2 * 3600_000);
    await Promise.all([first, p.save()]);
    const restored = await loadHead(store);
    expect(dump(restored.head)).toEqual(dump(p.head));
  });

  it('writes each closed chunk once and keeps growing across saves', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 3600_000);
    await p.save();
    scrape(p.head, 3600_000, 2 * 3600_000);
    await p.save();
    await p.save();
    expect(await store.keys('tsdb/segment/')).toHaveLength(2);
    const restored = await loadHead(store);
    expect(dump(restored.head)).toEqual(dump(p.head));
  });

  it('deletes segments whose chunks all fell out of retention', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store, { retentionMs: 3600_000 });
    scrape(p.head, 0, 3600_000);
    await p.save();
    scrape(p.head, 3600_000, 5 * 3600_000);
    await p.save();
    const keys = await store.keys('tsdb/segment/');
    expect(keys).not.toContain('tsdb/segment/00000000');
    const restored = await loadHead(store, { retentionMs: 3600_000 });
    expect(restored.head.stats().minTime).toBeGreaterThanOrEqual(3 * 3600_000);
  });

  it('replaces a snapshot of another format version, says why, and keeps other data', async () => {
    const store = new MemoryStore();
    await store.put(META_KEY, { version: SNAPSHOT_VERSION + 1, segments: [] });
    await store.put('tsdb/segment/00000003', { junk: true });
    await store.put('config/prometheus.yml', 'global: {}');
    const p = await loadHead(store);
    expect(p.status().restored).toEqual({
      kind: 'replaced',
      reason: `the stored TSDB has format version ${SNAPSHOT_VERSION + 1}, this promlab reads version ${SNAPSHOT_VERSION}`,
    });
    expect(p.head.stats().series).toBe(0);
    expect(await store.keys()).toEqual(['config/prometheus.yml']);
    scrape(p.head, 0, 60_000);
    await p.save();
    expect((await loadHead(store)).status().restored.kind).toBe('restored');
  });

  it('detects a flipped bit in a stored chunk', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 3600_000);
    await p.save();
    const [key] = await store.keys('tsdb/segment/');
    const seg = (await store.get<{ chunks: { data: Uint8Array } }>(key))!;
    seg.chunks.data[10] ^= 0x04;
    await store.put(key, seg);
    const broken = await loadHead(store);
    expect(broken.status().restored).toMatchObject({ kind: 'replaced', reason: expect.stringMatching(/fails its checksum/) });
    expect(await store.keys('tsdb/')).toEqual([]);
  });

  it('detects an index that lists a series twice', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 60_000);
    await p.save();
    const meta = (await store.get<{ refs: Float64Array }>(META_KEY))!;
    meta.refs[1] = meta.refs[0];
    await store.put(META_KEY, meta);
    const broken = await loadHead(store);
    expect(broken.status().restored).toMatchObject({ kind: 'replaced', reason: expect.stringMatching(/restored twice/) });
    expect(broken.head.stats().series).toBe(0);
  });

  it('detects an index whose columns disagree', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 60_000);
    await p.save();
    const meta = (await store.get<{ labels: string[] }>(META_KEY))!;
    meta.labels.pop();
    await store.put(META_KEY, meta);
    expect((await loadHead(store)).status().restored).toEqual({ kind: 'replaced', reason: 'the stored TSDB index is malformed' });
  });

  it('reports a full store and keeps the head in memory', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 60_000);
    store.put = () => Promise.reject(new StoreError('quota', 'the quota has been exceeded'));
    await p.save();
    expect(p.status()).toMatchObject({ lastSave: null, lastError: 'the quota has been exceeded' });
    expect(p.head.stats().samples).toBe(8);
  });

  it('saves nothing while suspended, says why, and saves again once resumed', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 60_000);
    p.suspend('another tab owns the store');
    await p.save();
    expect(await store.keys()).toEqual([]);
    expect(p.status().lastError).toBe('another tab owns the store');
    p.resume();
    await p.save();
    expect(p.status().lastError).toBeNull();
    expect(await store.keys()).toEqual([META_KEY]);
  });

  it('reset wipes the whole store and saves nothing after', async () => {
    const store = new MemoryStore();
    const p = await loadHead(store);
    scrape(p.head, 0, 60_000);
    await p.save();
    await store.put('lessons/progress', { done: 1 });
    await p.reset();
    await p.save();
    expect(await store.keys()).toEqual([]);
  });
});
