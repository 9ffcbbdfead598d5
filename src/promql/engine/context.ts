// What every node's evaluation shares: the query's context (querier, bounds, limits, annotations) and the steps
// of the evaluation at hand, with the sample budget and deadline checks.

import type { Querier } from '../../storage/interface.ts';
import type { BufferLease } from '../../util/pool.ts';
import type { Call, Expr, SubqueryExpr, VectorSelector } from '../parser/ast.ts';
import { PromQLError, type Sample } from '../value.ts';
import type { Annotations } from './annotations.ts';
import { ColumnWriter, stepGrid } from './columns.ts';

export interface QueryContext {
  readonly querier: Querier;
  /** Blocks for step columns, given back when the query ends. */
  readonly blocks: BufferLease<Float64Array>;
  readonly queryStart: number;
  readonly queryEnd: number;
  /** The range query's step; 0 for an instant query. */
  readonly queryStep: number;
  readonly lookbackDelta: number;
  readonly maxSamples: number;
  readonly noStepSubqueryInterval: number;
  /** performance.now() after which evaluation stops with Prometheus' timeout error. */
  readonly deadline: number;
  readonly annotations: Annotations;
  /** Selectors read as by Prometheus' HistogramStatsIterator (under histogram_count/sum/avg), which keeps "reset" hints. */
  readonly statsSelectors: WeakSet<VectorSelector>;
  samples: number;
}

/** One argument of a function at one step: an instant vector, a scalar, or a string. */
export type StepArg = Sample[] | number | string;

/** An instant-vector function at one step. */
export type VectorFunction = (args: StepArg[], ts: number, call: Call, annotations: Annotations) => Sample[];

export function unwrapParens(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

export function stringValue(e: Expr): string {
  const u = unwrapParens(e);
  if (u.type !== 'StringLiteral') throw new PromQLError('expected string literal');
  return u.value;
}

/** The steps one evaluation walks: start to end by interval (a subquery has its own). */
export class StepContext {
  constructor(
    readonly ctx: QueryContext,
    readonly start: number,
    readonly end: number,
    readonly interval: number,
  ) {}

  private grid: Float64Array | null = null;

  /** A writer for about `series` series over these steps; every writer shares one grid of step times. */
  columns(series: number): ColumnWriter {
    this.grid ??= stepGrid(this.start, this.interval, this.steps());
    return new ColumnWriter(this.grid, this.ctx.blocks, series);
  }

  // Every node's evaluation starts here, so a query that runs past its deadline stops at the next node.
  steps(): number {
    this.checkDeadline();
    return Math.floor((this.end - this.start) / this.interval) + 1;
  }

  count(n: number): void {
    this.ctx.samples += n;
    if (this.ctx.samples > this.ctx.maxSamples) {
      throw new PromQLError('query processing would load too many samples into memory in query execution');
    }
    this.checkDeadline();
  }

  checkDeadline(): void {
    if (performance.now() > this.ctx.deadline) throw new PromQLError('query timed out in expression evaluation');
  }

  // The reference time of a step for a node with an @ modifier.
  refTime(e: VectorSelector | SubqueryExpr, ts: number): number {
    if (e.timestamp !== null) return e.timestamp;
    if (e.startOrEnd === 'start') return this.ctx.queryStart;
    if (e.startOrEnd === 'end') return this.ctx.queryEnd;
    return ts;
  }

  refBounds(e: VectorSelector | SubqueryExpr): [number, number] {
    return [this.refTime(e, this.start), this.refTime(e, this.end)];
  }
}
