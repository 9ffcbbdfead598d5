// The head's Appender (Prometheus' headAppender): each sample is checked when appended, against the series in the
// head and against what this transaction already holds for it, then kept aside until commit writes it all;
// rollback drops it. Series are created at append time, as Prometheus does, even when the samples are rolled back.

import type { FloatHistogram } from '../model/histogram/float_histogram.ts';
import type { Labels } from '../model/labels/labels.ts';
import type { Appender, SeriesRef } from '../storage/interface.ts';
import { AppendError, appendable } from './series.ts';

/** What the appender needs of the head. */
export interface AppendTarget {
  getOrCreate(ls: Labels): SeriesRef;
  /** The series' last float sample, or null when it has none (or is unknown). */
  lastSample(ref: SeriesRef): { t: number; v: number; stale: boolean } | null;
  append(ref: SeriesRef, t: number, v: number, st?: number): void;
  appendStale(ref: SeriesRef, t: number): void;
  appendHistogram(ref: SeriesRef, t: number, h: FloatHistogram, st?: number): void;
}

type Op =
  | { kind: 'float'; ref: SeriesRef; t: number; v: number; st?: number }
  | { kind: 'stale'; ref: SeriesRef; t: number }
  | { kind: 'histogram'; ref: SeriesRef; t: number; h: FloatHistogram; st?: number };

export class HeadAppender implements Appender {
  private ops: Op[] = [];
  private readonly last = new Map<SeriesRef, { t: number; v: number; stale: boolean }>();

  constructor(private readonly head: AppendTarget) {}

  append(ref: SeriesRef | null, labels: Labels, t: number, v: number, st?: number): SeriesRef {
    const r = ref ?? this.head.getOrCreate(labels);
    t = Math.floor(t);
    if (this.check(r, t, v, false)) this.ops.push({ kind: 'float', ref: r, t, v, st });
    return r;
  }

  appendStale(ref: SeriesRef | null, labels: Labels, t: number): SeriesRef {
    const r = ref ?? this.head.getOrCreate(labels);
    t = Math.floor(t);
    // A series whose last sample is already a staleness marker gets no second one.
    if (this.previous(r)?.stale) return r;
    if (this.check(r, t, NaN, true)) this.ops.push({ kind: 'stale', ref: r, t });
    return r;
  }

  appendHistogram(ref: SeriesRef | null, labels: Labels, t: number, h: FloatHistogram, st?: number): SeriesRef {
    const r = ref ?? this.head.getOrCreate(labels);
    this.ops.push({ kind: 'histogram', ref: r, t, h, st });
    return r;
  }

  commit(): void {
    const ops = this.ops;
    this.rollback();
    for (const op of ops) {
      try {
        if (op.kind === 'float') this.head.append(op.ref, op.t, op.v, op.st);
        else if (op.kind === 'stale') this.head.appendStale(op.ref, op.t);
        else this.head.appendHistogram(op.ref, op.t, op.h, op.st);
      } catch (err) {
        // Another appender wrote the series after this one checked it: the sample is dropped, as at append.
        if (!(err instanceof AppendError)) throw err;
      }
    }
  }

  rollback(): void {
    this.ops = [];
    this.last.clear();
  }

  private previous(ref: SeriesRef): { t: number; v: number; stale: boolean } | null {
    return this.last.get(ref) ?? this.head.lastSample(ref);
  }

  // Throws AppendError like the head would; false for an exact repeat, which is dropped.
  private check(ref: SeriesRef, t: number, v: number, stale: boolean): boolean {
    const prev = this.previous(ref);
    if (prev && !appendable(prev.t, prev.v, prev.stale, t, v, stale)) return false;
    this.last.set(ref, { t, v, stale });
    return true;
  }
}
