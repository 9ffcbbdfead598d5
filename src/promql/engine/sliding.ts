// max_over_time and min_over_time as a sliding-window extreme: a monotonic deque of sample indices that follows
// one series' windows step by step, so each sample enters and leaves once instead of every window being rescanned
// (a 1 h window at a 15 s step would otherwise read each sample 240 times).

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

  constructor(private readonly max: boolean) {}

  /** The extreme of v[lo, hi); lo and hi may only grow while v stays the same array, else it starts over. */
  at(v: Float64Array, lo: number, hi: number): number {
    if (v !== this.v || lo < this.lo || hi < this.next) {
      this.v = v;
      if (this.idx.length < v.length) this.idx = new Int32Array(v.length);
      this.head = this.tail = 0;
      this.next = lo;
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
}
