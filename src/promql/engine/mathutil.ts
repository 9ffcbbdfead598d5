// Numeric helpers shared by functions and aggregations, matching Prometheus' float behaviour.

/** Kahan–Neumaier compensated addition (kahanSumInc in functions.go): returns [sum, compensation]. */
export function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
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
  let sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
  const initY = v[lo];
  let constY = true;
  for (let i = lo; i < hi; i++) {
    if (constY && i > lo && v[i] !== initY) constY = false;
    n++;
    const x = (t[i] - interceptTime) / 1000;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(v[i], sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * v[i], sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  }
  if (constY) return Number.isFinite(initY) ? [0, initY] : [NaN, NaN];
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64) for the values count_values writes into labels. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = String(f);
  if (!/e/.test(s)) return s;
  // Expand exponent notation into plain digits, as the 'f' format does.
  const [mant, expStr] = s.split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const point = mant.replace('-', '').indexOf('.') === -1 ? mant.replace('-', '').length : mant.replace('-', '').indexOf('.');
  const pos = point + exp;
  let out: string;
  if (pos <= 0) out = '0.' + '0'.repeat(-pos) + digits;
  else if (pos >= digits.length) out = digits + '0'.repeat(pos - digits.length);
  else out = digits.slice(0, pos) + '.' + digits.slice(pos);
  return (neg ? '-' : '') + out;
}

/**
 * Running mean as Prometheus computes avg and avg_over_time: a compensated sum divided by the count, switching
 * to an incremental mean once the sum would overflow.
 */
export class MeanAccumulator {
  private sum = 0;
  private c = 0;
  private mean = 0;
  private count = 0;
  private incremental = false;

  add(f: number): void {
    this.count++;
    const count = this.count;
    if (!this.incremental) {
      const [s, nc] = kahanSumInc(f, this.sum, this.c);
      if (count === 1 || Number.isFinite(s) || Number.isNaN(s)) {
        this.sum = s;
        this.c = nc;
        return;
      }
      this.incremental = true;
      this.mean = this.sum / (count - 1);
      this.c /= count - 1;
    }
    if (!Number.isFinite(this.mean) && !Number.isNaN(this.mean)) {
      // An infinite mean stays as it is unless an opposite infinity or NaN arrives.
      if (!Number.isFinite(f) && !Number.isNaN(f) && this.mean > 0 === f > 0) return;
      if (Number.isFinite(f)) return;
    }
    const corrected = this.mean + this.c;
    [this.mean, this.c] = kahanSumInc(f / count - corrected / count, this.mean, this.c);
  }

  value(): number {
    return this.incremental ? this.mean + this.c : this.sum / this.count + this.c / this.count;
  }
}
