import { beforeEach, describe, expect, it } from 'vitest';
import { labelsFromRecord, labelsToRecord, type Labels } from '../../src/model/labels/labels.ts';
import { Head } from '../../src/tsdb/head.ts';
import { Engine, PromQLError, type Value } from '../../src/promql/index.ts';

const S = 1000;
const M = 60 * S;

let head: Head;
const engine = new Engine();

/** Appends [t(ms), v] pairs; `null` writes a staleness marker. */
function load(labels: Record<string, string>, points: [number, number | null][]): void {
  const ref = head.getOrCreate(labelsFromRecord(labels));
  for (const [t, v] of points) {
    if (v === null) head.appendStale(ref, t);
    else head.append(ref, t, v);
  }
}

/** `{labels} value` lines of an instant vector result, sorted for stable comparison. */
function vector(q: string, t: number): Record<string, number> {
  const r = engine.instantQuery(head, q, t);
  if (r.type !== 'vector') throw new Error(`expected vector, got ${r.type}`);
  const out: Record<string, number> = {};
  for (const s of r.samples) out[key(s.metric)] = s.v;
  return out;
}

function key(ls: Labels): string {
  return JSON.stringify(labelsToRecord(ls));
}

function scalar(r: Value): number {
  if (r.type !== 'scalar') throw new Error(`expected scalar, got ${r.type}`);
  return r.v;
}

function evalError(q: string, t = 0): string {
  try {
    engine.instantQuery(head, q, t);
  } catch (e) {
    expect(e).toBeInstanceOf(PromQLError);
    return (e as Error).message;
  }
  throw new Error(`expected ${q} to fail`);
}

beforeEach(() => {
  head = new Head();
});

describe('the chapter queries', () => {
  beforeEach(() => {
    // Three accesslog replicas scraped every 10s, each serving 2 requests per scrape interval.
    for (const [i, ip] of ['172.20.0.6', '172.20.0.7', '172.20.0.8'].entries()) {
      const labels = { __name__: 'access_log_total', hostname: `accesslog-${i}`, instance: `${ip}:80`, job: 'accesslog' };
      load(labels, Array.from({ length: 31 }, (_, k): [number, number] => [k * 10 * S, (i + 1) * 100 + k * 2]));
      for (const code of ['200', '404']) {
        const gallery = { __name__: 'image_gallery_requests_total', code, instance: `${ip}:80`, job: 'image-gallery' };
        load(gallery, Array.from({ length: 31 }, (_, k): [number, number] => [k * 10 * S, code === '200' ? k * 5 + i : k]));
      }
    }
  });

  it('access_log_total returns every replica with its labels', () => {
    expect(vector('access_log_total', 5 * M)).toEqual({
      [key(labelsFromRecord({ __name__: 'access_log_total', hostname: 'accesslog-0', instance: '172.20.0.6:80', job: 'accesslog' }))]: 160,
      [key(labelsFromRecord({ __name__: 'access_log_total', hostname: 'accesslog-1', instance: '172.20.0.7:80', job: 'accesslog' }))]: 260,
      [key(labelsFromRecord({ __name__: 'access_log_total', hostname: 'accesslog-2', instance: '172.20.0.8:80', job: 'accesslog' }))]: 360,
    });
  });

  it('filters by instance', () => {
    expect(Object.values(vector('access_log_total{instance="172.20.0.6:80"}', 5 * M))).toEqual([160]);
    expect(Object.values(vector('access_log_total{instance=~"172\\\\.20\\\\.0\\\\.[78]:80"}', 5 * M))).toEqual([260, 360]);
    expect(Object.values(vector('access_log_total{instance!~".*6:80", hostname!="accesslog-2"}', 5 * M))).toEqual([260]);
  });

  it('sums without hostname and instance', () => {
    expect(vector('sum(access_log_total) without(hostname, instance)', 5 * M)).toEqual({ [key(labelsFromRecord({ job: 'accesslog' }))]: 780 });
  });

  it('sums the 200 responses without instance', () => {
    // At 5m: k = 30, each replica i has 150 + i.
    expect(vector('sum(image_gallery_requests_total{code="200"}) without(instance)', 5 * M)).toEqual({
      [key(labelsFromRecord({ code: '200', job: 'image-gallery' }))]: 453,
    });
  });

  it('aggregates with by, avg, min, max and count', () => {
    const byCode = (op: string) => vector(`${op} by (code) (image_gallery_requests_total)`, 5 * M);
    expect(Object.values(byCode('sum'))).toEqual([453, 90]);
    expect(Object.values(byCode('avg'))).toEqual([151, 30]);
    expect(Object.values(byCode('min'))).toEqual([150, 30]);
    expect(Object.values(byCode('max'))).toEqual([152, 30]);
    expect(Object.values(byCode('count'))).toEqual([3, 3]);
  });

  it('rate over the chapter counters is the per-second increase', () => {
    // 2 requests per 10s, sampled right up to both window edges: 0.2/s, no extrapolation surprises.
    expect(Object.values(vector('rate(access_log_total[1m])', 5 * M))).toEqual([0.2, 0.2, 0.2].map((v) => expect.closeTo(v, 12)));
    expect(vector('sum(rate(image_gallery_requests_total{code="200"}[5m])) without(instance)', 5 * M)).toEqual({
      [key(labelsFromRecord({ code: '200', job: 'image-gallery' }))]: expect.closeTo(1.5, 12),
    });
  });
});

describe('rate, increase, delta, irate, idelta', () => {
  it('extrapolate like Prometheus within a covered window, counting resets', () => {
    load({ __name__: 'c' }, [[5 * S, 10], [20 * S, 20], [35 * S, 30], [50 * S, 5]]);
    // increase = (5 - 10 + 30) * (45 + 5 + 10) / 45; rate divides by the 60s range.
    expect(vector('increase(c[1m])', M)).toEqual({ '{}': expect.closeTo(100 / 3, 12) });
    expect(vector('rate(c[1m])', M)).toEqual({ '{}': expect.closeTo(5 / 9, 12) });
    expect(vector('delta(c[1m])', M)).toEqual({ '{}': expect.closeTo((-5 * 60) / 45, 12) });
    expect(vector('irate(c[1m])', M)).toEqual({ '{}': expect.closeTo(5 / 15, 12) });
    expect(vector('idelta(c[1m])', M)).toEqual({ '{}': -25 });
    expect(vector('resets(c[1m])', M)).toEqual({ '{}': 1 });
    expect(vector('changes(c[1m])', M)).toEqual({ '{}': 3 });
  });

  it('extrapolate only half an interval where the series starts late, and never below zero', () => {
    load({ __name__: 'late' }, [[30 * S, 10], [45 * S, 20]]);
    load({ __name__: 'fromzero' }, [[30 * S, 1], [45 * S, 11]]);
    // late: start gap 30s > 1.1 * 15s so extrapolate 7.5s; end gap 15s. (15 + 7.5 + 15) / 15 = 2.5.
    expect(vector('increase(late[1m])', M)).toEqual({ '{}': expect.closeTo(25, 12) });
    expect(vector('rate(late[1m])', M)).toEqual({ '{}': expect.closeTo(25 / 60, 12) });
    // fromzero: the zero point is 1.5s before the first sample, closer than 7.5s. (15 + 1.5 + 15) / 15 = 2.1.
    expect(vector('increase(fromzero[1m])', M)).toEqual({ '{}': expect.closeTo(21, 12) });
  });

  it('needs two samples in the left-open window', () => {
    load({ __name__: 'c' }, [[0, 1], [M, 2]]);
    // (0, 60s] holds only the sample at 60s.
    expect(vector('rate(c[1m])', M)).toEqual({});
    expect(vector('count_over_time(c[1m])', M)).toEqual({ '{}': 1 });
    expect(vector('count_over_time(c[1m])', M + 1)).toEqual({ '{}': 1 });
    expect(vector('count_over_time(c[61s])', M)).toEqual({ '{}': 2 });
  });

  it('applies offset to the window', () => {
    load({ __name__: 'c' }, Array.from({ length: 21 }, (_, k): [number, number] => [k * 15 * S, k * k]));
    const now = vector('increase(c[1m])', 3 * M);
    const before = vector('increase(c[1m] offset 2m)', 5 * M);
    expect(before).toEqual(now);
    expect(vector('c offset 1m', 3 * M)).toEqual({ '{"__name__":"c"}': 64 });
  });
});

describe('instant vector lookback and staleness', () => {
  it('finds the latest sample within 5m, excluding the left edge', () => {
    load({ __name__: 'g' }, [[0, 1]]);
    expect(vector('g', 5 * M - 1)).toEqual({ '{"__name__":"g"}': 1 });
    expect(vector('g', 5 * M)).toEqual({});
    expect(vector('g', 0)).toEqual({ '{"__name__":"g"}': 1 });
  });

  it('ends a series at a staleness marker', () => {
    load({ __name__: 'g' }, [[0, 1], [30 * S, 2], [M, null], [2 * M, 3]]);
    expect(vector('g', 45 * S)).toEqual({ '{"__name__":"g"}': 2 });
    expect(vector('g', 90 * S)).toEqual({});
    expect(vector('g', 2 * M)).toEqual({ '{"__name__":"g"}': 3 });
    // Staleness markers are not samples of a range vector.
    expect(vector('count_over_time(g[3m])', 2 * M)).toEqual({ '{}': 3 });
  });

  it('range queries repeat the same semantics at every step', () => {
    load({ __name__: 'g' }, [[0, 1], [30 * S, 2], [M, null], [2 * M, 3]]);
    const r = engine.rangeQuery(head, 'g', 0, 3 * M, 30 * S);
    expect(r).toEqual({
      type: 'matrix',
      series: [{ metric: labelsFromRecord({ __name__: 'g' }), t: [0, 30 * S, 2 * M, 150 * S, 3 * M], v: [1, 2, 3, 3, 3] }],
    });
  });

  it('a configurable lookback delta', () => {
    load({ __name__: 'g' }, [[0, 1]]);
    const short = new Engine({ lookbackDelta: M });
    const r = short.instantQuery(head, 'g', 90 * S);
    expect(r.type === 'vector' && r.samples.length).toBe(0);
  });
});

describe('binary operators', () => {
  beforeEach(() => {
    load({ __name__: 'requests', job: 'api', instance: 'a' }, [[0, 10]]);
    load({ __name__: 'requests', job: 'api', instance: 'b' }, [[0, 20]]);
    load({ __name__: 'errors', job: 'api', instance: 'a' }, [[0, 1]]);
    load({ __name__: 'errors', job: 'api', instance: 'b' }, [[0, 4]]);
    load({ __name__: 'limit', job: 'api' }, [[0, 15]]);
  });

  it('match one-to-one on all labels but the name, dropping the name for arithmetic', () => {
    expect(vector('errors / requests', 0)).toEqual({
      '{"instance":"a","job":"api"}': 0.1,
      '{"instance":"b","job":"api"}': 0.2,
    });
  });

  it('keep the name and filter for comparisons, or return 0/1 with bool', () => {
    expect(vector('requests > 15', 0)).toEqual({ '{"__name__":"requests","instance":"b","job":"api"}': 20 });
    expect(vector('15 < requests', 0)).toEqual({ '{"__name__":"requests","instance":"b","job":"api"}': 20 });
    expect(vector('requests > bool 15', 0)).toEqual({ '{"instance":"a","job":"api"}': 0, '{"instance":"b","job":"api"}': 1 });
    expect(vector('requests > on(job) group_left limit', 0)).toEqual({ '{"__name__":"requests","instance":"b","job":"api"}': 20 });
  });

  it('match with on/ignoring and group_left', () => {
    expect(vector('requests / ignoring(instance) group_left limit', 0)).toEqual({
      '{"instance":"a","job":"api"}': 10 / 15,
      '{"instance":"b","job":"api"}': 20 / 15,
    });
    expect(vector('sum by (job) (errors) / on(job) limit', 0)).toEqual({ '{"job":"api"}': 5 / 15 });
  });

  it('reject ambiguous matches with Prometheus messages', () => {
    expect(evalError('requests / on(job) limit')).toBe(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
    expect(evalError('limit > on() requests')).toBe(
      'found duplicate series for the match group {} on the right hand-side of the operation: ' +
        '[{__name__="requests", instance="a", job="api"}, {__name__="requests", instance="b", job="api"}];' +
        'many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });

  it('reject a vector that ends up with the same labelset twice', () => {
    expect(evalError('-{job="api", instance="a"}')).toBe('vector cannot contain metrics with the same labelset');
    expect(evalError('count_over_time({__name__=~"requests|errors", instance="a"}[5m])')).toBe('vector cannot contain metrics with the same labelset');
  });

  it('compute between scalars and with unary minus', () => {
    expect(scalar(engine.instantQuery(head, '-2 ^ 2 + 2 * 3 % 4', 0))).toBe(-2);
    expect(scalar(engine.instantQuery(head, '1 < bool 2', 0))).toBe(1);
    expect(vector('-limit', 0)).toEqual({ '{"job":"api"}': -15 });
  });

  it('set operators', () => {
    expect(Object.keys(vector('requests and on(instance) errors > 2', 0))).toEqual(['{"__name__":"requests","instance":"b","job":"api"}']);
    expect(Object.keys(vector('requests unless on(instance) errors > 2', 0))).toEqual(['{"__name__":"requests","instance":"a","job":"api"}']);
    expect(Object.keys(vector('limit or requests', 0))).toHaveLength(3);
  });
});

describe('more functions and query shapes', () => {
  beforeEach(() => {
    load({ __name__: 'g', i: '1' }, [[0, 3], [M, 1], [2 * M, 2]]);
    load({ __name__: 'g', i: '2' }, [[0, 9], [M, 6], [2 * M, 8]]);
  });

  it('*_over_time, topk, quantile and friends', () => {
    expect(vector('max_over_time(g[3m])', 2 * M)).toEqual({ '{"i":"1"}': 3, '{"i":"2"}': 9 });
    expect(vector('avg_over_time(g[3m])', 2 * M)).toEqual({ '{"i":"1"}': 2, '{"i":"2"}': expect.closeTo(23 / 3, 12) });
    expect(vector('last_over_time(g[3m])', 2 * M)).toEqual({ '{"__name__":"g","i":"1"}': 2, '{"__name__":"g","i":"2"}': 8 });
    expect(vector('topk(1, g)', 2 * M)).toEqual({ '{"__name__":"g","i":"2"}': 8 });
    expect(vector('quantile(0.5, g)', 2 * M)).toEqual({ '{}': 5 });
    expect(vector('stddev(g)', 2 * M)).toEqual({ '{}': 3 });
    expect(vector('count_values("v", g)', 2 * M)).toEqual({ '{"v":"2"}': 1, '{"v":"8"}': 1 });
    expect(vector('timestamp(g)', 2 * M + 10 * S)).toEqual({ '{"i":"1"}': 120, '{"i":"2"}': 120 });
    expect(vector('absent(nothing{job="x"})', 0)).toEqual({ '{"job":"x"}': 1 });
  });

  it('subqueries evaluate the inner query at aligned steps', () => {
    expect(vector('max_over_time(sum(g)[2m:1m])', 2 * M)).toEqual({ '{}': 10 });
    expect(vector('min_over_time(sum(g)[3m:1m])', 2 * M)).toEqual({ '{}': 7 });
  });

  it('@ pins evaluation time', () => {
    expect(vector('g @ 60', 2 * M)).toEqual({ '{"__name__":"g","i":"1"}': 1, '{"__name__":"g","i":"2"}': 6 });
    const r = engine.rangeQuery(head, 'sum(g @ start())', M, 2 * M, M);
    expect(r.type === 'matrix' && r.series[0].v).toEqual([7, 7]);
  });

  it('instant range-vector queries return raw samples; range queries refuse them', () => {
    const r = engine.instantQuery(head, 'g{i="1"}[2m]', 2 * M);
    expect(r).toEqual({ type: 'matrix', series: [{ metric: labelsFromRecord({ __name__: 'g', i: '1' }), t: [M, 2 * M], v: [1, 2] }] });
    expect(() => engine.rangeQuery(head, 'g[1m]', 0, M, M)).toThrow('invalid expression type "range vector" for range query, must be Scalar or instant Vector');
  });

  it('histogram_quantile interpolates classic buckets', () => {
    for (const [le, v] of [['0.1', 10], ['0.5', 30], ['1', 40], ['+Inf', 40]] as const) load({ __name__: 'h_bucket', le }, [[0, v]]);
    // rank 20 falls in (0.1, 0.5] holding 20 observations: 0.1 + 0.4 * (10 / 20).
    expect(vector('histogram_quantile(0.5, h_bucket)', 0)).toEqual({ '{}': expect.closeTo(0.3, 12) });
  });

  it('enforces the sample limit', () => {
    const tiny = new Engine({ maxSamples: 3 });
    expect(() => tiny.instantQuery(head, 'g[5m]', 2 * M)).toThrow('query processing would load too many samples into memory in query execution');
  });
});
