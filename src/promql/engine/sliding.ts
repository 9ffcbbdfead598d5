// max_over_time and min_over_time as a sliding-window extreme: a monotonic deque of sample indices that follows
// one series' windows step by step, so each sample enters and leaves once instead of every window being rescanned
// (a 1 h window at a 15 s step would otherwise read each sample 240 times); and the counter resets rate looks
// for, counted once per series.

/**
 * The window's maximum (or minimum) as Prometheus' scan gives it: NaN samples only count when the window has
 * nothing else, and among equal values the earliest wins (which tells 0 from -0).
 */
export class SlidingExtreme {
  private v: Float64Array | null = null;
  private idx = new Int32Array(0);
  private head = 0;
  private tail = 0;
  // The next sample index to enter the deque, and the window start it last answered for.
  private next = 0;
  private lo = 0;
  private started = false;

  constructor(private readonly max: boolean) {}

  /** The extreme of v[lo, hi) (not empty); lo and hi may only grow while v stays the same array, else it starts over. */
  at(v: Float64Array, lo: number, hi: number): number {
    if (v !== this.v) {
      // A series' first window is scanned as Prometheus does: an instant query has no other, and filling the
      // deque only pays off from the second window on.
      this.v = v;
      this.started = false;
      return this.scan(v, lo, hi);
    }
    if (!this.started || lo < this.lo || hi < this.next) {
      if (this.idx.length < v.length) this.idx = new Int32Array(v.length);
      this.head = this.tail = 0;
      this.next = lo;
      this.started = true;
    }
    this.lo = lo;
    if (this.next < lo) this.next = lo;
    const idx = this.idx;
    for (; this.next < hi; this.next++) {
      const x = v[this.next];
      if (x !== x) continue; // NaN
      // Later samples that beat the ones before them make those useless; an equal one waits behind.
      if (this.max) while (this.tail > this.head && v[idx[this.tail - 1]] < x) this.tail--;
      else while (this.tail > this.head && v[idx[this.tail - 1]] > x) this.tail--;
      idx[this.tail++] = this.next;
    }
    while (this.head < this.tail && idx[this.head] < lo) this.head++;
    return this.head < this.tail ? v[idx[this.head]] : NaN;
  }

  // A value replaces the one held when it is strictly better or the one held is NaN.
  private scan(v: Float64Array, lo: number, hi: number): number {
    let best = v[lo];
    if (this.max) {
      for (let i = lo + 1; i < hi; i++) if (v[i] > best || best !== best) best = v[i];
    } else for (let i = lo + 1; i < hi; i++) if (v[i] < best || best !== best) best = v[i];
    return best;
  }
}

/**
 * Counter resets of one series counted once for all its windows: a window holds a reset only when the prefix
 * count changes across it, so rate over a window without one skips the per-sample scan (and adds the same
 * values in the same order when it has one).
 */
export class ResetCounts {
  private v: Float64Array | null = null;
  // counts[i]: samples j in [1, i] whose value dropped below the one before.
  private counts = new Int32Array(0);

  /** Whether v[lo, hi) holds a sample below its predecessor inside the window. */
  any(v: Float64Array, lo: number, hi: number): boolean {
    if (v !== this.v) {
      this.v = v;
      if (this.counts.length < v.length) this.counts = new Int32Array(v.length);
      const c = this.counts;
      let n = 0;
      if (v.length > 0) c[0] = 0;
      for (let i = 1; i < v.length; i++) {
        if (v[i] < v[i - 1]) n++;
        c[i] = n;
      }
    }
    return hi - lo > 1 && this.counts[hi - 1] !== this.counts[lo];
  }
}
