// Numeric helpers shared by functions and aggregations, matching Prometheus' float behaviour.

/** Kahan–Neumaier compensated sum (kahanSumInc in functions.go), updated in place so hot loops allocate nothing. */
export class KahanSum {
  sum = 0;
  c = 0;

  add(inc: number): void {
    const t = this.sum + inc;
    if (!Number.isFinite(t) && !Number.isNaN(t)) {
      this.sum = t;
      this.c = 0;
      return;
    }
    if (Math.abs(this.sum) >= Math.abs(inc)) this.c += this.sum - t + inc;
    else this.c += inc - t + this.sum;
    this.sum = t;
  }

  value(): number {
    return this.sum + this.c;
  }
}

/** Welford's running variance with compensated sums, as stdvar/stddev(_over_time) compute it. */
export class VarianceAccumulator {
  private count = 0;
  private readonly mean = new KahanSum();
  private readonly aux = new KahanSum();

  add(f: number): void {
    this.count++;
    const delta = f - this.mean.value();
    this.mean.add(delta / this.count);
    this.aux.add(delta * (f - this.mean.value()));
  }

  value(): number {
    return this.aux.value() / this.count;
  }
}

/** Sorts ascending with NaN first, like vectorByValueHeap's Less. */
export function sortValuesNaNFirst(values: number[]): number[] {
  return values.sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b));
}

/** The φ-quantile of values with linear interpolation between ranks (quantile in quantile.go). */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  sortValuesNaNFirst(values);
  const n = values.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower] * (1 - weight) + values[upper] * weight;
}

/** Least-squares slope and intercept of (t, v) points, x in seconds relative to interceptTime (linearRegression). */
export function linearRegression(t: Float64Array, v: Float64Array, lo: number, hi: number, interceptTime: number): [number, number] {
  let n = 0;
  const sumX = new KahanSum();
  const sumY = new KahanSum();
  const sumXY = new KahanSum();
  const sumX2 = new KahanSum();
  const initY = v[lo];
  let constY = true;
  for (let i = lo; i < hi; i++) {
    if (constY && i > lo && v[i] !== initY) constY = false;
    n++;
    const x = (t[i] - interceptTime) / 1000;
    sumX.add(x);
    sumY.add(v[i]);
    sumXY.add(x * v[i]);
    sumX2.add(x * x);
  }
  if (constY) return Number.isFinite(initY) ? [0, initY] : [NaN, NaN];
  const x = sumX.value();
  const y = sumY.value();
  const covXY = sumXY.value() - (x * y) / n;
  const varX = sumX2.value() - (x * x) / n;
  const slope = covXY / varX;
  return [slope, y / n - (slope * x) / n];
}

/**
 * Running mean as Prometheus computes avg and avg_over_time: a compensated sum divided by the count, switching
 * to an incremental mean once the sum would overflow.
 */
export class MeanAccumulator {
  private readonly total = new KahanSum();
  private readonly mean = new KahanSum();
  private count = 0;
  private incremental = false;

  add(f: number): void {
    this.count++;
    const count = this.count;
    if (!this.incremental) {
      const { sum, c } = this.total;
      this.total.add(f);
      const s = this.total.sum;
      if (count === 1 || Number.isFinite(s) || Number.isNaN(s)) return;
      // The sum overflowed: continue with the mean of what came before, updated incrementally.
      this.incremental = true;
      this.mean.sum = sum / (count - 1);
      this.mean.c = c / (count - 1);
    }
    const m = this.mean.sum;
    if (!Number.isFinite(m) && !Number.isNaN(m)) {
      // An infinite mean stays as it is unless an opposite infinity or NaN arrives.
      if (!Number.isFinite(f) && !Number.isNaN(f) && m > 0 === f > 0) return;
      if (Number.isFinite(f)) return;
    }
    this.mean.add(f / count - this.mean.value() / count);
  }

  value(): number {
    return this.incremental ? this.mean.value() : this.total.sum / this.count + this.total.c / this.count;
  }
}
