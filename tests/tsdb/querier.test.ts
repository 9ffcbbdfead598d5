import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { Matcher } from '../../src/model/labels/matcher.ts';
import { Engine } from '../../src/promql/index.ts';
import { Head } from '../../src/tsdb/head.ts';

// Two metrics of different sizes, so a querier's buffers from one select are big enough to be reused by the other.
function fill(): Head {
  const head = new Head();
  for (let j = 0; j < 20; j++) {
    const big = head.getOrCreate(labelsFromRecord({ __name__: 'big', i: String(j) }));
    for (let t = 0; t < 300; t++) head.append(big, t * 15_000, j * 1000 + t);
  }
  const small = head.getOrCreate(labelsFromRecord({ __name__: 'small' }));
  for (let t = 0; t < 10; t++) head.append(small, t * 15_000, -t);
  return head;
}

const byName = (name: string) => [new Matcher('=', '__name__', name)];
const ALL = { start: 0, end: Infinity };
const plain = (series: { t: Float64Array; v: Float64Array }[]) => series.map((s) => ({ t: [...s.t], v: [...s.v] }));

describe('HeadQuerier', () => {
  it('answers like a one-off select, also with the buffers a closed querier gave back', () => {
    const head = fill();
    const first = head.querier();
    expect(plain(first.select(byName('big'), ALL))).toEqual(plain(head.select(byName('big'), ALL)));
    first.close();
    const second = head.querier();
    const small = second.select(byName('small'), ALL);
    expect(plain(small)).toEqual([{ t: Array.from({ length: 10 }, (_, t) => t * 15_000), v: Array.from({ length: 10 }, (_, t) => -t) }]);
    second.close();
  });

  it('keeps what an open querier selected while another one selects', () => {
    const head = fill();
    const a = head.querier();
    const small = plain(a.select(byName('small'), ALL));
    const held = a.select(byName('small'), ALL);
    const b = head.querier();
    b.select(byName('big'), ALL);
    b.close();
    expect(plain(held)).toEqual(small);
    a.close();
  });
});

describe('Engine over a Queryable', () => {
  it('gives the same answer to a query asked again after other queries reused its buffers', () => {
    const head = fill();
    const engine = new Engine();
    const rate = () => engine.rangeQuery(head, 'rate(big[1m])', 0, 299 * 15_000, 15_000);
    const before = structuredClone(rate());
    engine.rangeQuery(head, 'small * 2', 0, 299 * 15_000, 15_000);
    expect(() => engine.rangeQuery(head, 'big + on() small', 0, 299 * 15_000, 15_000)).toThrow();
    engine.instantQuery(head, 'max_over_time(big[1h])', 299 * 15_000);
    expect(rate()).toEqual(before);
    expect(before.type === 'matrix' && before.series.length).toBe(20);
  });
});
