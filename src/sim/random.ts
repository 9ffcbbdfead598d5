// The world's one source of randomness: a seeded mulberry32 generator, so the same seed replays the same
// 500s, latencies, memory drift and container ids.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1), like Go's rand.Float64. */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n), like Go's rand.Intn. */
  intn(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`intn: n must be a positive integer, got ${n}`);
    return Math.floor(this.float() * n);
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  /** `n` lower-case hex digits, as in a short Docker container id. */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.intn(16).toString(16);
    return s;
  }
}
