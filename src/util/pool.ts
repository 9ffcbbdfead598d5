// Typed arrays kept between uses (Prometheus' util/pool): a query's select columns and step columns are
// tens of MB of fresh ArrayBuffers, and V8 answers that much new external memory with a full GC during the
// query, plus the page faults of touching new pages. A lease hands buffers out for one query's lifetime and
// gives them all back when it closes, so the next query writes over the same memory.

type Typed = Float64Array | Uint8Array;

export class BufferPool<T extends Typed> {
  private readonly free: T[] = [];

  /** `make(n)` allocates a buffer of n elements; at most `keep` free buffers are kept, the largest. */
  constructor(
    private readonly make: (n: number) => T,
    private readonly keep = 4,
  ) {}

  /** A buffer of at least n elements, holding whatever its last user left there. */
  get(n: number): T {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      if (this.free[i].length >= n && (best < 0 || this.free[i].length < this.free[best].length)) best = i;
    }
    if (best < 0) return this.make(n);
    const b = this.free[best];
    this.free[best] = this.free[this.free.length - 1];
    this.free.pop();
    return b;
  }

  put(b: T): void {
    this.free.push(b);
    if (this.free.length <= this.keep) return;
    let smallest = 0;
    for (let i = 1; i < this.free.length; i++) if (this.free[i].length < this.free[smallest].length) smallest = i;
    this.free[smallest] = this.free[this.free.length - 1];
    this.free.pop();
  }

  /** Buffers for one user's lifetime: every one it got goes back to the pool on close. */
  lease(): BufferLease<T> {
    return new BufferLease(this);
  }
}

export class BufferLease<T extends Typed> {
  private taken: T[] = [];

  constructor(private readonly pool: BufferPool<T>) {}

  get(n: number): T {
    const b = this.pool.get(n);
    this.taken.push(b);
    return b;
  }

  /** Gives every buffer back; what was read from them must not be used after this. */
  close(): void {
    for (const b of this.taken) this.pool.put(b);
    this.taken = [];
  }
}
