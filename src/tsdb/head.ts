// The head block (Prometheus' tsdb/head.go): series with Gorilla-compressed chunks, a postings index, and
// retention that drops old chunks and series that stopped receiving samples.

import { compareLabels, labelsKey, METRIC_NAME, ownLabels, type Labels } from '../model/labels/labels.ts';
import type { Appendable, Appender, Querier, Queryable, SelectHints, SeriesData } from '../storage/interface.ts';
import { HeadAppender } from './head_appender.ts';
import { FRESH, HeadQuerier, QuerierBuffers, type SelectBuffers } from './querier.ts';
import type { Matcher } from '../model/labels/matcher.ts';
import { XORIterator } from './chunkenc/xor.ts';
import { MemPostings, type PostingsStats } from './index/postings.ts';
import { postingsForMatchers } from './index/select.ts';
import { MemSeries, SeriesIterator, type ClosedChunk, type HistogramColumn } from './series.ts';
import type { FloatHistogram } from '../model/histogram/float_histogram.ts';

export { AppendError } from './series.ts';

/** A series' optional columns beside its XOR chunks, each ascending by t (see Head.columns). */
export interface SeriesColumns {
  readonly histograms?: { readonly t: readonly number[]; readonly h: readonly FloatHistogram[] };
  readonly startTimestamps?: { readonly t: readonly number[]; readonly st: readonly number[] };
}

export interface HeadOptions {
  /** Samples older than the newest sample minus this are dropped (Prometheus' --storage.tsdb.retention.time). */
  readonly retentionMs?: number;
}

export interface HeadStats {
  readonly series: number;
  readonly chunks: number;
  readonly samples: number;
  /** Bytes of encoded chunks, closed and open. */
  readonly bytes: number;
  readonly minTime: number;
  readonly maxTime: number;
}

export const DEFAULT_RETENTION_MS = 15 * 24 * 3600_000;

function checkRetention(ms: number): number {
  if (!(ms > 0)) throw new Error(`retention must be a positive duration, got ${ms} ms`);
  return ms;
}
// Retention runs as appends move time forward, at most this often, so its cost stays off the scrape path.
const TRUNCATE_EVERY_MS = 3600_000;

export class Head implements Queryable, Appendable {
  private retention: number;
  private readonly series = new Map<number, MemSeries>();
  private readonly byKey = new Map<string, MemSeries>();
  private readonly postings = new MemPostings();
  // Series dropped by retention, kept by ref for a while: a scrape loop may still hold the ref and bring it back.
  private readonly dropped = new Map<number, { labels: Labels; lastT: number }>();
  private nextRef = 0;
  private chunkSeq = 0;
  private samples = 0;
  private closedChunks = 0;
  private closedBytes = 0;
  private maxT = -Infinity;
  private nextTruncate = -Infinity;
  private readonly buffers = new QuerierBuffers();

  constructor(opts: HeadOptions = {}) {
    this.retention = checkRetention(opts.retentionMs ?? DEFAULT_RETENTION_MS);
  }

  get retentionMs(): number {
    return this.retention;
  }

  /** Changes retention (like restarting Prometheus with another --storage.tsdb.retention.time) and applies it now. */
  setRetention(ms: number): void {
    this.retention = checkRetention(ms);
    this.nextTruncate = -Infinity;
    if (this.samples > 0) this.truncate(this.maxT - ms);
  }

  /** Returns the series ref for a label set, creating the series if it is new. */
  getOrCreate(ls: Labels): number {
    return (this.byKey.get(labelsKey(ls)) ?? this.create(this.nextRef++, ls)).ref;
  }

  /**
   * Appends a sample at t (whole milliseconds, as Prometheus stores them); throws AppendError when refused.
   * `st` is the sample's start timestamp in ms, when the source knows it.
   */
  append(ref: number, t: number, v: number, st?: number): void {
    this.add(ref, t, v, false);
    if (st !== undefined) this.addStartTimestamp(this.get(ref), Math.floor(t), st);
  }

  /** Appends a native histogram sample; samples at or before the series' last histogram are refused. */
  appendHistogram(ref: number, t: number, h: FloatHistogram, st?: number): void {
    t = Math.floor(t);
    const s = this.get(ref);
    const col = (s.histograms ??= { t: [], h: [] });
    if (col.t.length && col.t[col.t.length - 1] >= t) return;
    if (st !== undefined) this.addStartTimestamp(s, t, st);
    // The hint a histogram reads back with, as Prometheus' histogram chunks give it: a counter histogram right
    // after another one is a reset or not; the first of a series, or one after a float, is unknown. (Queries
    // read "reset" as unknown except under histogram_count/sum/avg, prometheus/prometheus#15346.)
    const n = col.t.length;
    if (h.hint === 'unknown' && n > 0 && col.h[n - 1].hint !== 'gauge' && !(s.lastT > col.t[n - 1] && !s.isStale())) {
      h = h.copy();
      h.hint = h.detectReset(col.h[n - 1]) ? 'reset' : 'not_reset';
    }
    col.t.push(t);
    col.h.push(h);
    this.samples++;
    if (t > this.maxT) this.maxT = t;
  }

  /** A transaction of appends: checked as they come, written by commit (storage.Appender). */
  appender(): Appender {
    return new HeadAppender(this);
  }

  /** The series' last float sample, or null when it has none (or is unknown). */
  lastSample(ref: number): { t: number; v: number; stale: boolean } | null {
    const last = this.series.get(ref)?.last();
    return last && last.t > -Infinity ? last : null;
  }

  /** Writes a staleness marker, ending the series at t. */
  appendStale(ref: number, t: number): void {
    const s = this.get(ref);
    if (s.lastT > -Infinity && s.isStale()) return;
    this.add(ref, t, NaN, true);
  }

  /** A querier whose selects share buffers that go back to the head when it closes. */
  querier(): Querier {
    return new HeadQuerier(this, this.buffers);
  }

  /**
   * The series the matchers select, with their samples in the hints' range, sorted by labels. The float columns
   * come from `buffers`: fresh arrays unless a querier lends its own.
   */
  select(matchers: readonly Matcher[], hints: SelectHints, buffers: SelectBuffers = FRESH): SeriesData[] {
    const mint = hints.start;
    const maxt = hints.end;
    const out: SeriesData[] = [];
    const it = new XORIterator();
    const refs = this.postingsFor(matchers);
    // The float-only series' samples go into one buffer per column, each series a view of its part: three
    // allocations per select instead of three per series. Sizes count whole chunks, an upper bound.
    let total = 0;
    for (const ref of refs) {
      const s = this.series.get(ref)!;
      if (!s.histograms) s.chunksIn(mint, maxt, (_, n) => (total += n));
    }
    const t = buffers.floats(total);
    const v = buffers.floats(total);
    const stale = buffers.bytes(total);
    let n = 0;
    for (const ref of refs) {
      const s = this.series.get(ref)!;
      if (s.histograms) {
        const merged = this.withHistograms(s, s.histograms, it, mint, maxt);
        if (merged) out.push(withStartTimestamps(s, merged));
        continue;
      }
      const from = n;
      s.chunksIn(mint, maxt, (bytes) => (n = it.reset(bytes).readInto(mint, maxt, t, v, stale, n)));
      if (n > from) out.push(withStartTimestamps(s, { labels: s.labels, t: t.subarray(from, n), v: v.subarray(from, n), stale: stale.subarray(from, n) }));
    }
    // Postings are in ref order; a querier answers in label order.
    return out.sort((x, y) => compareLabels(x.labels, y.labels));
  }

  private addStartTimestamp(s: MemSeries, t: number, st: number): void {
    const col = (s.startTimestamps ??= { t: [], st: [] });
    if (col.t.length && col.t[col.t.length - 1] >= t) return;
    col.t.push(t);
    col.st.push(Math.floor(st));
  }

  // The float samples of s in [mint, maxt] merged by time with its histogram samples.
  private withHistograms(s: MemSeries, col: HistogramColumn, it: XORIterator, mint: number, maxt: number): SeriesData | null {
    const ft: number[] = [];
    const fv: number[] = [];
    const fs: number[] = [];
    s.chunksIn(mint, maxt, (bytes) => {
      if (!it.reset(bytes).seek(mint)) return;
      do {
        if (it.t > maxt) return;
        ft.push(it.t);
        fv.push(it.v);
        fs.push(it.stale ? 1 : 0);
      } while (it.next());
    });
    const t: number[] = [];
    const v: number[] = [];
    const stale: number[] = [];
    const h: (FloatHistogram | undefined)[] = [];
    let i = 0;
    let j = 0;
    while (j < col.t.length && col.t[j] < mint) j++;
    while (i < ft.length || (j < col.t.length && col.t[j] <= maxt)) {
      const hj = j < col.t.length && col.t[j] <= maxt ? col.t[j] : Infinity;
      if (i < ft.length && ft[i] <= hj) {
        // A float and a histogram at the same time: the later append wins in Prometheus; floats here.
        if (ft[i] === hj) j++;
        t.push(ft[i]);
        v.push(fv[i]);
        stale.push(fs[i]);
        h.push(undefined);
        i++;
      } else {
        t.push(hj);
        v.push(NaN);
        stale.push(0);
        h.push(col.h[j]);
        j++;
      }
    }
    if (t.length === 0) return null;
    return { labels: s.labels, t: Float64Array.from(t), v: Float64Array.from(v), stale: Uint8Array.from(stale), h };
  }

  /** Refs of the series the matchers select, ascending. */
  postingsFor(matchers: readonly Matcher[]): readonly number[] {
    return postingsForMatchers(this.postings, matchers);
  }

  seriesLabels(ref: number): Labels {
    return this.get(ref).labels;
  }

  /** An iterator over one series' samples, reusing `it` when given so a scan allocates nothing per series. */
  iterator(ref: number, it = new SeriesIterator()): SeriesIterator {
    return it.reset(this.get(ref));
  }

  labelNames(matchers?: readonly Matcher[]): string[] {
    if (!matchers?.length) return this.postings.labelNames();
    const names = new Set<string>();
    for (const ref of this.postingsFor(matchers)) for (const l of this.series.get(ref)!.labels) names.add(l.name);
    return [...names].sort();
  }

  labelValues(name: string, matchers?: readonly Matcher[]): string[] {
    if (!matchers?.length) return this.postings.labelValues(name);
    const values = new Set<string>();
    for (const ref of this.postingsFor(matchers)) {
      for (const l of this.series.get(ref)!.labels) if (l.name === name) values.add(l.value);
    }
    return [...values].sort();
  }

  stats(): HeadStats {
    let minTime = Infinity;
    let chunks = this.closedChunks;
    let bytes = this.closedBytes;
    for (const s of this.series.values()) {
      const first = s.minTime();
      if (first < minTime) minTime = first;
      const head = s.headBytes();
      if (head) {
        chunks++;
        bytes += head.length;
      }
    }
    return { series: this.series.size, chunks, samples: this.samples, bytes, minTime, maxTime: this.samples ? this.maxT : -Infinity };
  }

  /** What Prometheus' TSDB status page shows: head stats and the top `limit` metric names and label pairs. */
  status(limit = 10): HeadStats & PostingsStats & { retentionMs: number } {
    return { ...this.stats(), ...this.postings.stats(METRIC_NAME, limit), retentionMs: this.retentionMs };
  }

  /** Every series, in ref order. */
  allSeries(): IterableIterator<MemSeries> {
    return this.series.values();
  }

  /** Drops what lies before mint in every series, then series left without samples (series churn), like Head.Truncate + gc. */
  truncate(mint: number): void {
    const gone = new Map<number, Labels>();
    for (const s of this.series.values()) {
      const before = s.chunks.length;
      const freed = s.truncate(mint);
      this.closedChunks -= before - s.chunks.length;
      this.closedBytes -= freed.closedBytes;
      this.samples -= freed.samples;
      if (freed.churned) {
        gone.set(s.ref, s.labels);
        this.dropped.set(s.ref, { labels: s.labels, lastT: s.lastT });
      }
    }
    for (const ref of gone.keys()) {
      this.byKey.delete(labelsKey(this.series.get(ref)!.labels));
      this.series.delete(ref);
    }
    this.postings.delete(gone);
    for (const [ref, d] of this.dropped) if (d.lastT < mint - this.retentionMs) this.dropped.delete(ref);
  }

  /** Rebuilds a series from a snapshot under its old ref; `head` is the open chunk's bytes. */
  restoreSeries(ref: number, ls: Labels, chunks: Omit<ClosedChunk, 'seq'>[], head: Uint8Array | null): void {
    if (this.series.has(ref) || this.byKey.has(labelsKey(ls))) throw new Error(`series ${ref} is restored twice`);
    const s = this.create(ref, ls);
    this.nextRef = Math.max(this.nextRef, ref + 1);
    const closed = chunks.map((c) => ({ ...c, seq: ++this.chunkSeq }));
    this.samples += s.restore(closed, head);
    this.closedChunks += closed.length;
    for (const c of closed) this.closedBytes += c.bytes.length;
    if (s.lastT > this.maxT) this.maxT = s.lastT;
  }

  /** A series' histogram and start-timestamp columns, where it has them (live arrays: a snapshot reads, never writes). */
  columns(ref: number): SeriesColumns {
    const s = this.series.get(ref);
    const h = s?.histograms;
    const st = s?.startTimestamps;
    return { histograms: h ? { t: h.t, h: h.h } : undefined, startTimestamps: st ? { t: st.t, st: st.st } : undefined };
  }

  /**
   * Puts back a restored series' columns as they were saved (counter reset hints included, nothing re-detected);
   * after restoreSeries, before the snapshot's retention truncate.
   */
  restoreColumns(ref: number, cols: SeriesColumns): void {
    const s = this.series.get(ref);
    if (!s) throw new Error(`series ${ref} has columns but no series`);
    if (cols.histograms) {
      const { t, h } = cols.histograms;
      s.histograms = { t: [...t], h: [...h] };
      this.samples += t.length;
      if (t.length && t[t.length - 1] > this.maxT) this.maxT = t[t.length - 1];
    }
    if (cols.startTimestamps) s.startTimestamps = { t: [...cols.startTimestamps.t], st: [...cols.startTimestamps.st] };
  }

  /** The sequence number of the last chunk cut; chunks with a larger one are newer. */
  lastChunkSeq(): number {
    return this.chunkSeq;
  }

  private create(ref: number, labels: Labels): MemSeries {
    const ls = ownLabels(labels);
    const s = new MemSeries(ref, ls);
    this.series.set(ref, s);
    this.byKey.set(labelsKey(ls), s);
    this.postings.add(ref, ls);
    this.dropped.delete(ref);
    return s;
  }

  private get(ref: number): MemSeries {
    const s = this.series.get(ref);
    if (s) return s;
    const d = this.dropped.get(ref);
    if (!d) throw new Error(`unknown series ref ${ref}`);
    // A series dropped by retention comes back: under the ref its label set has now, or its old one.
    return this.byKey.get(labelsKey(d.labels)) ?? this.create(ref, d.labels);
  }

  private add(ref: number, t: number, v: number, stale: boolean): void {
    t = Math.floor(t);
    // The sequence number a chunk cut now gets; drawn only when one is.
    const cut = this.get(ref).append(t, v, stale, this.chunkSeq + 1);
    if (cut === false) return;
    this.samples++;
    if (cut) {
      this.chunkSeq++;
      this.closedChunks++;
      this.closedBytes += cut.bytes.length;
    }
    if (t > this.maxT) {
      this.maxT = t;
      if (t >= this.nextTruncate) {
        this.nextTruncate = t + Math.min(TRUNCATE_EVERY_MS, this.retentionMs);
        this.truncate(t - this.retentionMs);
      }
    }
  }
}

// The selected samples with their start timestamps beside them, when the series has any.
function withStartTimestamps(s: MemSeries, d: SeriesData): SeriesData {
  const col = s.startTimestamps;
  if (!col) return d;
  const st = new Float64Array(d.t.length);
  let j = 0;
  for (let i = 0; i < d.t.length; i++) {
    while (j < col.t.length && col.t[j] < d.t[i]) j++;
    if (j < col.t.length && col.t[j] === d.t[i]) st[i] = col.st[j];
  }
  return { ...d, st };
}
