// The TSDB benchmark: append throughput, bytes per sample by kind of series, full-scan decode throughput and
// select latency over 100 k series. Generated data is deterministic (a seeded LCG), so runs compare.

import { setupServer } from 'msw/node';
import { VirtualClock } from '../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../src/config/default.ts';
import { getLabel, labelsFromRecord, METRIC_NAME } from '../src/model/labels/labels.ts';
import { Matcher } from '../src/model/labels/matcher.ts';
import { Head } from '../src/tsdb/head.ts';
import { Prometheus } from '../src/server/prometheus.ts';
import { createHandlers } from '../src/sim/handlers.ts';
import { World } from '../src/sim/world.ts';
import { loadHead, type HeadPersister } from '../src/tsdb/persist/snapshot.ts';
import { SeriesIterator } from '../src/tsdb/series.ts';
import { MemoryStore } from '../src/kvstore/store.ts';
import type { MetricMetadata } from '../src/textparse/types.ts';
import { argValues, loadOpenMetrics } from './data.ts';

type Print = (name: string, value: number, unit: string) => void;

const SCRAPE_MS = 15_000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function poisson(rand: () => number, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let sum = p;
  const u = rand();
  while (u > sum && k < 1000) {
    k++;
    p *= mean / k;
    sum += p;
  }
  return k;
}

/** Fills a head with `series` series of `samples` samples each, appended scrape by scrape like the scraper does. */
function fill(head: Head, series: number, samples: number, next: (s: number) => number, name = 'x'): void {
  const refs = Array.from({ length: series }, (_, i) =>
    head.getOrCreate(labelsFromRecord({ __name__: name, job: `job${i % 10}`, instance: `10.0.${i % 250}.${i}:9100` })),
  );
  for (let i = 0; i < samples; i++) for (let s = 0; s < series; s++) head.append(refs[s], i * SCRAPE_MS, next(s));
}

function bytesPerSample(next: (rand: () => number) => (s: number) => number): number {
  const head = new Head();
  // 1,000 series for 6 h at 15 s: 1,440 samples each, 12 chunks, the way a real head holds them.
  fill(head, 1000, 1440, next(lcg(7)));
  const st = head.stats();
  return st.bytes / st.samples;
}

function median(run: () => void, runs = 7): number {
  run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Bytes per sample of what the chapter's Prometheus really stores: one virtual hour of its config and apps. */
async function chapterBytesPerSample(): Promise<number> {
  const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const world = new World({ clock, seed: 1 });
  const server = setupServer(...createHandlers(world));
  server.listen({ onUnhandledRequest: 'error' });
  const prom = new Prometheus({ clock, fetch: (...a) => fetch(...a), resolver: world.dns });
  try {
    prom.applyConfig(DEFAULT_CONFIG_YAML);
    world.scale('accesslog', 3);
    for (let i = 0; i < 6; i++) {
      await world.sendRequests(20);
      await clock.advance(600_000);
    }
    const st = prom.head.stats();
    return st.bytes / st.samples;
  } finally {
    prom.stop();
    server.close();
  }
}

// The sample-name suffixes of OpenMetrics families (counter _total, histogram _bucket/_count/_sum, …).
const FAMILY_SUFFIXES = ['_total', '_created', '_bucket', '_count', '_sum', '_gcount', '_gsum', '_info'];

function familyOf(name: string, metadata: ReadonlyMap<string, MetricMetadata>): string {
  if (metadata.has(name)) return name;
  for (const suffix of FAMILY_SUFFIXES) {
    if (name.endsWith(suffix) && metadata.has(name.slice(0, -suffix.length))) return name.slice(0, -suffix.length);
  }
  return name;
}

/** Bytes per sample of each metric family of an OpenMetrics file, to hold against Prometheus' blocks of it. */
function dataBench(file: string, print: Print): void {
  const head = new Head({ retentionMs: Number.MAX_SAFE_INTEGER });
  const loaded = loadOpenMetrics(head, file);
  const families = new Map<string, { bytes: number; samples: number }>();
  for (const s of head.allSeries()) {
    const family = familyOf(getLabel(s.labels, METRIC_NAME), loaded.metadata);
    const f = families.get(family) ?? { bytes: 0, samples: 0 };
    for (const c of s.chunks) {
      f.bytes += c.bytes.length;
      f.samples += c.samples;
    }
    f.bytes += s.headBytes()?.length ?? 0;
    f.samples += s.app?.numSamples ?? 0;
    families.set(family, f);
  }
  const st = head.stats();
  print('tsdb_data_bytes_per_sample', st.bytes / st.samples, 'B');
  for (const [family, f] of [...families].sort(([a], [b]) => (a < b ? -1 : 1))) {
    print(`tsdb_data_bytes_per_sample_${family}`, f.bytes / f.samples, 'B');
  }
}

/**
 * A soak at the chapter's 10 s scrape interval: 10 targets of 100 series (counters and noisy gauges), one target
 * replaced by a new instance every hour, default retention. scrapeUntil(t) runs the scrapes up to virtual time t.
 */
class Soak {
  private t = 0;
  private readonly rand = lcg(11);
  private readonly refs = new Map<string, number>();
  private readonly values = new Map<number, number>();

  constructor(readonly head: Head) {}

  scrapeUntil(end: number): void {
    for (; this.t < end; this.t += 10_000) {
      const generation = Math.floor(this.t / 3600_000);
      for (let target = 0; target < 10; target++) {
        const instance = target === generation % 10 ? `10.1.${generation}.${target}:80` : `10.0.0.${target}:80`;
        for (let m = 0; m < 100; m++) {
          const key = `${instance}/${m}`;
          let ref = this.refs.get(key);
          if (ref === undefined) {
            ref = this.head.getOrCreate(labelsFromRecord({ __name__: `metric_${m}`, instance, job: `job${target}` }));
            this.refs.set(key, ref);
          }
          const v = (this.values.get(ref) ?? 0) + (m % 2 ? poisson(this.rand, 1) : this.rand() - 0.5);
          this.values.set(ref, v);
          this.head.append(ref, this.t, v);
        }
      }
    }
  }
}

/** Snapshot costs on the soaked head (MemoryStore: the structured clone IndexedDB also pays, without the disk). */
async function snapshotBench(store: MemoryStore, persister: HeadPersister, soak: Soak, print: Print): Promise<void> {
  let t0 = performance.now();
  await persister.save();
  print('tsdb_snapshot_full_save_ms', performance.now() - t0, 'ms');
  // What the page pays every 5 s: at 10× fast-forward, 50 virtual seconds of scrapes.
  soak.scrapeUntil(24 * 3600_000 + 50_000);
  t0 = performance.now();
  await persister.save();
  print('tsdb_snapshot_incremental_save_ms', performance.now() - t0, 'ms');
  t0 = performance.now();
  const loaded = await loadHead(store);
  print('tsdb_snapshot_load_ms', performance.now() - t0, 'ms');
  if (loaded.head.stats().samples !== soak.head.stats().samples) throw new Error('the snapshot did not restore every sample');
}

export async function tsdbBench(argv: readonly string[], print: Print): Promise<void> {
  const data = argValues(argv, '--data')[0];
  if (data) dataBench(data, print);

  // Append: 10 k series × 120 samples, one scrape at a time.
  {
    const head = new Head();
    const t0 = performance.now();
    let v = 0;
    fill(head, 10_000, 120, () => (v += 1));
    const s = (performance.now() - t0) / 1000;
    print('tsdb_append_samples_per_s', Math.round(head.stats().samples / s), 'samples/s');

    // Decode: a full scan of that head with one reused iterator.
    const it = new SeriesIterator();
    let n = 0;
    const ms = median(() => {
      n = 0;
      for (const ref of head.postingsFor([new Matcher('=', '__name__', 'x')])) {
        head.iterator(ref, it);
        while (it.next()) n++;
      }
    }, 3);
    print('tsdb_decode_samples_per_s', Math.round(n / (ms / 1000)), 'samples/s');
  }

  // Request counters of services from idle to busy: Poisson increments per scrape with a mean drawn
  // log-uniformly from 0.1 to 10.
  print(
    'tsdb_bytes_per_sample_counter',
    bytesPerSample((rand) => {
      const means = Array.from({ length: 1000 }, () => Math.exp(Math.log(0.1) + rand() * Math.log(100)));
      const values = new Float64Array(1000);
      return (s) => (values[s] += poisson(rand, means[s]));
    }),
    'B',
  );
  // Gauges with noise: a random walk of full-precision floats (memory, temperatures), the hard case for XOR.
  print(
    'tsdb_bytes_per_sample_gauge',
    bytesPerSample((rand) => {
      const values = new Float64Array(1000).fill(100);
      return (s) => (values[s] += rand() - 0.5);
    }),
    'B',
  );
  print('tsdb_bytes_per_sample_constant', bytesPerSample(() => () => 1), 'B');
  print('tsdb_bytes_per_sample_chapter', await chapterBytesPerSample(), 'B');
  const store = new MemoryStore();
  const persister = await loadHead(store);
  const soak = new Soak(persister.head);
  soak.scrapeUntil(24 * 3600_000);
  const soaked = soak.head.stats();
  print('tsdb_soak_24h_series', soaked.series, 'series');
  print('tsdb_soak_24h_chunk_bytes', soaked.bytes / 2 ** 20, 'MB');
  await snapshotBench(store, persister, soak, print);

  // Select over 100 k series: 100 metric names × 10 jobs × 100 instances, one sample each.
  {
    const head = new Head();
    for (let i = 0; i < 100_000; i++) {
      const ref = head.getOrCreate(
        labelsFromRecord({ __name__: `metric_${i % 100}`, job: `job${Math.floor(i / 100) % 10}`, instance: `host-${Math.floor(i / 1000)}` }),
      );
      head.append(ref, 0, i);
    }
    const eq = [new Matcher('=', '__name__', 'metric_7'), new Matcher('=~', 'job', 'job1|job3')];
    print('tsdb_select_100k_series_ms', median(() => head.select(eq, { start: 0, end: 1 })), 'ms');
    const re = [new Matcher('=~', 'instance', 'host-1.*'), new Matcher('!=', 'job', 'job0')];
    print('tsdb_select_100k_series_regex_ms', median(() => head.select(re, { start: 0, end: 1 })), 'ms');
  }
}
