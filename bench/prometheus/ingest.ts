// The ingest half of `npm run bench:prometheus`: promtool's backfill and promlab's load of the same file,
// alternated run by run, plus what the loaded head costs in chunk bytes and in heap.

import { rmSync } from 'node:fs';
import { Head } from '../../src/tsdb/head.ts';
import { loadOpenMetrics } from '../data.ts';
import type { Written } from './dataset.ts';
import { backfill } from './server.ts';

export interface IngestResult {
  /** The head of the last promlab run, for the queries. */
  readonly head: Head;
  readonly promtoolSamplesPerS: number;
  readonly promlabSamplesPerS: number;
  readonly bytesPerSample: number;
  /** Heap plus array buffers after the load and a GC, minus before it (first run). */
  readonly heapAfterLoadMb: number;
  /** Encoded chunk bytes. */
  readonly chunkMb: number;
  /** The heap of a head with the same series and one sample each: labels, postings, series. */
  readonly indexMb: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function usedBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `runs` rounds of promtool then promlab; the last backfill stays in `dataDir` for the server. */
export function measureIngest(file: string, written: Written, dataDir: string, runs: number): IngestResult {
  const promtool: number[] = [];
  const promlab: number[] = [];
  let heap = 0;
  let head: Head | null = null;
  for (let i = 0; i < runs; i++) {
    rmSync(dataDir, { recursive: true, force: true });
    promtool.push(written.samples / (backfill(file, dataDir) / 1000));
    // Only the first run measures the heap: a later one would count the previous head, which the
    // interpreter may still hold in a register of this loop.
    head = null;
    gc();
    const before = usedBytes();
    head = new Head({ retentionMs: Number.MAX_SAFE_INTEGER });
    const t0 = performance.now();
    const loaded = loadOpenMetrics(head, file);
    const ms = performance.now() - t0;
    if (loaded.samples !== written.samples) throw new Error(`promlab loaded ${loaded.samples} samples of ${written.samples}`);
    promlab.push(loaded.samples / (ms / 1000));
    gc();
    if (i === 0) heap = (usedBytes() - before) / 2 ** 20;
    console.log(`# ingest run ${i + 1}: promtool ${Math.round(promtool[i])}, promlab ${Math.round(promlab[i])} samples/s`);
  }
  const st = head!.stats();
  return {
    head: head!,
    promtoolSamplesPerS: Math.round(median(promtool)),
    promlabSamplesPerS: Math.round(median(promlab)),
    bytesPerSample: st.bytes / st.samples,
    heapAfterLoadMb: heap,
    chunkMb: st.bytes / 2 ** 20,
    indexMb: indexHeapMb(head!),
  };
}

// The same series in a fresh head with one sample each: what the head costs beside its chunks.
function indexHeapMb(full: Head): number {
  gc();
  const before = usedBytes();
  const head = new Head({ retentionMs: Number.MAX_SAFE_INTEGER });
  for (let ref = 0; ref < full.stats().series; ref++) head.append(head.getOrCreate(full.seriesLabels(ref)), 0, 0);
  gc();
  const mb = (usedBytes() - before) / 2 ** 20;
  if (head.stats().series !== full.stats().series) throw new Error('index head has another number of series');
  return mb;
}
