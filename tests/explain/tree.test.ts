// The explain tree over a small head: node PromQL, per-node results at one instant, selector steps, matching.

import { describe, expect, it } from 'vitest';
import { emptyCause } from '../../src/explain/empty.ts';
import { explain, type ExplainNode } from '../../src/explain/tree.ts';
import { labelsFromRecord, labelsToRecord } from '../../src/model/labels/labels.ts';
import { Engine, parseExpr } from '../../src/promql/index.ts';
import { Head } from '../../src/tsdb/head.ts';

const T = 600_000;
const head = new Head();
function series(rec: Record<string, string>, perMinute: number): void {
  const ref = head.getOrCreate(labelsFromRecord(rec));
  for (let t = 0; t <= T; t += 15_000) head.append(ref, t, (t / 60_000) * perMinute);
}
series({ __name__: 'image_gallery_requests_total', code: '200', instance: 'a', job: 'g' }, 60);
series({ __name__: 'image_gallery_requests_total', code: '500', instance: 'a', job: 'g' }, 6);
series({ __name__: 'image_gallery_requests_total', code: '200', instance: 'b', job: 'g' }, 120);
series({ __name__: 'up', instance: 'a', job: 'g' }, 0);
series({ __name__: 'up', instance: 'c', job: 'g' }, 0);

const ctx = { engine: new Engine(), queryable: head, time: T, lookbackDelta: 300_000 };
const tree = (q: string) => explain(parseExpr(q), ctx);
const count = (n: ExplainNode) => (n.result.ok && n.result.value.type === 'vector' ? n.result.value.samples.length : n.result.ok && n.result.value.type === 'matrix' ? n.result.value.series.length : -1);

describe('explain', () => {
  it('builds three levels for sum(rate(x[1m])) by (code), each with its own result', () => {
    const root = tree('sum(rate(image_gallery_requests_total[1m])) by (code)');
    expect(root.expr).toBe('sum by (code) (rate(image_gallery_requests_total[1m]))');
    const rate = root.children[0];
    const sel = rate.children[0];
    expect([root.type, rate.type, sel.type]).toEqual(['AggregateExpr', 'Call', 'MatrixSelector']);
    expect(sel.children).toEqual([]);
    expect([count(root), count(rate), count(sel)]).toEqual([2, 3, 3]);
    expect(root.text.en).toContain('3 input series → 2 output series');
    expect(root.text.ko).toContain('입력 시리즈 3개 → 결과 2개');
    expect(rate.text.en).toContain('per-second average rate');
    const byCode = root.result.ok && root.result.value.type === 'vector' ? root.result.value.samples : [];
    expect(byCode.map((s) => [labelsToRecord(s.metric), Number(s.v.toFixed(6))])).toEqual([
      [{ code: '200' }, 3],
      [{ code: '500' }, 0.1],
    ]);
  });

  it('counts the series left after each matcher of a selector', () => {
    const sel = tree('image_gallery_requests_total{code="200", instance!="b"}');
    expect(sel.text.en).toContain('its latest sample at most 5m old');
    expect(sel.selectorSteps).toEqual([
      { matcher: '__name__="image_gallery_requests_total"', series: 3 },
      { matcher: 'code="200"', series: 2 },
      { matcher: 'instance!="b"', series: 1 },
    ]);
  });

  it('reports which series matched across a binary operation and which did not', () => {
    const node = tree('image_gallery_requests_total{code="200"} / on(instance) up');
    const m = node.matching!;
    expect(m.matched.map((g) => labelsToRecord(g.signature))).toEqual([{ instance: 'a' }]);
    expect(m.unmatchedLeft.map((u) => labelsToRecord(u.signature))).toEqual([{ instance: 'b' }]);
    expect(m.unmatchedRight.map((u) => labelsToRecord(u.labels).instance)).toEqual(['c']);
    expect(node.text.en).toContain('on(instance)');
  });

  it('flags signatures with many series on the "one" side', () => {
    const node = tree('image_gallery_requests_total / on(instance) group_left up');
    expect(node.matching!.manyOnOneSide).toEqual([]);
    const bad = tree('image_gallery_requests_total / on(instance) up');
    expect(bad.result.ok).toBe(false);
    expect(bad.matching!.manyOnOneSide.map((g) => labelsToRecord(g.signature))).toEqual([{ instance: 'a' }]);
  });

  it('says what comparisons and set operators do, in Korean and English', () => {
    const filter = tree('up > 0');
    expect(filter.text.en).toContain('a filter');
    expect(filter.text.ko).toContain('필터');
    expect(tree('up > bool 0').text.en).toContain('1 where it holds, 0 where not');
    const and = tree('image_gallery_requests_total and on(instance) up');
    expect(and.text.en).toContain('Keeps the left series that have a partner on the right.');
    expect(and.matching!.manyOnOneSide).toEqual([]);
    expect(and.matching!.unmatchedLeft.map((u) => labelsToRecord(u.labels).instance)).toEqual(['b']);
  });

  it('keeps a failing node\'s error and still explains its children', () => {
    const root = tree('sum(image_gallery_requests_total / on(instance) up)');
    expect(root.result.ok).toBe(false);
    if (!root.result.ok) expect(root.result.error).toContain('multiple matches for labels');
    expect(root.children[0].children.map((c) => c.result.ok)).toEqual([true, true]);
  });
});

describe('emptyCause', () => {
  const cause = (q: string) => {
    const c = emptyCause(tree(q));
    return c && { expr: c.node.expr, reason: c.reason, inputs: c.inputs };
  };

  it('points at the node that lost the series, and why', () => {
    expect(cause('up')).toBeNull();
    expect(cause('sum(rate(image_gallery_requests_total[10s]))')).toEqual({ expr: 'rate(image_gallery_requests_total[10s])', reason: 'tooFewSamples', inputs: 3 });
    expect(cause('sum(image_gallery_requests_total / on(instance) up{instance="c"})')).toEqual({
      expr: 'image_gallery_requests_total / on (instance) up{instance="c"}',
      reason: 'noMatch',
      inputs: 3,
    });
    expect(cause('image_gallery_requests_total > 1e9')).toEqual({ expr: 'image_gallery_requests_total > 1000000000', reason: 'filtered', inputs: 3 });
    expect(cause('rate(image_gallery_requests_total[10s] offset 5s)')).toEqual({ expr: 'image_gallery_requests_total[10s] offset 5s', reason: 'rangeTooShort', inputs: 3 });
    expect(cause('sum(nope_total)')).toEqual({ expr: 'nope_total', reason: 'selector', inputs: 0 });
  });
});
