// The head block: in-memory series with a postings index. First cut: samples live in growable typed arrays
// per series; selecting a time range returns zero-copy views.

import { labelsKey, type Labels } from '../labels/labels.ts';
import type { Matcher } from '../labels/matcher.ts';
import { MemPostings, intersect, merge, without } from './postings.ts';

/** The samples of one series in [mint, maxt], ascending by time. `stale[i]` = 1 marks a staleness marker. */
export interface SeriesData {
  readonly labels: Labels;
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly stale: Uint8Array;
}

export interface Querier {
  select(matchers: readonly Matcher[], mint: number, maxt: number): SeriesData[];
  labelNames(): string[];
  labelValues(name: string): string[];
}

export class AppendError extends Error {
  constructor(
    message: string,
    readonly kind: 'out_of_order' | 'duplicate',
  ) {
    super(message);
  }
}

class MemSeries {
  t = new Float64Array(16);
  v = new Float64Array(16);
  stale = new Uint8Array(16);
  n = 0;

  constructor(
    readonly ref: number,
    readonly labels: Labels,
  ) {}

  /** Returns false for a repeat of the last sample, which is accepted and ignored. */
  append(t: number, v: number, stale: boolean): boolean {
    if (this.n > 0) {
      const last = this.t[this.n - 1];
      if (t < last) throw new AppendError('out of order sample', 'out_of_order');
      if (t === last) {
        const same = stale ? this.stale[this.n - 1] === 1 : Object.is(this.v[this.n - 1], v) && !this.stale[this.n - 1];
        if (same) return false;
        throw new AppendError('duplicate sample for timestamp', 'duplicate');
      }
    }
    if (this.n === this.t.length) this.grow();
    this.t[this.n] = t;
    this.v[this.n] = stale ? NaN : v;
    this.stale[this.n] = stale ? 1 : 0;
    this.n++;
    return true;
  }

  range(mint: number, maxt: number): SeriesData {
    const lo = lowerBound(this.t, this.n, mint);
    const hi = lowerBound(this.t, this.n, maxt + 1e-9);
    return {
      labels: this.labels,
      t: this.t.subarray(lo, hi),
      v: this.v.subarray(lo, hi),
      stale: this.stale.subarray(lo, hi),
    };
  }

  private grow(): void {
    const size = this.t.length * 2;
    const t = new Float64Array(size);
    const v = new Float64Array(size);
    const s = new Uint8Array(size);
    t.set(this.t);
    v.set(this.v);
    s.set(this.stale);
    this.t = t;
    this.v = v;
    this.stale = s;
  }
}

function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Head implements Querier {
  private readonly series: MemSeries[] = [];
  private readonly byKey = new Map<string, MemSeries>();
  private readonly postings = new MemPostings();
  private samples = 0;

  /** Returns the series ref for a label set, creating the series if it is new. */
  getOrCreate(ls: Labels): number {
    const key = labelsKey(ls);
    let s = this.byKey.get(key);
    if (!s) {
      s = new MemSeries(this.series.length, ls);
      this.series.push(s);
      this.byKey.set(key, s);
      this.postings.add(s.ref, ls);
    }
    return s.ref;
  }

  /** Appends a sample; throws AppendError for out-of-order or duplicate-timestamp samples. */
  append(ref: number, t: number, v: number): void {
    if (this.series[ref].append(t, v, false)) this.samples++;
  }

  /** Writes a staleness marker, ending the series at t. */
  appendStale(ref: number, t: number): void {
    const s = this.series[ref];
    if (s.n > 0 && s.stale[s.n - 1]) return;
    if (s.append(t, NaN, true)) this.samples++;
  }

  select(matchers: readonly Matcher[], mint: number, maxt: number): SeriesData[] {
    const out: SeriesData[] = [];
    for (const ref of this.postingsForMatchers(matchers)) {
      const data = this.series[ref].range(mint, maxt);
      if (data.t.length > 0) out.push(data);
    }
    return out;
  }

  labelNames(): string[] {
    return this.postings.labelNames();
  }

  labelValues(name: string): string[] {
    return this.postings.labelValues(name);
  }

  stats(): { series: number; samples: number; minTime: number; maxTime: number } {
    let minTime = Infinity;
    let maxTime = -Infinity;
    for (const s of this.series) {
      if (s.n === 0) continue;
      minTime = Math.min(minTime, s.t[0]);
      maxTime = Math.max(maxTime, s.t[s.n - 1]);
    }
    return { series: this.series.length, samples: this.samples, minTime, maxTime };
  }

  // Like tsdb.PostingsForMatchers: intersect what must match, subtract what must not; a matcher that accepts
  // the empty string also matches series without the label.
  private postingsForMatchers(matchers: readonly Matcher[]): readonly number[] {
    let result: readonly number[] | null = null;
    const subtract: (readonly number[])[] = [];
    for (const m of matchers) {
      if (m.matchesEmpty()) {
        // Series that carry the label with a value the matcher rejects are removed.
        const rejected: number[][] = [];
        for (const [value, list] of this.postings.values(m.name)) if (!m.matches(value)) rejected.push(list);
        if (rejected.length) subtract.push(merge(rejected));
        continue;
      }
      let p: readonly number[];
      if (m.type === '=') p = this.postings.get(m.name, m.value);
      else {
        const lists: number[][] = [];
        for (const [value, list] of this.postings.values(m.name)) if (m.matches(value)) lists.push(list);
        p = lists.length ? merge(lists) : [];
      }
      result = result === null ? p : intersect(result, p);
    }
    let refs = result ?? this.postings.allPostings();
    for (const s of subtract) refs = without(refs, s);
    return refs;
  }
}
