// A series' histogram and start-timestamp columns as bytes, so a snapshot stores and checksums them like chunks:
// one part per series in a PackedBytes, with a CRC32C beside it. Every number is a float64 (exact for times,
// counts, bucket offsets and NaN sums alike), in the machine's byte order — a snapshot never leaves the browser
// that wrote it. An empty part is a series without the column; a column, once present, keeps at least its count.
//
//   histograms:       n, then per sample t, schema, zeroThreshold, zeroCount, count, sum, pOffset, nOffset, hint,
//                     #pBuckets, #nBuckets, #customValues, the positive buckets, the negative ones, custom values
//   start timestamps: n, then n sample times, then their n start timestamps

import { FloatHistogram, type CounterResetHint } from '../../model/histogram/float_histogram.ts';

const HINTS: readonly CounterResetHint[] = ['unknown', 'reset', 'not_reset', 'gauge'];
const FIXED = 12;

export interface HistogramColumnData {
  readonly t: readonly number[];
  readonly h: readonly FloatHistogram[];
}

export interface StartTimestampColumnData {
  readonly t: readonly number[];
  readonly st: readonly number[];
}

const EMPTY = new Uint8Array(0);

function bytesOf(values: number[]): Uint8Array {
  return new Uint8Array(Float64Array.from(values).buffer);
}

function floatsOf(bytes: Uint8Array, what: string): Float64Array {
  if (bytes.length % 8 !== 0) throw new Error(`${what} is cut off`);
  const own = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  return new Float64Array(own.buffer, own.byteOffset, own.length / 8);
}

function count(x: number, what: string): number {
  if (!Number.isInteger(x) || x < 0) throw new Error(`${what} has a malformed length`);
  return x;
}

function ascending(t: readonly number[], what: string): void {
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i]) || (i > 0 && !(t[i] > t[i - 1]))) throw new Error(`${what} is not ascending in time`);
  }
}

export function encodeHistograms(col: HistogramColumnData | undefined): Uint8Array {
  if (!col) return EMPTY;
  const out: number[] = [col.t.length];
  col.t.forEach((t, i) => {
    const h = col.h[i];
    out.push(t, h.schema, h.zeroThreshold, h.zeroCount, h.count, h.sum, h.pOffset, h.nOffset, HINTS.indexOf(h.hint));
    out.push(h.pBuckets.length, h.nBuckets.length, h.customValues.length, ...h.pBuckets, ...h.nBuckets, ...h.customValues);
  });
  return bytesOf(out);
}

/** The column, or undefined for an empty part; throws on any malformed layout. */
export function decodeHistograms(bytes: Uint8Array, what: string): HistogramColumnData | undefined {
  if (bytes.length === 0) return undefined;
  const f = floatsOf(bytes, what);
  const n = count(f[0], what);
  const t: number[] = [];
  const h: FloatHistogram[] = [];
  let at = 1;
  for (let i = 0; i < n; i++) {
    if (at + FIXED > f.length) throw new Error(`${what} is cut off`);
    const hint = HINTS[f[at + 8]];
    if (hint === undefined) throw new Error(`${what} has an unknown counter reset hint`);
    const [np, nn, nc] = [count(f[at + 9], what), count(f[at + 10], what), count(f[at + 11], what)];
    const end = at + FIXED + np + nn + nc;
    if (end > f.length) throw new Error(`${what} is cut off`);
    const b = at + FIXED;
    t.push(f[at]);
    h.push(
      new FloatHistogram(f[at + 1], f[at + 2], f[at + 3], f[at + 4], f[at + 5], f[at + 6], Array.from(f.subarray(b, b + np)), f[at + 7],
        Array.from(f.subarray(b + np, b + np + nn)), Array.from(f.subarray(b + np + nn, end)), hint),
    );
    at = end;
  }
  if (at !== f.length) throw new Error(`${what} has trailing data`);
  ascending(t, what);
  return { t, h };
}

export function encodeStartTimestamps(col: StartTimestampColumnData | undefined): Uint8Array {
  return col ? bytesOf([col.t.length, ...col.t, ...col.st]) : EMPTY;
}

export function decodeStartTimestamps(bytes: Uint8Array, what: string): StartTimestampColumnData | undefined {
  if (bytes.length === 0) return undefined;
  const f = floatsOf(bytes, what);
  const n = count(f[0], what);
  if (f.length !== 1 + 2 * n) throw new Error(`${what} has ${f.length - 1} values, not ${2 * n}`);
  const t = Array.from(f.subarray(1, 1 + n));
  ascending(t, what);
  return { t, st: Array.from(f.subarray(1 + n)) };
}
