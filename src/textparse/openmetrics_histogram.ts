// The consistency of a classic (gauge) histogram in OpenMetrics, checked sample by sample as the parser accepts
// them: per group and timestamp a +Inf bucket, ascending buckets and counts, _count equal to +Inf, _sum with
// _count. The spec also forbids _sum when buckets are negative; Prometheus accepts that (its own test data has
// it), so do we. The first failure is kept, not thrown: the parser reports it once the whole file is read, after
// the errors it finds on later lines, as a check of the whole family.

export class HistogramCheck {
  private group: object | null = null;
  private ts: number | null = null;
  private bucket: number | null = null;
  private value = 0;
  private count: number | null = null;
  private sum = false;
  private gsum = false;
  private negBuckets = false;
  private negGsum = false;
  private failure: string | null = null;

  constructor(private readonly name: string) {}

  /**
   * One accepted sample: `group` identifies its labels but `le`, `suffix` is the part of its name after the family
   * name, `le` the bucket's bound (parsed once per series).
   */
  add(group: object, ts: number | null, suffix: string, le: number, value: number): void {
    if (this.failure !== null || suffix === '' || suffix === '_created') return;
    if (group !== this.group || ts !== this.ts) {
      if (this.group !== null && this.done()) return;
      this.bucket = this.count = null;
      this.value = 0;
      this.sum = this.gsum = this.negBuckets = this.negGsum = false;
      this.group = group;
      this.ts = ts;
    }
    if (suffix === '_bucket') {
      if (le < 0) this.negBuckets = true;
      if (this.bucket !== null && le <= this.bucket) return this.fail(`histogram "${this.name}": buckets out of order`);
      if (value < this.value) return this.fail(`histogram "${this.name}": bucket counts go down`);
      this.bucket = le;
      this.value = value;
    } else if (suffix === '_count' || suffix === '_gcount') this.count = value;
    else if (suffix === '_sum') this.sum = true;
    else if (suffix === '_gsum') {
      this.gsum = true;
      if (value < 0) this.negGsum = true;
    }
  }

  /** The first inconsistency of the family, or null. */
  finish(): string | null {
    if (this.failure === null && this.group !== null) this.done();
    return this.failure;
  }

  private fail(reason: string): void {
    this.failure = reason;
  }

  // Closes the current point; true when it fails.
  private done(): boolean {
    const n = this.name;
    if (this.bucket !== Infinity) this.fail(`histogram "${n}" has no +Inf bucket`);
    else if (this.count !== null && this.value !== this.count) this.fail(`histogram "${n}": _count does not match the +Inf bucket`);
    else if (this.sum && this.count === null) this.fail(`histogram "${n}": _sum without _count`);
    else if (this.gsum && this.count === null) this.fail(`gauge histogram "${n}": _gsum without _gcount`);
    else if (!this.sum && !this.gsum && this.count !== null) this.fail(`histogram "${n}": _count without _sum`);
    else if (!this.negBuckets && this.negGsum) this.fail(`gauge histogram "${n}" has a negative _gsum but no negative buckets`);
    return this.failure !== null;
  }
}
