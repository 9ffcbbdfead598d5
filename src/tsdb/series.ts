// One series in the head (Prometheus' memSeries): closed, immutable chunks plus the open head chunk that
// takes appends, and the series' native histogram and start-timestamp columns. A chunk is cut at
// SAMPLES_PER_CHUNK samples or when a sample crosses the chunk range boundary.

import type { FloatHistogram } from '../model/histogram/float_histogram.ts';
import type { Labels } from '../model/labels/labels.ts';
import { SAMPLES_PER_CHUNK, XORAppender, XORIterator } from './chunkenc/xor.ts';

/** Prometheus' head chunk range: chunks never span a 2 h boundary, which keeps them aligned with blocks. */
export const CHUNK_RANGE_MS = 2 * 3600_000;

export class AppendError extends Error {
  constructor(
    message: string,
    readonly kind: 'out_of_order' | 'duplicate',
  ) {
    super(message);
    this.name = 'AppendError';
  }
}

/**
 * Whether a sample may follow the series' last one (lastT -Infinity: none yet): false for an exact repeat, which
 * Prometheus accepts and ignores; AppendError for one before it or a different value at the same time.
 */
export function appendable(lastT: number, lastV: number, lastStale: boolean, t: number, v: number, stale: boolean): boolean {
  if (t < lastT) {
    throw new AppendError(`out of order sample: ${t} is before the series' last sample at ${lastT}`, 'out_of_order');
  }
  if (t === lastT) {
    if (stale === lastStale && (stale || Object.is(v, lastV))) return false;
    throw new AppendError(`duplicate sample for timestamp ${t} with a different value`, 'duplicate');
  }
  return true;
}

export interface ClosedChunk {
  readonly bytes: Uint8Array;
  readonly minT: number;
  readonly maxT: number;
  readonly samples: number;
  /** Head-wide cut order, so a snapshot knows which chunks it has not written yet. */
  readonly seq: number;
}

// Native histogram samples of one series. They live in plain arrays beside the XOR float chunks rather than in
// a histogram chunk encoding: they are rare in a playground (tests and examples), and an array keeps each one a
// ready FloatHistogram that select() merges with the floats by time. Nothing is compressed.
export interface HistogramColumn {
  t: number[];
  h: FloatHistogram[];
}

// Start timestamps of one series, for the samples that came with one, ascending by t. Like histograms they sit
// in a column beside the XOR chunks instead of inside the chunk encoding: only OTLP-style ingestion and test
// scripts give them, so the chunks (and snapshots, and every caller that does not pass one) stay as they are.
export interface StartTimestampColumn {
  t: number[];
  st: number[];
}

export class MemSeries {
  chunks: ClosedChunk[] = [];
  histograms: HistogramColumn | null = null;
  startTimestamps: StartTimestampColumn | null = null;
  app: XORAppender | null = null;
  headMinT = 0;
  private headEnd = 0;
  lastT = -Infinity;
  private lastV = 0;
  private lastStale = false;

  constructor(
    readonly ref: number,
    readonly labels: Labels,
  ) {}

  /**
   * Appends a sample, cutting a chunk when needed; a chunk cut gets sequence number `seq`. Returns the chunk cut, if
   * any; returns false for an exact repeat of the last sample, which Prometheus accepts and ignores.
   */
  append(t: number, v: number, stale: boolean, seq: number): ClosedChunk | null | false {
    if (!appendable(this.lastT, this.lastV, this.lastStale, t, v, stale)) return false;
    let cut: ClosedChunk | null = null;
    if (this.app && (this.app.numSamples >= SAMPLES_PER_CHUNK || t >= this.headEnd)) cut = this.cut(seq);
    if (!this.app) {
      this.app = new XORAppender();
      this.headMinT = t;
      this.headEnd = (Math.floor(t / CHUNK_RANGE_MS) + 1) * CHUNK_RANGE_MS;
    }
    this.app.append(t, v, stale);
    this.lastT = t;
    this.lastV = v;
    this.lastStale = stale;
    return cut;
  }

  /** The last float sample (t -Infinity when there is none). */
  last(): { t: number; v: number; stale: boolean } {
    return { t: this.lastT, v: this.lastV, stale: this.lastStale };
  }

  /** Whether the last sample is a staleness marker. */
  isStale(): boolean {
    return this.lastStale;
  }

  private cut(seq: number): ClosedChunk {
    const app = this.app!;
    const chunk = { bytes: app.w.finish(), minT: this.headMinT, maxT: this.lastT, samples: app.numSamples, seq };
    this.chunks.push(chunk);
    this.app = null;
    return chunk;
  }

  /** The open head chunk's bytes (a view that grows with appends) or null. */
  headBytes(): Uint8Array | null {
    return this.app ? this.app.w.bytes.subarray(0, (this.app.w.bitLen + 7) >>> 3) : null;
  }

  /** Restores state from persisted chunks; `head` is the open chunk, re-appended so it can keep growing. */
  restore(chunks: ClosedChunk[], head: Uint8Array | null): number {
    this.chunks = chunks;
    let samples = 0;
    for (const c of chunks) samples += c.samples;
    if (chunks.length) this.setLast(chunks[chunks.length - 1].bytes);
    if (head) {
      const it = new XORIterator().reset(head);
      // The samples of one chunk never cut another, so no sequence number is ever drawn.
      while (it.next()) {
        this.append(it.t, it.v, it.stale, 0);
        samples++;
      }
    }
    return samples;
  }

  private setLast(bytes: Uint8Array): void {
    const it = new XORIterator().reset(bytes);
    while (it.next()) {
      this.lastT = it.t;
      this.lastV = it.v;
      this.lastStale = it.stale;
    }
  }

  /** Drops chunks that end before mint; the open chunk goes too when its last sample does. */
  /**
   * Drops what lies before mint from every column: float chunks ending before it (whole, as Prometheus does), histogram
   * samples, and start timestamps older than the series' first remaining sample. `churned`: the series had samples and
   * has none left, so the head forgets it.
   */
  truncate(mint: number): { samples: number; closedBytes: number; churned: boolean } {
    let samples = 0;
    let closedBytes = 0;
    let keep = 0;
    while (keep < this.chunks.length && this.chunks[keep].maxT < mint) {
      samples += this.chunks[keep].samples;
      closedBytes += this.chunks[keep].bytes.length;
      keep++;
    }
    if (keep) this.chunks = this.chunks.slice(keep);
    if (this.app && this.chunks.length === 0 && this.lastT < mint) {
      samples += this.app.numSamples;
      this.app = null;
    }
    let histogramsGone = false;
    const h = this.histograms;
    if (h) {
      let k = 0;
      while (k < h.t.length && h.t[k] < mint) k++;
      if (k > 0) {
        h.t.splice(0, k);
        h.h.splice(0, k);
        samples += k;
      }
      if (h.t.length === 0) {
        this.histograms = null;
        histogramsGone = true;
      }
    }
    const st = this.startTimestamps;
    if (st) {
      const first = this.minTime();
      let k = 0;
      while (k < st.t.length && st.t[k] < first) k++;
      if (k > 0) {
        st.t.splice(0, k);
        st.st.splice(0, k);
      }
    }
    // A series created but not yet appended to is the caller's next append target, not churn.
    return { samples, closedBytes, churned: this.empty() && (this.lastT > -Infinity || histogramsGone) };
  }

  empty(): boolean {
    return this.chunks.length === 0 && this.app === null && this.histograms === null;
  }

  /** The time of the series' first sample, float or histogram; Infinity when it has none. */
  minTime(): number {
    const float = this.chunks.length ? this.chunks[0].minT : this.app ? this.headMinT : Infinity;
    return Math.min(float, this.histograms?.t[0] ?? Infinity);
  }

  /** Every chunk's bytes that may hold samples in [mint, maxt], oldest first, with their sample counts. */
  chunksIn(mint: number, maxt: number, visit: (bytes: Uint8Array, samples: number) => void): void {
    for (const c of this.chunks) if (c.maxT >= mint && c.minT <= maxt) visit(c.bytes, c.samples);
    if (this.app && this.lastT >= mint && this.headMinT <= maxt) visit(this.headBytes()!, this.app.numSamples);
  }
}

/** Iterates one series' samples across its chunks; seek(t) skips whole chunks that end before t. */
export class SeriesIterator {
  t = 0;
  v = 0;
  stale = false;
  private readonly it = new XORIterator();
  private chunks: Uint8Array[] = [];
  private maxTs: number[] = [];
  private i = -1;
  private valid = false;

  reset(s: MemSeries): this {
    this.chunks = s.chunks.map((c) => c.bytes);
    this.maxTs = s.chunks.map((c) => c.maxT);
    const head = s.headBytes();
    if (head) {
      this.chunks.push(head);
      this.maxTs.push(s.lastT);
    }
    this.i = -1;
    this.valid = false;
    return this;
  }

  next(): boolean {
    while (this.i < 0 || !this.it.next()) {
      if (++this.i >= this.chunks.length) return (this.valid = false);
      this.it.reset(this.chunks[this.i]);
    }
    this.t = this.it.t;
    this.v = this.it.v;
    this.stale = this.it.stale;
    return (this.valid = true);
  }

  /** Moves to the first sample at or after t, staying put if already there; false if there is none. */
  seek(t: number): boolean {
    if (this.valid && this.t >= t) return true;
    let j = Math.max(this.i, 0);
    while (j < this.chunks.length && this.maxTs[j] < t) j++;
    if (j >= this.chunks.length) {
      this.i = j;
      return (this.valid = false);
    }
    if (j !== this.i) {
      this.i = j;
      this.it.reset(this.chunks[j]);
    }
    while (this.next()) if (this.t >= t) return true;
    return false;
  }
}
