// The query engine (Prometheus' promql.Engine): parses a query, resolves its step- and range-dependent durations
// and hands it to an Evaluator (evaluator.ts) over the query's steps, one step for an instant query.

import type { FloatHistogram } from '../../model/histogram/float_histogram.ts';
import { DEFAULT_LOOKBACK_DELTA_MS } from '../../model/lookback.ts';
import type { Querier, Queryable } from '../../storage/interface.ts';
import { BufferPool } from '../../util/pool.ts';
import { children, exprType, type Expr, type MatrixSelector, type SubqueryExpr } from '../parser/ast.ts';
import { dependsOnQuery, evalDuration, type DurationContext, type DurationExpr } from '../parser/duration.ts';
import { parseExpr } from '../parser/parse.ts';
import { PromQLError, type QueryResult, type Series, type Value } from '../value.ts';
import { Annotations } from './annotations.ts';
import { stringValue, unwrapParens, type QueryContext } from './context.ts';
import { Evaluator } from './evaluator.ts';
import { extendFloats } from './extended.ts';
import { statsSelectors } from './selectors.ts';
import { resultSeries, resultVector } from './series.ts';

export interface EngineOptions {
  /** How far back an instant vector selector looks for the latest sample (ms). */
  lookbackDelta?: number;
  /** Upper bound on samples loaded by one query. */
  maxSamples?: number;
  /** Step of subqueries written without one, like Prometheus' global evaluation interval (ms). */
  noStepSubqueryInterval?: number;
  /** Real milliseconds a query may run, like --query.timeout; the page sets it short so it never hangs. */
  timeoutMs?: number;
}

// Sets ranges, steps and offsets written with step() or range() for this query, like Prometheus' durationVisitor.
function resolveDurations(e: Expr, ctx: DurationContext): void {
  const resolve = (d: DurationExpr | undefined, fallback: number, what: string): number => {
    if (!d || !dependsOnQuery(d)) return fallback;
    let ms: number;
    try {
      ms = evalDuration(d, ctx);
    } catch (err) {
      throw new PromQLError((err as Error).message, e.pos);
    }
    if (what !== 'offset' && ms <= 0) throw new PromQLError(`${what} must be greater than 0`, e.pos);
    return ms;
  };
  if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') e.offset = resolve(e.offsetExpr, e.offset, 'offset');
  if (e.type === 'MatrixSelector') e.range = resolve(e.rangeExpr, e.range, 'range');
  if (e.type === 'SubqueryExpr') {
    e.range = resolve(e.rangeExpr, e.range, 'range');
    e.step = resolve(e.stepExpr, e.step, 'step');
  }
  for (const c of children(e)) resolveDurations(c, ctx);
}

export class Engine {
  private readonly lookbackDelta: number;
  private readonly maxSamples: number;
  private readonly noStepSubqueryInterval: number;
  private readonly timeoutMs: number;
  // Step columns' blocks, lent to one query at a time and reused by the next (columns.ts).
  private readonly blocks = new BufferPool((n) => new Float64Array(n));

  constructor(opts: EngineOptions = {}) {
    this.lookbackDelta = opts.lookbackDelta ?? DEFAULT_LOOKBACK_DELTA_MS;
    this.maxSamples = opts.maxSamples ?? 50_000_000;
    this.noStepSubqueryInterval = opts.noStepSubqueryInterval ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 2 * 60_000;
  }

  private context(querier: Querier, input: string, expr: Expr, start: number, end: number, step: number): QueryContext {
    resolveDurations(expr, { step, range: end - start });
    return {
      annotations: new Annotations(input),
      querier,
      blocks: this.blocks.lease(),
      queryStart: start,
      queryEnd: end,
      queryStep: step,
      lookbackDelta: this.lookbackDelta,
      maxSamples: this.maxSamples,
      noStepSubqueryInterval: this.noStepSubqueryInterval,
      deadline: performance.now() + this.timeoutMs,
      statsSelectors: statsSelectors(expr),
      samples: 0,
    };
  }

  /** Evaluates the query at one instant; the result type follows the expression's type. */
  instantQuery(queryable: Queryable, query: string | Expr, timeMs: number): Value {
    return this.instantQueryResult(queryable, query, timeMs).value;
  }

  /** Evaluates the query at each step from start to end; the result is always a matrix. */
  rangeQuery(queryable: Queryable, query: string | Expr, startMs: number, endMs: number, stepMs: number): Value {
    return this.rangeQueryResult(queryable, query, startMs, endMs, stepMs).value;
  }

  /** instantQuery with the warnings and infos the evaluation produced. */
  instantQueryResult(queryable: Queryable, query: string | Expr, timeMs: number): QueryResult {
    const expr = typeof query === 'string' ? parseExpr(query) : query;
    return this.run(queryable, typeof query === 'string' ? query : '', expr, timeMs, timeMs, 0, (ctx) =>
      this.instantValue(new Evaluator(ctx, timeMs, timeMs, 1), expr, timeMs),
    );
  }

  /** rangeQuery with the warnings and infos the evaluation produced. */
  rangeQueryResult(queryable: Queryable, query: string | Expr, startMs: number, endMs: number, stepMs: number): QueryResult {
    const expr = typeof query === 'string' ? parseExpr(query) : query;
    const type = exprType(expr);
    if (type !== 'scalar' && type !== 'vector') {
      const documented = type === 'matrix' ? 'range vector' : type;
      throw new PromQLError(`invalid expression type "${documented}" for range query, must be Scalar or instant Vector`);
    }
    if (stepMs <= 0) throw new PromQLError('zero or negative query resolution step widths are not accepted');
    if (endMs < startMs) throw new PromQLError('end timestamp must not be before start time');
    return this.run(queryable, typeof query === 'string' ? query : '', expr, startMs, endMs, stepMs, (ctx) => ({
      type: 'matrix',
      series: resultSeries(new Evaluator(ctx, startMs, endMs, stepMs).eval(expr)),
    }));
  }

  // Evaluates with a querier and step-column blocks that live as long as the query: the result is plain
  // arrays copied out of them, so both go back for the next query when it is built (or the query fails).
  private run(queryable: Queryable, input: string, expr: Expr, start: number, end: number, step: number, evaluate: (ctx: QueryContext) => Value): QueryResult {
    const querier = queryable.querier();
    const ctx = this.context(querier, input, expr, start, end, step);
    try {
      const value = evaluate(ctx);
      return { value, warnings: [...ctx.annotations.warnings], infos: [...ctx.annotations.infos] };
    } finally {
      ctx.blocks.close();
      querier.close();
    }
  }

  private instantValue(ev: Evaluator, expr: Expr, timeMs: number): Value {
    const root = unwrapParens(expr);
    switch (exprType(expr)) {
      case 'string':
        return { type: 'string', t: timeMs, v: stringValue(expr) };
      case 'scalar': {
        const [s] = ev.eval(expr);
        return { type: 'scalar', t: timeMs, v: s && s.v.length > 0 ? s.v[0] : NaN };
      }
      case 'matrix': {
        const sel = root as MatrixSelector | SubqueryExpr;
        const node = sel.type === 'MatrixSelector' ? sel.vectorSelector : sel;
        const rangeEnd = (node.timestamp ?? timeMs) - node.offset;
        const series: Series[] = [];
        const extended = sel.type === 'MatrixSelector' && (sel.vectorSelector.anchored || sel.vectorSelector.smoothed);
        for (const raw of ev.rangeSeries(sel)) {
          const s = extended
            ? extendFloats(raw.t, raw.v, 0, raw.t.length, rangeEnd - sel.range, rangeEnd, sel.vectorSelector.smoothed === true)
            : raw;
          if (!s) continue;
          const t: number[] = [];
          const v: number[] = [];
          const h: (FloatHistogram | undefined)[] = [];
          const hs = extended ? undefined : raw.h;
          for (let i = 0; i < s.t.length; i++) {
            if ((!extended && s.t[i] <= rangeEnd - sel.range) || s.t[i] > rangeEnd) continue;
            t.push(s.t[i]);
            v.push(s.v[i]);
            h.push(hs?.[i]);
          }
          if (t.length > 0) series.push(h.some((x) => x) ? { metric: raw.metric, t, v, h } : { metric: raw.metric, t, v });
        }
        return { type: 'matrix', series: resultSeries(series) };
      }
      default:
        return {
          type: 'vector',
          samples: resultVector(ev.eval(expr).map((s) => (s.h?.[0] ? { metric: s.metric, t: timeMs, v: s.v[0], h: s.h[0] } : { metric: s.metric, t: timeMs, v: s.v[0] }))),
        };
    }
  }

}
