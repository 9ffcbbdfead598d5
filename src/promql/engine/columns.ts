// Step series columns without per-point growth. A writer collects series into shared blocks, one allocation for
// many series; a series with a point at every step shares the evaluation's grid of step times. Growing a JS array
// point by point per series made range queries spend about a third of their time collecting garbage. Results
// become plain arrays once, at the end.

import type { FloatHistogram } from '../../model/histogram/float_histogram.ts';
import type { Labels } from '../../model/labels/labels.ts';
import type { BufferLease } from '../../util/pool.ts';

/** A series' step times or values: typed while the engine works, plain arrays in results. */
export type Column = number[] | Float64Array;

// Doubles per shared block at most (16 MB), unless one series needs more.
const MAX_BLOCK = 1 << 21;

/** The step times start, start + interval, … (n of them). */
export function stepGrid(start: number, interval: number, n: number): Float64Array {
  const grid = new Float64Array(n);
  for (let k = 0; k < n; k++) grid[k] = start + k * interval;
  return grid;
}

/**
 * Collects series one at a time: add() points in ascending time (at most one per step), then finish(). Values go
 * straight into the shared block, where room for a point at every step is kept while a series is collected.
 */
export class ColumnWriter {
  private readonly tRow: Float64Array;
  private hRow: (FloatHistogram | undefined)[] | null = null;
  private m = 0;
  private block: Float64Array = new Float64Array(0);
  private used = 0;
  // The last series' own step times, when it did not have a point at every step.
  private lastT: Float64Array | null = null;

  /** `series`: how many series the caller expects, so that the first block can hold them all. */
  constructor(
    private readonly grid: Float64Array,
    private readonly blocks: BufferLease<Float64Array>,
    private series = 1,
  ) {
    this.tRow = new Float64Array(grid.length);
  }

  add(t: number, v: number): void {
    if (this.m === 0) this.room(this.grid.length);
    this.hRow?.push(undefined);
    this.tRow[this.m] = t;
    this.block[this.used + this.m++] = v;
  }

  /** A point that may be a native histogram (then v is NaN). */
  addPoint(t: number, v: number, h: FloatHistogram | undefined): void {
    if (this.m === 0) this.room(this.grid.length);
    if (h && !this.hRow) this.hRow = new Array<FloatHistogram | undefined>(this.m).fill(undefined);
    this.hRow?.push(h);
    this.tRow[this.m] = t;
    this.block[this.used + this.m++] = v;
  }

  /** The series collected since the last finish, or null when it has no point. */
  finish(metric: Labels): { metric: Labels; t: Float64Array; v: Float64Array; h?: (FloatHistogram | undefined)[] } | null {
    const m = this.m;
    const h = this.hRow;
    this.m = 0;
    this.hRow = null;
    if (m === 0) return null;
    const v = this.take(m);
    let t = this.grid;
    if (m < this.grid.length) {
      // Series that miss the same steps (often just the first, where a rate has one sample) share one column.
      if (!sameTimes(this.lastT, this.tRow, m)) {
        this.room(m);
        this.lastT = this.take(m);
        this.lastT.set(this.tRow.subarray(0, m));
      }
      t = this.lastT!;
    }
    return h ? { metric, t, v, h } : { metric, t, v };
  }

  // Makes room for m doubles at `used`. The first block is sized for the series expected, later ones for a share.
  private room(m: number): void {
    if (this.used + m <= this.block.length) return;
    this.block = this.blocks.get(Math.max(m, Math.min(MAX_BLOCK, this.grid.length * this.series)));
    this.series = Math.ceil(this.series / 4);
    this.used = 0;
  }

  private take(m: number): Float64Array {
    const out = this.block.subarray(this.used, this.used + m);
    this.used += m;
    return out;
  }
}

function sameTimes(a: Float64Array | null, row: Float64Array, m: number): boolean {
  if (a === null || a.length !== m) return false;
  for (let i = 0; i < m; i++) if (a[i] !== row[i]) return false;
  return true;
}

/** A column as a plain array, for results. */
export function toArray(c: Column): number[] {
  if (Array.isArray(c)) return c;
  const a = new Array<number>(c.length);
  for (let i = 0; i < c.length; i++) a[i] = c[i];
  return a;
}
