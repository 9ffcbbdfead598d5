// The head's querier (Prometheus' tsdb/querier.go): selects with buffers that live as long as the querier.
// The engine opens one per query and closes it when the result is built, so the next query's select reuses
// the same float columns instead of allocating tens of MB anew.

import type { Matcher } from '../model/labels/matcher.ts';
import type { Querier, SelectHints, SeriesData } from '../storage/interface.ts';
import { BufferPool, type BufferLease } from '../util/pool.ts';

/** Where Head.select puts its float series' columns: t and v (floats) and staleness flags (bytes). */
export interface SelectBuffers {
  floats(n: number): Float64Array;
  bytes(n: number): Uint8Array;
}

/** New arrays each time, for a select without a querier's lifetime. */
export const FRESH: SelectBuffers = { floats: (n) => new Float64Array(n), bytes: (n) => new Uint8Array(n) };

/** The head's free select buffers, shared by its queriers. */
export class QuerierBuffers {
  readonly floats = new BufferPool((n) => new Float64Array(n));
  readonly bytes = new BufferPool((n) => new Uint8Array(n));
}

/** What a querier reads from: the head's select and label index. */
interface Readable {
  select(matchers: readonly Matcher[], hints: SelectHints, buffers: SelectBuffers): SeriesData[];
  labelNames(matchers?: readonly Matcher[]): string[];
  labelValues(name: string, matchers?: readonly Matcher[]): string[];
}

export class HeadQuerier implements Querier {
  private readonly floats: BufferLease<Float64Array>;
  private readonly bytes: BufferLease<Uint8Array>;
  private readonly buffers: SelectBuffers;

  constructor(
    private readonly head: Readable,
    pools: QuerierBuffers,
  ) {
    this.floats = pools.floats.lease();
    this.bytes = pools.bytes.lease();
    this.buffers = { floats: (n) => this.floats.get(n), bytes: (n) => this.bytes.get(n) };
  }

  select(matchers: readonly Matcher[], hints: SelectHints): SeriesData[] {
    return this.head.select(matchers, hints, this.buffers);
  }

  labelNames(matchers?: readonly Matcher[]): string[] {
    return this.head.labelNames(matchers);
  }

  labelValues(name: string, matchers?: readonly Matcher[]): string[] {
    return this.head.labelValues(name, matchers);
  }

  close(): void {
    this.floats.close();
    this.bytes.close();
  }
}
