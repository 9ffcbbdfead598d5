// Prometheus 3's newer PromQL, through the public API: duration expressions, fill modifiers, extended range
// selectors, info(), limitk/limit_ratio, delayed name removal and annotations. The conformance suite checks
// values against Prometheus' scripts; these tests pin down how the API exposes them.

import { beforeEach, describe, expect, it } from 'vitest';
import { labelsFromRecord, labelsToRecord } from '../../src/model/labels/labels.ts';
import { Engine, formatExpr, parseExpr } from '../../src/promql/index.ts';
import { Head } from '../../src/tsdb/head.ts';

const M = 60_000;
let head: Head;
const engine = new Engine();

function load(labels: Record<string, string>, values: number[], step = M): void {
  const ref = head.getOrCreate(labelsFromRecord(labels));
  values.forEach((v, i) => head.append(ref, i * step, v));
}

function vector(q: string, t: number): Record<string, number> {
  const r = engine.instantQuery(head, q, t);
  if (r.type !== 'vector') throw new Error(`expected vector, got ${r.type}`);
  return Object.fromEntries(r.samples.map((s) => [JSON.stringify(labelsToRecord(s.metric)), s.v]));
}

beforeEach(() => {
  head = new Head();
});

describe('printer round-trip of the newer syntax', () => {
  it.each([
    'rate(x[5m + 1m])',
    'x offset step() * 2',
    'count_over_time(x[min_of(range(), 1h)])',
    'a + fill(0) b',
    'a * on (job) group_left () fill_left(1) fill_right(2) b',
    'increase(x[5m] anchored)',
    'x smoothed',
    'limitk by (job) (2, x)',
    'info(x, {__name__="build_info"})',
    'min_of(1, max_of(2, 3))',
    'x[STEP() * 2]',
  ])('%s', (q) => {
    const printed = formatExpr(parseExpr(q));
    expect(formatExpr(parseExpr(printed))).toBe(printed);
  });

  it('binds offset to the operand before it, not to the whole binary expression', () => {
    const e = parseExpr('a + b offset 1m');
    expect(e.type === 'BinaryExpr' && e.lhs.type === 'VectorSelector' && e.lhs.offset).toBe(0);
    expect(e.type === 'BinaryExpr' && e.rhs.type === 'VectorSelector' && e.rhs.offset).toBe(M);
  });

  it('keeps operator precedence around a modifier: a + b @ 60 * 0 is a + ((b @ 60) * 0)', () => {
    expect(formatExpr(parseExpr('a + b @ 60 * 0'))).toBe('a + b @ 60.000 * 0');
    const e = parseExpr('a + b @ 60 * 0');
    expect(e.type === 'BinaryExpr' && e.op).toBe('+');
    expect(e.type === 'BinaryExpr' && e.rhs.type === 'BinaryExpr' && e.rhs.op).toBe('*');
  });

  it('prints nested parentheses of duration expressions', () => {
    expect(formatExpr(parseExpr('x offset (20 * ((8 - 2) / 3))'))).toBe('x offset (20 * ((8 - 2) / 3))');
  });
});

describe('evaluation', () => {
  it('aggregates a range step by step, leaving out steps where no member has a sample', () => {
    const a = head.getOrCreate(labelsFromRecord({ __name__: 'x', job: 'j', i: '1' }));
    const b = head.getOrCreate(labelsFromRecord({ __name__: 'x', job: 'j', i: '2' }));
    head.append(a, 0, 1);
    head.append(b, 0, NaN);
    head.append(b, 10 * M, 5);
    const r = engine.rangeQuery(head, 'min by (job) (x)', 0, 10 * M, 5 * M);
    // At 0 the NaN comes after 1 and loses; at 5m nothing is within the lookback; at 10m only b.
    expect(r.type === 'matrix' && [r.series[0].t, r.series[0].v]).toEqual([[0, 10 * M], [1, 5]]);
    const c = engine.rangeQuery(head, 'count(x)', 0, 10 * M, 5 * M);
    expect(c.type === 'matrix' && c.series[0].v).toEqual([2, 1]);
  });

  it('joins on the series present at each step when the "one" side changes over time', () => {
    load({ __name__: 'x', job: 'a' }, [1, 2, 3, 4]);
    const v1 = head.getOrCreate(labelsFromRecord({ __name__: 'build', job: 'a', version: '1' }));
    const v2 = head.getOrCreate(labelsFromRecord({ __name__: 'build', job: 'a', version: '2' }));
    head.append(v1, 0, 1);
    head.appendStale(v1, 2 * M);
    head.append(v2, 2 * M, 1);
    const r = engine.rangeQuery(head, 'x * on (job) group_left (version) build', 0, 3 * M, M);
    if (r.type !== 'matrix') throw new Error(r.type);
    expect(r.series.map((s) => [labelsToRecord(s.metric).version, s.v])).toEqual([
      ['1', [1, 2]],
      ['2', [3, 4]],
    ]);
  });

  it('evaluates min_of and max_of as scalar functions', () => {
    const r = engine.instantQuery(head, 'min_of(3, max_of(1, 2))', 0);
    expect(r.type === 'scalar' && r.v).toBe(2);
  });

  it('resolves step() and range() per query', () => {
    load({ __name__: 'x' }, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const r = engine.rangeQuery(head, 'count_over_time(x[step()])', 5 * M, 10 * M, 2 * M);
    expect(r.type === 'matrix' && r.series[0].v).toEqual([2, 2, 2]);
  });

  it('fills a missing side with the fill value', () => {
    load({ __name__: 'a', k: '1' }, [10]);
    load({ __name__: 'b', k: '2' }, [20]);
    expect(vector('a + fill(0) b', 0)).toEqual({ '{"k":"1"}': 10, '{"k":"2"}': 20 });
  });

  it('keeps a name visible to label_replace until the result is built', () => {
    load({ __name__: 'x_total', env: '1' }, [0, 60, 120]);
    expect(vector('label_replace(rate(x_total[2m]), "from", "$1", "__name__", "(.+)")', 2 * M)).toEqual({ '{"env":"1","from":"x_total"}': 1 });
  });

  it('adds the data labels of target_info', () => {
    load({ __name__: 'up', instance: 'a', job: 'j' }, [1]);
    load({ __name__: 'target_info', instance: 'a', job: 'j', version: '3' }, [1]);
    expect(vector('info(up)', 0)).toEqual({ '{"__name__":"up","instance":"a","job":"j","version":"3"}': 1 });
  });

  it('reports warnings with the position of the sub-expression', () => {
    load({ __name__: 'x' }, [1]);
    const r = engine.instantQueryResult(head, 'quantile(2, x)', 0);
    expect(r.warnings).toEqual(['PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)']);
    expect(engine.rangeQueryResult(head, 'sort(x)', 0, M, M).warnings).toEqual([
      'PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:1)',
    ]);
  });
});

describe('label_replace speaks RE2', () => {
  it("takes Go's (?i) flag and (?P<name>) groups, as Prometheus does", () => {
    const head = new Head();
    head.append(head.getOrCreate(labelsFromRecord({ __name__: 'up', instance: 'IOTD:80' })), 0, 1);
    const v = new Engine().instantQuery(head, 'label_replace(up, "host", "${h}", "instance", "(?i)(?P<h>iotd):\\\\d+")', 0);
    expect(v.type === 'vector' && labelsToRecord(v.samples[0].metric).host).toBe('IOTD');
  });
});

describe('resource bounds', () => {
  it("stops a query past its time with Prometheus' timeout error", () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'x' }));
    for (let t = 0; t <= 3_600_000; t += 15_000) head.append(ref, t, t);
    // A one-second subquery over a day evaluates 86,400 inner steps: far more than no time at all allows.
    expect(() => new Engine({ timeoutMs: 0 }).instantQuery(head, 'max_over_time(rate(x[1m])[1d:1s])', 3_600_000)).toThrow(
      'query timed out in expression evaluation',
    );
    expect(() => new Engine({ maxSamples: 10 }).instantQuery(head, 'x[1h]', 3_600_000)).toThrow(
      'query processing would load too many samples into memory in query execution',
    );
  });
});
