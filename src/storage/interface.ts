// What reads and writes samples, as Prometheus' storage/interface.go names it: a Queryable opens queriers, a
// Querier selects series by matchers within hints until it is closed, an Appender writes samples as one
// transaction (nothing is visible before commit; rollback drops them). The head block is a Queryable and an
// Appendable; scrape loops, rules and the PromQL engine only see these.

import type { FloatHistogram } from '../model/histogram/float_histogram.ts';
import type { Labels } from '../model/labels/labels.ts';
import type { Matcher } from '../model/labels/matcher.ts';

/** A series' id in the storage that handed it out; only meaningful to that storage. */
export type SeriesRef = number;

/** The samples of one series in [hints.start, hints.end], ascending by time. `stale[i]` = 1 marks a staleness marker. */
export interface SeriesData {
  readonly labels: Labels;
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly stale: Uint8Array;
  /** Native histogram samples, where the series has any: h[i] set means sample i is a histogram (v[i] is NaN). */
  readonly h?: (FloatHistogram | undefined)[];
  /**
   * Start timestamps (the time a cumulative counter started counting, or a delta sample's interval start), where
   * the series has any: st[i] is sample i's, 0 where it has none.
   */
  readonly st?: Float64Array;
}

/** What a select is for (Prometheus' SelectHints): the time range in ms, both ends inclusive, and the query's shape. */
export interface SelectHints {
  readonly start: number;
  readonly end: number;
  /** The query step in ms (0 for an instant query), the function and range around the selector, when known. */
  readonly step?: number;
  readonly func?: string;
  readonly range?: number;
}

export interface Querier {
  /** The series the matchers select, with their samples within the hints' range, sorted by labels. */
  select(matchers: readonly Matcher[], hints: SelectHints): SeriesData[];
  /** Label names, of the series the matchers select when given (for autocompletion). */
  labelNames(matchers?: readonly Matcher[]): string[];
  labelValues(name: string, matchers?: readonly Matcher[]): string[];
  /** Ends the querier's lifetime (Prometheus' Querier.Close): the samples it selected may be overwritten after. */
  close(): void;
}

/** Opens queriers (Prometheus' storage.Queryable); the PromQL engine opens one per query and closes it when done. */
export interface Queryable {
  querier(): Querier;
}

/**
 * Writes samples as one transaction, like Prometheus' storage.Appender. Each append is checked at once (out of
 * order or duplicate throws AppendError) and returns the series' ref, to pass back next time instead of looking
 * the labels up again (null: look them up). Nothing is visible to queriers until commit; rollback drops it all.
 */
export interface Appender {
  append(ref: SeriesRef | null, labels: Labels, t: number, v: number, st?: number): SeriesRef;
  appendHistogram(ref: SeriesRef | null, labels: Labels, t: number, h: FloatHistogram, st?: number): SeriesRef;
  /** A staleness marker (Prometheus appends its StaleNaN value; a JavaScript number cannot carry that bit pattern). */
  appendStale(ref: SeriesRef | null, labels: Labels, t: number): SeriesRef;
  commit(): void;
  rollback(): void;
}

/** Hands out appenders (Prometheus' storage.Appendable). */
export interface Appendable {
  appender(): Appender;
}
