// Native histograms with float counts, after Prometheus' model/histogram/float_histogram.go. Buckets are kept
// dense (an offset, the index of the first bucket, and one count per index from there) rather than as spans:
// the histograms a playground holds are small, and dense arrays make add, compare and reset detection loops
// over plain indexes. Spans are only a storage/wire concern here (see toSpans for the JSON shape).

export const CUSTOM_BUCKETS_SCHEMA = -53;

export type CounterResetHint = 'unknown' | 'reset' | 'not_reset' | 'gauge';

export class FloatHistogram {
  constructor(
    public schema = 0,
    public zeroThreshold = 0,
    public zeroCount = 0,
    public count = 0,
    public sum = 0,
    public pOffset = 0,
    public pBuckets: number[] = [],
    public nOffset = 0,
    public nBuckets: number[] = [],
    public customValues: number[] = [],
    public hint: CounterResetHint = 'unknown',
  ) {}

  usesCustomBuckets(): boolean {
    return this.schema === CUSTOM_BUCKETS_SCHEMA;
  }

  copy(): FloatHistogram {
    return new FloatHistogram(
      this.schema,
      this.zeroThreshold,
      this.zeroCount,
      this.count,
      this.sum,
      this.pOffset,
      this.pBuckets.slice(),
      this.nOffset,
      this.nBuckets.slice(),
      this.customValues,
      this.hint,
    );
  }

  /** Multiplies every count and the sum by f. */
  mul(f: number): FloatHistogram {
    const h = this.copy();
    h.zeroCount *= f;
    h.count *= f;
    h.sum *= f;
    for (let i = 0; i < h.pBuckets.length; i++) h.pBuckets[i] *= f;
    for (let i = 0; i < h.nBuckets.length; i++) h.nBuckets[i] *= f;
    return h;
  }

  div(f: number): FloatHistogram {
    const h = this.copy();
    h.zeroCount /= f;
    h.count /= f;
    h.sum /= f;
    if (f === 0) {
      // Like Prometheus: dividing by zero drops every bucket rather than filling them with Inf/NaN.
      h.pOffset = 0;
      h.pBuckets = [];
      h.nOffset = 0;
      h.nBuckets = [];
      return h;
    }
    for (let i = 0; i < h.pBuckets.length; i++) h.pBuckets[i] /= f;
    for (let i = 0; i < h.nBuckets.length; i++) h.nBuckets[i] /= f;
    return h;
  }

  /** This histogram at a lower resolution (schema ≤ this.schema), buckets merged. */
  reduceResolution(schema: number): FloatHistogram {
    if (schema >= this.schema || this.usesCustomBuckets()) return this.copy();
    const h = this.copy();
    h.schema = schema;
    [h.pOffset, h.pBuckets] = reduceSide(this.pOffset, this.pBuckets, this.schema - schema);
    [h.nOffset, h.nBuckets] = reduceSide(this.nOffset, this.nBuckets, this.schema - schema);
    return h;
  }

  /** Widens the zero bucket to threshold t, moving buckets wholly inside it into the zero count. */
  widenZeroBucket(t: number): FloatHistogram {
    if (t <= this.zeroThreshold || this.usesCustomBuckets()) return this;
    const h = this.copy();
    h.zeroThreshold = t;
    const fold = (offset: number, buckets: number[]): number => {
      let moved = 0;
      for (let i = 0; i < buckets.length; i++) {
        // A bucket whose upper bound is at most t lies within the zero bucket.
        if (bucketUpper(this.schema, offset + i) <= t) {
          h.zeroCount += buckets[i];
          buckets[i] = 0;
          moved++;
        }
      }
      return moved;
    };
    fold(h.pOffset, h.pBuckets);
    fold(h.nOffset, h.nBuckets);
    return h.trimmed();
  }

  /** Removes zero buckets at both ends. */
  trimmed(): FloatHistogram {
    const trim = (offset: number, b: number[]): [number, number[]] => {
      let lo = 0;
      let hi = b.length;
      while (lo < hi && b[lo] === 0) lo++;
      while (hi > lo && b[hi - 1] === 0) hi--;
      return lo === 0 && hi === b.length ? [offset, b] : [offset + lo, b.slice(lo, hi)];
    };
    [this.pOffset, this.pBuckets] = trim(this.pOffset, this.pBuckets);
    [this.nOffset, this.nBuckets] = trim(this.nOffset, this.nBuckets);
    return this;
  }

  /** This custom-bucket histogram on the coarser bounds `common` (a subset of its own), buckets merged. */
  toCustomBounds(common: number[]): FloatHistogram {
    const h = this.copy();
    h.customValues = common;
    const out = new Array<number>(common.length + 1).fill(0);
    let j = 0;
    for (let i = 0; i < this.pBuckets.length; i++) {
      const idx = this.pOffset + i;
      const upper = idx < this.customValues.length ? this.customValues[idx] : Infinity;
      while (j < common.length && common[j] < upper) j++;
      out[j] += this.pBuckets[i];
    }
    h.pOffset = 0;
    h.pBuckets = out;
    return h.trimmed();
  }

  /**
   * this + sign·other, at the lower of the two schemas. Custom buckets with different bounds are reconciled
   * to the bounds both have (onReconcile is told); exponential with custom buckets throws.
   */
  add(other: FloatHistogram, sign = 1, onReconcile?: () => void): FloatHistogram {
    if (this.usesCustomBuckets() !== other.usesCustomBuckets()) throw new HistogramMixError('mixed');
    if (this.usesCustomBuckets() && !sameBounds(this.customValues, other.customValues)) {
      const common = intersectBounds(this.customValues, other.customValues);
      onReconcile?.();
      return this.toCustomBounds(common).add(other.toCustomBounds(common), sign);
    }
    const schema = Math.min(this.schema, other.schema);
    let a = this.reduceResolution(schema);
    let b = other.reduceResolution(schema);
    const zt = Math.max(a.zeroThreshold, b.zeroThreshold);
    a = a.widenZeroBucket(zt);
    b = b.widenZeroBucket(zt);
    const h = a.schema === this.schema && a === this ? a.copy() : a;
    h.hint = combineHints(this.hint, other.hint);
    h.zeroThreshold = zt;
    h.zeroCount += sign * b.zeroCount;
    h.count += sign * b.count;
    h.sum += sign * b.sum;
    [h.pOffset, h.pBuckets] = addSide(h.pOffset, h.pBuckets, b.pOffset, b.pBuckets, sign);
    [h.nOffset, h.nBuckets] = addSide(h.nOffset, h.nBuckets, b.nOffset, b.nBuckets, sign);
    return h;
  }

  sub(other: FloatHistogram, onReconcile?: () => void): FloatHistogram {
    return this.add(other, -1, onReconcile);
  }

  /** Whether this histogram, following prev, shows a counter reset (FloatHistogram.DetectReset). */
  detectReset(prev: FloatHistogram): boolean {
    if (this.hint === 'reset') return true;
    if (this.hint === 'not_reset') return false;
    if (this.count < prev.count) return true;
    if (this.usesCustomBuckets() !== prev.usesCustomBuckets()) return true;
    if (this.usesCustomBuckets() && !sameBounds(this.customValues, prev.customValues)) {
      const common = intersectBounds(this.customValues, prev.customValues);
      return this.toCustomBounds(common).detectReset(prev.toCustomBounds(common));
    }
    if (this.schema > prev.schema) return true;
    if (this.zeroThreshold < prev.zeroThreshold) return true;
    let p = prev.reduceResolution(this.schema);
    p = p.widenZeroBucket(this.zeroThreshold);
    if (p.zeroCount > this.zeroCount) return true;
    const cur = this.widenZeroBucket(p.zeroThreshold);
    const decreased = (po: number, pb: number[], co: number, cb: number[]): boolean => {
      for (let i = 0; i < pb.length; i++) {
        const j = po + i - co;
        const c = j >= 0 && j < cb.length ? cb[j] : 0;
        if (pb[i] > c) return true;
      }
      return false;
    };
    return decreased(p.pOffset, p.pBuckets, cur.pOffset, cur.pBuckets) || decreased(p.nOffset, p.nBuckets, cur.nOffset, cur.nBuckets);
  }

  /** Every bucket from the most negative to +Inf, the zero bucket in between; empty buckets included. */
  buckets(): Bucket[] {
    const out: Bucket[] = [];
    if (this.usesCustomBuckets()) {
      for (let i = 0; i < this.pBuckets.length; i++) {
        const idx = this.pOffset + i;
        out.push({
          lower: idx === 0 ? -Infinity : this.customValues[idx - 1],
          upper: idx < this.customValues.length ? this.customValues[idx] : Infinity,
          count: this.pBuckets[i],
          lowerInclusive: false,
          upperInclusive: true,
        });
      }
      return out;
    }
    for (let i = this.nBuckets.length - 1; i >= 0; i--) {
      const idx = this.nOffset + i;
      out.push({ lower: -bucketUpper(this.schema, idx), upper: -bucketUpper(this.schema, idx - 1), count: this.nBuckets[i], lowerInclusive: true, upperInclusive: false });
    }
    if (this.zeroThreshold > 0 || this.zeroCount !== 0 || true) {
      out.push({ lower: -this.zeroThreshold, upper: this.zeroThreshold, count: this.zeroCount, lowerInclusive: true, upperInclusive: true, zero: true });
    }
    for (let i = 0; i < this.pBuckets.length; i++) {
      const idx = this.pOffset + i;
      out.push({ lower: bucketUpper(this.schema, idx - 1), upper: bucketUpper(this.schema, idx), count: this.pBuckets[i], lowerInclusive: false, upperInclusive: true });
    }
    return out;
  }

  /** The positive and negative bucket layout as Prometheus' spans, for the JSON API. */
  toSpans(side: 'p' | 'n'): { offset: number; length: number }[] {
    const b = side === 'p' ? this.pBuckets : this.nBuckets;
    return b.length ? [{ offset: side === 'p' ? this.pOffset : this.nOffset, length: b.length }] : [];
  }
}

export interface Bucket {
  lower: number;
  upper: number;
  count: number;
  lowerInclusive: boolean;
  upperInclusive: boolean;
  zero?: boolean;
}

/**
 * The counter reset hint of a sum or difference (Prometheus' adjustCounterReset): a gauge wins, then unknown;
 * a reset meeting a not-reset collides and gives unknown.
 */
function combineHints(a: CounterResetHint, b: CounterResetHint): CounterResetHint {
  if (a === b) return a;
  if (a === 'gauge' || b === 'gauge') return 'gauge';
  return 'unknown';
}

export class HistogramMixError extends Error {
  constructor(readonly kind: 'mixed' | 'custom') {
    super(kind === 'mixed' ? 'cannot mix exponential and custom buckets' : 'histograms have different custom bucket bounds');
  }
}

/** The bounds two custom-bucket layouts share. */
export function intersectBounds(a: readonly number[], b: readonly number[]): number[] {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

export function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The upper bound of exponential bucket idx at schema s: 2^(idx·2^-s). */
export function bucketUpper(schema: number, idx: number): number {
  return schema >= 0 ? 2 ** (idx / (1 << schema)) : 2 ** (idx * 2 ** -schema);
}

function reduceSide(offset: number, b: number[], delta: number): [number, number[]] {
  if (b.length === 0) return [0, []];
  const target = (idx: number): number => ((idx - 1) >> delta) + 1;
  const lo = target(offset);
  const hi = target(offset + b.length - 1);
  const out = new Array<number>(hi - lo + 1).fill(0);
  for (let i = 0; i < b.length; i++) out[target(offset + i) - lo] += b[i];
  return [lo, out];
}

function addSide(ao: number, ab: number[], bo: number, bb: number[], sign: number): [number, number[]] {
  if (bb.length === 0) return [ao, ab.slice()];
  if (ab.length === 0) return [bo, bb.map((c) => sign * c)];
  const lo = Math.min(ao, bo);
  const hi = Math.max(ao + ab.length, bo + bb.length);
  const out = new Array<number>(hi - lo).fill(0);
  for (let i = 0; i < ab.length; i++) out[ao + i - lo] += ab[i];
  for (let i = 0; i < bb.length; i++) out[bo + i - lo] += sign * bb[i];
  return [lo, out];
}
