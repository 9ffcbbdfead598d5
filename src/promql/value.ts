// Query result values, shaped like Prometheus' promql/value.go. Times are Unix milliseconds.

import type { Labels } from '../model/labels/labels.ts';
import type { FloatHistogram } from '../model/histogram/float_histogram.ts';

export interface Sample {
  readonly metric: Labels;
  readonly t: number;
  readonly v: number;
  /** Set when the sample is a native histogram (then v is NaN and means nothing). */
  readonly h?: FloatHistogram;
}

export interface Series {
  readonly metric: Labels;
  readonly t: number[];
  readonly v: number[];
  /** Native histogram points, where the series has any: h[i] set means point i is a histogram. */
  readonly h?: (FloatHistogram | undefined)[];
}

export type Value =
  | { readonly type: 'scalar'; readonly t: number; readonly v: number }
  | { readonly type: 'string'; readonly t: number; readonly v: string }
  | { readonly type: 'vector'; readonly samples: Sample[] }
  | { readonly type: 'matrix'; readonly series: Series[] };

/** A query's value with the annotations Prometheus' API reports next to it (`warnings`, `infos`). */
export interface QueryResult {
  readonly value: Value;
  readonly warnings: string[];
  readonly infos: string[];
}

/** A position in the query text: [start, end) character offsets. */
export interface PositionRange {
  readonly start: number;
  readonly end: number;
}

/** Parse and evaluation errors. Parse errors carry the offending range of the query text. */
export class PromQLError extends Error {
  constructor(
    message: string,
    readonly position?: PositionRange,
  ) {
    super(message);
    this.name = 'PromQLError';
  }
}
