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
  if (schema >= 0) {
    // frexp-style exactness for whole powers of two.
    const per = 1 << schema;
    if (idx % per === 0) return 2 ** (idx / per);
    return 2 ** (idx / per);
  }
  return 2 ** (idx * 2 ** -schema);
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

/** The observations of h in no bucket: NaN observations, which leave the sum NaN. */
export function nanObservations(h: FloatHistogram): number {
  if (!Number.isNaN(h.sum)) return 0;
  let total = h.zeroCount;
  for (const c of h.pBuckets) total += c;
  for (const c of h.nBuckets) total += c;
  return h.count > total ? h.count - total : 0;
}

/** Prometheus' histogramQuantile for native histograms (promql/quantile.go). */
export function histogramQuantile(q: number, h: FloatHistogram): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (h.count === 0 || Number.isNaN(q)) return NaN;
  const all = h.buckets();
  const nans = nanObservations(h);
  // NaN observations sort above everything: a rank among them has no value.
  if (nans > 0 && q * h.count > h.count - nans) return NaN;
  const forward = h.usesCustomBuckets() || q < 0.5 || nans > 0;
  let rank = forward ? q * h.count : (1 - q) * h.count;
  let count = 0;
  let bucket: Bucket | null = null;
  const order = forward ? all : all.slice().reverse();
  for (const b of order) {
    bucket = b;
    if (b.count === 0) continue;
    count += b.count;
    if (count >= rank) break;
  }
  if (!bucket) return NaN;
  let { lower, upper } = bucket;
  if (!h.usesCustomBuckets() && lower < 0 && upper > 0) {
    const hasNeg = h.nBuckets.some((c) => c !== 0);
    const hasPos = h.pBuckets.some((c) => c !== 0);
    if (!hasNeg && hasPos) lower = 0;
    else if (!hasPos && hasNeg) upper = 0;
  }
  if (h.usesCustomBuckets()) {
    if (lower === -Infinity) {
      if (upper <= 0) return upper;
      lower = 0;
    }
    if (upper === Infinity) return lower;
  }
  if (count > h.count) count = h.count;
  if (forward) rank -= count - bucket.count;
  else rank = count - rank;
  const fraction = rank / bucket.count;
  if (h.usesCustomBuckets() || (lower <= 0 && upper >= 0)) return lower + (upper - lower) * fraction;
  const logLower = Math.log2(Math.abs(lower));
  const logUpper = Math.log2(Math.abs(upper));
  if (lower > 0) return 2 ** (logLower + (logUpper - logLower) * fraction);
  return -(2 ** (logUpper + (logLower - logUpper) * (1 - fraction)));
}

/** Prometheus' histogramFraction: the estimated share of observations in [lower, upper]. */
export function histogramFraction(lower: number, upper: number, h: FloatHistogram): number {
  if (h.count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  const custom = h.usesCustomBuckets();
  const hasNeg = h.nBuckets.some((c) => c !== 0);
  const hasPos = h.pBuckets.some((c) => c !== 0);
  // A cut-off inside an infinitely wide bucket puts all of it on the infinite side.
  const interp = (b: Bucket, v: number, isLower: boolean): number => {
    let lo = b.lower;
    let up = b.upper;
    if (custom) {
      if (lo === -Infinity) {
        if (up <= 0) return rank + b.count;
        lo = 0;
      }
      if (up === Infinity) return rank;
      void isLower;
    } else if (lo < 0 && up > 0) {
      if (!hasNeg && hasPos) lo = 0;
      else if (!hasPos && hasNeg) up = 0;
    }
    if (v <= lo) return rank;
    if (v >= up) return rank + b.count;
    let fraction: number;
    if (custom || (lo <= 0 && up >= 0)) fraction = (v - lo) / (up - lo);
    else {
      const logLower = Math.log2(Math.abs(lo));
      const logUpper = Math.log2(Math.abs(up));
      const logV = Math.log2(Math.abs(v));
      fraction = lo > 0 ? (logV - logLower) / (logUpper - logLower) : 1 - (logV - logUpper) / (logLower - logUpper);
    }
    return rank + b.count * fraction;
  };
  for (const b of h.buckets()) {
    if (!lowerSet && b.lower >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && b.lower >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && b.lower < lower && b.upper > lower) {
      lowerRank = interp(b, lower, true);
      lowerSet = true;
    }
    if (!upperSet && b.lower < upper && b.upper > upper) {
      upperRank = interp(b, upper, false);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank += b.count;
  }
  // NaN observations are in no fraction (but count in the whole).
  const total = h.count - nanObservations(h);
  if (!lowerSet || lowerRank > total) lowerRank = total;
  if (!upperSet || upperRank > total) upperRank = total;
  return (upperRank - lowerRank) / h.count;
}

/** Whether two histograms are equal to Prometheus' test tolerance, with zero buckets at the ends ignored. */
export function histogramsAlmostEqual(a: FloatHistogram, b: FloatHistogram, eq: (x: number, y: number) => boolean): boolean {
  if (a.schema !== b.schema || !eq(a.count, b.count) || !eq(a.sum, b.sum)) return false;
  if (a.usesCustomBuckets() && !sameBounds(a.customValues, b.customValues)) return false;
  if (a.zeroThreshold !== b.zeroThreshold || !eq(a.zeroCount, b.zeroCount)) return false;
  const x = a.copy().trimmed();
  const y = b.copy().trimmed();
  const side = (ao: number, ab: number[], bo: number, bb: number[]): boolean =>
    ab.length === bb.length && (ab.length === 0 || ao === bo) && ab.every((c, i) => eq(c, bb[i]));
  return side(x.pOffset, x.pBuckets, y.pOffset, y.pBuckets) && side(x.nOffset, x.nBuckets, y.nOffset, y.nBuckets);
}

/** The test notation, for failure messages: {{schema:0 count:3 sum:2 buckets:[1 2]}}. */
export function histogramString(h: FloatHistogram): string {
  const parts = [`schema:${h.schema}`, `count:${h.count}`, `sum:${h.sum}`];
  if (h.zeroThreshold) parts.push(`z_bucket_w:${h.zeroThreshold}`);
  if (h.zeroCount) parts.push(`z_bucket:${h.zeroCount}`);
  if (h.pBuckets.length) parts.push(`offset:${h.pOffset}`, `buckets:[${h.pBuckets.join(' ')}]`);
  if (h.nBuckets.length) parts.push(`n_offset:${h.nOffset}`, `n_buckets:[${h.nBuckets.join(' ')}]`);
  if (h.customValues.length) parts.push(`custom_values:[${h.customValues.join(' ')}]`);
  if (h.hint !== 'unknown') parts.push(`counter_reset_hint:${h.hint}`);
  return `{{${parts.join(' ')}}}`;
}

/**
 * The sum of histograms with Kahan-compensated addition of every field (Prometheus' KahanAdd), at the lowest
 * schema and the widest zero bucket among them; throws HistogramMixError for incompatible bucket layouts.
 */
export function kahanSum(hs: readonly FloatHistogram[], onReconcile?: () => void): FloatHistogram {
  const custom = hs[0].usesCustomBuckets();
  for (const h of hs) {
    if (h.usesCustomBuckets() !== custom) throw new HistogramMixError('mixed');
  }
  if (custom && hs.some((h) => !sameBounds(h.customValues, hs[0].customValues))) {
    let common = hs[0].customValues;
    for (const h of hs) common = intersectBounds(common, h.customValues);
    onReconcile?.();
    hs = hs.map((h) => h.toCustomBounds(common));
  }
  const schema = Math.min(...hs.map((h) => h.schema));
  const zt = Math.max(...hs.map((h) => h.zeroThreshold));
  const rs = hs.map((h) => h.reduceResolution(schema).widenZeroBucket(zt));
  const acc = (vals: number[]): number => {
    let sum = 0;
    let c = 0;
    for (const v of vals) {
      const t = sum + v;
      if (!Number.isFinite(t)) c = 0;
      else if (Math.abs(sum) >= Math.abs(v)) c += sum - t + v;
      else c += v - t + sum;
      sum = t;
    }
    return Number.isFinite(sum) ? sum + c : sum;
  };
  const side = (get: (h: FloatHistogram) => [number, number[]]): [number, number[]] => {
    const present = rs.filter((h) => get(h)[1].length > 0);
    if (present.length === 0) return [0, []];
    const lo = Math.min(...present.map((h) => get(h)[0]));
    const hi = Math.max(...present.map((h) => get(h)[0] + get(h)[1].length));
    const out: number[] = [];
    for (let idx = lo; idx < hi; idx++) {
      out.push(
        acc(
          present.map((h) => {
            const [o, b] = get(h);
            return idx >= o && idx < o + b.length ? b[idx - o] : 0;
          }),
        ),
      );
    }
    return [lo, out];
  };
  const [pOffset, pBuckets] = side((h) => [h.pOffset, h.pBuckets]);
  const [nOffset, nBuckets] = side((h) => [h.nOffset, h.nBuckets]);
  return new FloatHistogram(
    schema,
    zt,
    acc(rs.map((h) => h.zeroCount)),
    acc(rs.map((h) => h.count)),
    acc(rs.map((h) => h.sum)),
    pOffset,
    pBuckets,
    nOffset,
    nBuckets,
    custom ? hs[0].customValues : [],
    'gauge',
  ).trimmed();
}

/** The mean of histograms: their compensated sum over n, or, where that sum overflows, an incremental mean. */
export function histogramMean(hs: readonly FloatHistogram[], onReconcile?: () => void): FloatHistogram {
  const sum = kahanSum(hs, onReconcile);
  const finite = (h: FloatHistogram): boolean =>
    Number.isFinite(h.count) && Number.isFinite(h.sum) && Number.isFinite(h.zeroCount) && h.pBuckets.every(Number.isFinite) && h.nBuckets.every(Number.isFinite);
  if (finite(sum) || !hs.every(finite)) return sum.div(hs.length);
  let mean = hs[0].copy();
  for (let k = 1; k < hs.length; k++) {
    const n = k + 1;
    mean = mean.add(hs[k].div(n).sub(mean.div(n)), 1, onReconcile);
  }
  mean.hint = 'gauge';
  mean.trimmed();
  // Fields whose compensated sum stayed finite keep the more precise sum / n.
  const avg = sum.div(hs.length);
  const pick = (a: number, m: number): number => (Number.isFinite(a) ? a : m);
  mean.count = pick(avg.count, mean.count);
  mean.sum = pick(avg.sum, mean.sum);
  mean.zeroCount = pick(avg.zeroCount, mean.zeroCount);
  if (avg.pOffset === mean.pOffset && avg.pBuckets.length === mean.pBuckets.length) mean.pBuckets = avg.pBuckets.map((c, i) => pick(c, mean.pBuckets[i]));
  if (avg.nOffset === mean.nOffset && avg.nBuckets.length === mean.nBuckets.length) mean.nBuckets = avg.nBuckets.map((c, i) => pick(c, mean.nBuckets[i]));
  return mean;
}

/**
 * The trim operators: `h </ x` keeps the observations below x, `h >/ x` those above it. A bucket the cut
 * crosses keeps the share of its count on the kept side (interpolated on a log scale for exponential buckets,
 * linearly for the zero bucket and custom buckets; none of an infinitely wide one); once anything is cut, the
 * sum is re-estimated from the midpoints of the kept parts of the buckets.
 */
export function trimHistogram(h: FloatHistogram, x: number, keepBelow: boolean): FloatHistogram {
  const custom = h.usesCustomBuckets();
  const out = h.copy();
  out.zeroCount = 0;
  out.pBuckets = out.pBuckets.map(() => 0);
  out.nBuckets = out.nBuckets.map(() => 0);
  let cut = false;
  let count = 0;
  let sum = 0;
  const hasNeg = h.nBuckets.some((c) => c !== 0);
  const hasPos = h.pBuckets.some((c) => c !== 0);
  const part = (b: Bucket): { f: number; a: number; z: number } => {
    let lo = b.lower;
    let up = b.upper;
    // The zero bucket of a histogram with buckets on one side only holds observations on that side.
    if (b.zero && hasPos && !hasNeg) lo = 0;
    if (b.zero && hasNeg && !hasPos) up = 0;
    // A first custom bucket reaching above zero is taken to start at zero, as histogram_quantile does (so
    // `</` below zero drops it). Prometheus' `>/` below zero still drops it as well, the -Inf bound counting.
    if (custom && lo === -Infinity && up > 0 && up !== Infinity && (x >= 0 || keepBelow)) lo = 0;
    const all = keepBelow ? up <= x : lo >= x;
    const none = keepBelow ? lo >= x : up <= x;
    if (all) return { f: 1, a: lo, z: up };
    if (lo === -Infinity && up === Infinity) return { f: 0, a: lo, z: up };
    if (none || Number.isNaN(x)) return { f: 0, a: lo, z: up };
    // Cut inside an infinitely wide bucket: all of it lies on the infinite side, at the cut at the closest.
    if (lo === -Infinity) return keepBelow ? { f: 1, a: x, z: x } : { f: 0, a: lo, z: up };
    if (up === Infinity) return keepBelow ? { f: 0, a: lo, z: up } : { f: 1, a: x, z: x };
    const a = keepBelow ? lo : x;
    const z = keepBelow ? x : up;
    let f: number;
    if (custom || b.zero) f = (z - a) / (up - lo);
    else if (lo >= 0) f = (Math.log2(z) - Math.log2(a)) / (Math.log2(up) - Math.log2(lo));
    else f = (Math.log2(-a) - Math.log2(-z)) / (Math.log2(-lo) - Math.log2(-up));
    return { f, a, z };
  };
  const midpoint = (b: Bucket, a: number, z: number): number => {
    if (custom) {
      if (!Number.isFinite(a)) return z;
      if (!Number.isFinite(z)) return a;
      return (a + z) / 2;
    }
    if (b.zero) return (a + z) / 2;
    return a >= 0 ? Math.sqrt(a * z) : -Math.sqrt(a * z);
  };
  const addTo = (b: Bucket, n: number): void => {
    if (b.zero) out.zeroCount = n;
    else if (custom || b.lower >= 0) {
      const idx = custom ? h.customValues.indexOf(b.upper) : Math.round(Math.log2(b.upper) * 2 ** h.schema);
      const i = (custom && b.upper === Infinity ? h.customValues.length : idx) - out.pOffset;
      out.pBuckets[i] = n;
    } else {
      const idx = Math.round(Math.log2(-b.lower) * 2 ** h.schema);
      out.nBuckets[idx - out.nOffset] = n;
    }
  };
  for (const b of h.buckets()) {
    if (b.count === 0) continue;
    const { f, a, z } = part(b);
    if (f !== 1) cut = true;
    const n = b.count * f;
    addTo(b, n);
    count += n;
    if (n !== 0) sum += n * midpoint(b, a, z);
  }
  if (!cut) return h.copy();
  out.count = count;
  out.sum = sum;
  return out.trimmed();
}

/** Go's FloatHistogram.String: `{count:20, sum:10, [-2,-1):2, [-0.001,0.001]:2, (0.5,1]:1}`, empty buckets left out. */
export function goHistogramString(h: FloatHistogram, fmt: (v: number) => string): string {
  const parts = [`count:${fmt(h.count)}`, `sum:${fmt(h.sum)}`];
  for (const b of h.buckets()) {
    if (b.count === 0) continue;
    parts.push(`${b.lowerInclusive ? '[' : '('}${fmt(b.lower)},${fmt(b.upper)}${b.upperInclusive ? ']' : ')'}:${fmt(b.count)}`);
  }
  return `{${parts.join(', ')}}`;
}
