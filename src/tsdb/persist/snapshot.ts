// The head on disk, so a learner's data survives a page reload. Periodic snapshots, not a write-ahead log:
// closed chunks never change, so each is written exactly once, in the segment of the snapshot after its cut
// (like Prometheus' memory-mapped head chunks); each snapshot then rewrites only the small part that moves —
// the series index and the open head chunks (≤ 120 samples per series) — in one 'tsdb/meta' record written
// after its segment. A WAL would cost an IndexedDB transaction per scrape (many per second when the clock
// fast-forwards) and a replay on load, to save at most one snapshot interval of simulated samples.
// Records are columnar (typed arrays, chunk bytes packed into one buffer): structured clone pays per object.

import type { Labels } from '../../model/labels/labels.ts';
import type { Store } from '../../kvstore/store.ts';
import { chunkSamples } from '../chunkenc/xor.ts';
import { Head, type HeadOptions } from '../head.ts';
import type { ClosedChunk } from '../series.ts';
import { decodeHistograms, decodeStartTimestamps, encodeHistograms, encodeStartTimestamps } from './columns.ts';
import { crc32c } from './crc32.ts';
import { isPacked, packBytes, unpackBytes, type PackedBytes } from './pack.ts';

/** Bumped whenever the stored shape or the chunk encoding changes; another version is replaced, not misread. */
export const SNAPSHOT_VERSION = 4;
export const META_KEY = 'tsdb/meta';
const SEGMENT_PREFIX = 'tsdb/segment/';

interface StoredChunk {
  readonly ref: number;
  readonly minT: number;
  readonly maxT: number;
  readonly samples: number;
  readonly bytes: Uint8Array;
}

/** The chunks cut between two snapshots, one column per field. */
interface Segment {
  readonly version: number;
  readonly maxT: number;
  readonly refs: Float64Array;
  readonly minTs: Float64Array;
  readonly maxTs: Float64Array;
  readonly samples: Uint32Array;
  readonly crcs: Uint32Array;
  readonly chunks: PackedBytes;
}

interface SegmentRef {
  readonly key: string;
  readonly maxT: number;
}

interface Meta {
  readonly version: number;
  /** Wall-clock time of the save, and the newest sample's time. */
  readonly savedAt: number;
  readonly maxTime: number;
  readonly retentionMs: number;
  readonly segments: SegmentRef[];
  /** Series i has ref refs[i] and labelCounts[i] label pairs, flattened name, value, name, value… in `labels`. */
  readonly refs: Float64Array;
  readonly labelCounts: Uint16Array;
  readonly labels: string[];
  /** Open head chunks; an empty part is a series without one. */
  readonly heads: PackedBytes;
  readonly headCrcs: Uint32Array;
  /**
   * Native histogram samples and start timestamps, the columns beside the chunks (columns.ts), rewritten whole by
   * every save: they are small in a playground. An empty part is a series without the column.
   */
  readonly histograms: PackedBytes;
  readonly histogramCrcs: Uint32Array;
  readonly startTimestamps: PackedBytes;
  readonly startTimestampCrcs: Uint32Array;
}

/** What loading found: nothing, a restored head, or a store it could not use (replaced by an empty head). */
export type RestoreReport =
  | { readonly kind: 'empty' }
  | { readonly kind: 'restored'; readonly series: number; readonly samples: number; readonly savedAt: number }
  | { readonly kind: 'replaced'; readonly reason: string };

export interface PersistStatus {
  readonly restored: RestoreReport;
  /** Wall-clock time of the last successful save, or null. */
  readonly lastSave: number | null;
  readonly lastError: string | null;
  readonly segments: number;
}

const EMPTY = new Uint8Array(0);

class CorruptSnapshot extends Error {
  override name = 'CorruptSnapshot';
}

/**
 * Loads the head from the store; a corrupt or other-version snapshot is reported, wiped and replaced. `opts` shape a
 * fresh head; a snapshot brings back the retention it was saved with.
 */
export async function loadHead(store: Store, opts: HeadOptions = {}): Promise<HeadPersister> {
  let head = new Head(opts);
  let restored: RestoreReport = { kind: 'empty' };
  let segments: SegmentRef[] = [];
  try {
    const meta = await store.get<Meta>(META_KEY);
    if (meta !== undefined) {
      segments = await restore(store, meta, head);
      const st = head.stats();
      restored = { kind: 'restored', series: st.series, samples: st.samples, savedAt: meta.savedAt };
    }
  } catch (err) {
    // Whatever is wrong with it — an old format, a flipped bit, a store that cannot be read — the page starts
    // with an empty head and says why, rather than failing to load.
    head = new Head(opts);
    segments = [];
    restored = { kind: 'replaced', reason: err instanceof Error ? err.message : String(err) };
  }
  const persister = new HeadPersister(head, store, restored, segments);
  // Segments the meta does not list (a save cut short, or a replaced snapshot) are garbage.
  const listed = new Set(segments.map((s) => s.key));
  try {
    const keys = await store.keys('tsdb/');
    for (const key of keys) if (key.startsWith(SEGMENT_PREFIX) ? !listed.has(key) : restored.kind === 'replaced') await store.delete(key);
  } catch (err) {
    persister.fail(err);
  }
  return persister;
}

async function restore(store: Store, meta: Meta, head: Head): Promise<SegmentRef[]> {
  if (typeof meta !== 'object' || meta === null || !('version' in meta)) throw new CorruptSnapshot('the stored TSDB is not a snapshot');
  if (meta.version !== SNAPSHOT_VERSION) {
    throw new CorruptSnapshot(`the stored TSDB has format version ${String(meta.version)}, this promlab reads version ${SNAPSHOT_VERSION}`);
  }
  const n = meta.refs instanceof Float64Array ? meta.refs.length : -1;
  const wellFormed =
    Array.isArray(meta.segments) &&
    n >= 0 &&
    meta.labelCounts instanceof Uint16Array &&
    meta.labelCounts.length === n &&
    Array.isArray(meta.labels) &&
    meta.labels.length === 2 * meta.labelCounts.reduce((a, b) => a + b, 0) &&
    isPacked(meta.heads, n) &&
    meta.headCrcs instanceof Uint32Array &&
    meta.headCrcs.length === n &&
    isPacked(meta.histograms, n) &&
    meta.histogramCrcs instanceof Uint32Array &&
    meta.histogramCrcs.length === n &&
    isPacked(meta.startTimestamps, n) &&
    meta.startTimestampCrcs instanceof Uint32Array &&
    meta.startTimestampCrcs.length === n;
  if (!wellFormed) throw new CorruptSnapshot('the stored TSDB index is malformed');
  // The learner's retention comes back before any data, so restoring drops nothing it would keep.
  head.setRetention(meta.retentionMs);
  const byRef = new Map<number, StoredChunk[]>();
  for (const seg of meta.segments) {
    const s = await store.get<Segment>(seg.key);
    if (!isSegment(s)) throw new CorruptSnapshot(`chunk segment ${seg.key} is missing or malformed`);
    for (let i = 0; i < s.refs.length; i++) {
      const bytes = unpackBytes(s.chunks, i);
      checkChunk(bytes, s.crcs[i], s.samples[i], `a chunk of series ${s.refs[i]} in ${seg.key}`);
      let list = byRef.get(s.refs[i]);
      if (!list) byRef.set(s.refs[i], (list = []));
      list.push({ ref: s.refs[i], minT: s.minTs[i], maxT: s.maxTs[i], samples: s.samples[i], bytes });
    }
  }
  let at = 0;
  for (let i = 0; i < n; i++) {
    const ref = meta.refs[i];
    const labels: Labels = Array.from({ length: meta.labelCounts[i] }, (_, j) => ({ name: meta.labels[at + 2 * j], value: meta.labels[at + 2 * j + 1] }));
    at += 2 * meta.labelCounts[i];
    let open: Uint8Array | null = unpackBytes(meta.heads, i);
    if (open.length === 0) open = null;
    else checkChunk(open, meta.headCrcs[i], chunkSamples(open), `the head chunk of series ${ref}`);
    const chunks = (byRef.get(ref) ?? []).sort((a, b) => a.minT - b.minT);
    const hist = checkedPart(meta.histograms, i, meta.histogramCrcs[i], `the histogram samples of series ${ref}`);
    const sts = checkedPart(meta.startTimestamps, i, meta.startTimestampCrcs[i], `the start timestamps of series ${ref}`);
    try {
      head.restoreSeries(ref, labels, chunks, open);
      head.restoreColumns(ref, {
        histograms: decodeHistograms(hist, 'its histogram column'),
        startTimestamps: decodeStartTimestamps(sts, 'its start-timestamp column'),
      });
    } catch (err) {
      throw new CorruptSnapshot(`series ${ref} does not replay: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  // The same cut the live head makes: trims the start-timestamp column with the float chunks it belongs to.
  head.truncate(head.stats().maxTime - head.retentionMs);
  return meta.segments;
}

// Part i of a packed column, checked against its CRC32C (an empty part, a series without the column, has CRC 0).
function checkedPart(p: PackedBytes, i: number, crc: number, what: string): Uint8Array {
  const bytes = unpackBytes(p, i);
  if ((bytes.length ? crc32c(bytes) : 0) !== crc) throw new CorruptSnapshot(`${what} fail their checksum`);
  return bytes;
}

function isSegment(s: unknown): s is Segment {
  if (typeof s !== 'object' || s === null) return false;
  const seg = s as Segment;
  if (seg.version !== SNAPSHOT_VERSION || !(seg.refs instanceof Float64Array)) return false;
  const n = seg.refs.length;
  const columns = [seg.minTs instanceof Float64Array, seg.maxTs instanceof Float64Array, seg.samples instanceof Uint32Array, seg.crcs instanceof Uint32Array];
  return columns.every(Boolean) && [seg.minTs, seg.maxTs, seg.samples, seg.crcs].every((c) => c.length === n) && isPacked(seg.chunks, n);
}

// The checksum covers the whole chunk, its sample-count header included, so a flipped bit or a cut-off tail fails
// it (as Prometheus checks a chunk's CRC32 when it reads it); the count must also be the one the index recorded.
function checkChunk(bytes: Uint8Array, crc: number, samples: number, what: string): void {
  if (crc32c(bytes) !== crc) throw new CorruptSnapshot(`${what} fails its checksum`);
  if (chunkSamples(bytes) !== samples) throw new CorruptSnapshot(`${what} holds ${chunkSamples(bytes)} samples, not ${samples}`);
}

/** Saves the head to the store on demand; the app calls save() periodically and when the page is hidden. */
export class HeadPersister {
  private savedSeq: number;
  private segmentNo: number;
  private lastSave: number | null = null;
  private lastError: string | null = null;
  private saving: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private stopped = false;
  private suspended: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly head: Head,
    private readonly store: Store,
    private readonly restored: RestoreReport,
    private segments: SegmentRef[],
  ) {
    this.savedSeq = head.lastChunkSeq();
    this.segmentNo = segments.reduce((n, s) => Math.max(n, Number(s.key.slice(SEGMENT_PREFIX.length)) + 1), 0);
  }

  status(): PersistStatus {
    return { restored: this.restored, lastSave: this.lastSave, lastError: this.lastError, segments: this.segments.length };
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Writes a snapshot of the head as it is now. A call during a write gets the next write, which starts when that one
   * ends (calls meanwhile share it): a write already under way may have read the head before what the caller just
   * appended. A failed write (quota, say) is reported in status().
   */
  save(now?: number): Promise<void> {
    if (this.stopped || this.suspended !== null) return Promise.resolve();
    if (this.saving) {
      const current = this.saving;
      this.next ??= current.then(() => {
        this.next = null;
        return this.save(now);
      });
      return this.next;
    }
    this.saving = this.write(now ?? Date.now()).finally(() => {
      this.saving = null;
      for (const fn of this.listeners) fn();
    });
    return this.saving;
  }

  /** Stops saving and wipes the whole store (TSDB, config, lessons, dashboards): the page should reload after. */
  async reset(): Promise<void> {
    this.stopped = true;
    await this.saving;
    await this.store.clear();
  }

  private async write(now: number): Promise<void> {
    const seq = this.head.lastChunkSeq();
    const fresh: (ClosedChunk & { ref: number })[] = [];
    const refs: number[] = [];
    const labelCounts: number[] = [];
    const labels: string[] = [];
    const heads: Uint8Array[] = [];
    const histograms: Uint8Array[] = [];
    const startTimestamps: Uint8Array[] = [];
    for (const s of this.head.allSeries()) {
      for (let i = s.chunks.length - 1; i >= 0 && s.chunks[i].seq > this.savedSeq; i--) fresh.push({ ...s.chunks[i], ref: s.ref });
      refs.push(s.ref);
      labelCounts.push(s.labels.length);
      for (const l of s.labels) labels.push(l.name, l.value);
      // A copy: the open chunk grows in place, and scrapes go on while the save awaits its writes.
      heads.push(s.headBytes()?.slice() ?? EMPTY);
      const cols = this.head.columns(s.ref);
      histograms.push(encodeHistograms(cols.histograms));
      startTimestamps.push(encodeStartTimestamps(cols.startTimestamps));
    }
    const st = this.head.stats();
    let segments = this.segments.filter((s) => s.maxT >= st.minTime);
    const expired = this.segments.filter((s) => s.maxT < st.minTime);
    try {
      if (fresh.length) {
        const key = SEGMENT_PREFIX + String(this.segmentNo).padStart(8, '0');
        const maxT = fresh.reduce((m, c) => Math.max(m, c.maxT), -Infinity);
        const segment: Segment = {
          version: SNAPSHOT_VERSION,
          maxT,
          refs: Float64Array.from(fresh, (c) => c.ref),
          minTs: Float64Array.from(fresh, (c) => c.minT),
          maxTs: Float64Array.from(fresh, (c) => c.maxT),
          samples: Uint32Array.from(fresh, (c) => c.samples),
          crcs: Uint32Array.from(fresh, (c) => crc32c(c.bytes)),
          chunks: packBytes(fresh.map((c) => c.bytes)),
        };
        await this.store.put(key, segment);
        this.segmentNo++;
        segments = [...segments, { key, maxT }];
      }
      const meta: Meta = {
        version: SNAPSHOT_VERSION,
        savedAt: now,
        maxTime: st.maxTime,
        retentionMs: this.head.retentionMs,
        segments,
        refs: Float64Array.from(refs),
        labelCounts: Uint16Array.from(labelCounts),
        labels,
        heads: packBytes(heads),
        headCrcs: Uint32Array.from(heads, (h) => (h.length ? crc32c(h) : 0)),
        histograms: packBytes(histograms),
        histogramCrcs: Uint32Array.from(histograms, (h) => (h.length ? crc32c(h) : 0)),
        startTimestamps: packBytes(startTimestamps),
        startTimestampCrcs: Uint32Array.from(startTimestamps, (b) => (b.length ? crc32c(b) : 0)),
      };
      await this.store.put(META_KEY, meta);
      this.segments = segments;
      this.savedSeq = seq;
      for (const s of expired) await this.store.delete(s.key);
      this.lastSave = now;
      this.lastError = null;
    } catch (err) {
      this.fail(err);
    }
  }

  /** Skips saves until resume(), e.g. while another tab owns the store; the reason shows in status(). */
  suspend(reason: string): void {
    this.suspended = reason;
    this.lastError = reason;
  }

  resume(): void {
    if (this.suspended !== null && this.lastError === this.suspended) this.lastError = null;
    this.suspended = null;
    for (const fn of this.listeners) fn();
  }

  /** Records a store failure; the head keeps running in memory. */
  fail(err: unknown): void {
    this.lastError = err instanceof Error ? err.message : String(err);
  }
}
