// The HTTP API at localhost:9090 under msw/node, next to the simulated world: its answers are the engine's results in
// Prometheus' JSON shape, and its errors use Prometheus' types, status codes and wording.

import { describe, expect, it } from 'vitest';
import { PrometheusApi } from '../../src/api/server.ts';
import { queryData } from '../../src/api/json.ts';
import { formatFloat } from '../../src/model/strconv.ts';
import { DEFAULT_RULES_PATH } from '../../src/rules/default.ts';
import { apiPlayground, T0 } from './playground.ts';

const { clock, prom, get } = apiPlayground();

const SEED = [
  'access_log_total',
  'access_log_total{instance="172.20.0.6:80"}',
  'sum(access_log_total) without(hostname, instance)',
  'sum(image_gallery_requests_total{code="200"}) without(instance)',
  'sum(image_gallery_requests_total) without(instance, code, method)',
  'sum(go_goroutines{job="image-gallery"}) without(instance)',
  'sum(rate(image_gallery_requests_total[1m])) by (code)',
  'up',
  '1 + 2',
];

describe('GET /api/v1/query', () => {
  it.each(SEED)('answers %s with the engine result', async (expr) => {
    const { status, body } = await get(`/api/v1/query?query=${encodeURIComponent(expr)}`);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'success', data: JSON.parse(JSON.stringify(queryData(prom.instantQuery(expr)))) });
  });

  it('shapes a vector like Prometheus: metric labels, [unix seconds, "value"]', async () => {
    const { body } = await get('/api/v1/query?query=up%7Bjob%3D%22image-gallery%22%7D');
    expect(body.data.resultType).toBe('vector');
    expect(body.data.result).toEqual([
      { metric: { __name__: 'up', instance: 'image-gallery', job: 'image-gallery' }, value: [clock.now() / 1000, '1'] },
    ]);
  });

  it('evaluates at the given time, in seconds or RFC 3339', async () => {
    const at = (T0 + 30_000) / 1000;
    const a = await get(`/api/v1/query?query=time()&time=${at}`);
    expect(a.body.data).toEqual({ resultType: 'scalar', result: [at, String(at)] });
    const b = await get(`/api/v1/query?query=time()&time=2026-11-24T09:00:30Z`);
    expect(b.body.data).toEqual(a.body.data);
  });

  it('accepts a form-encoded POST', async () => {
    const res = await fetch('http://localhost:9090/api/v1/query', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'count(up)' }),
    });
    expect((await res.json()).data.result[0].value[1]).toBe('6');
  });

  it('lists the engine\'s infos and warnings next to the data', async () => {
    const expr = 'quantile(2, up)';
    const { body } = await get(`/api/v1/query?query=${encodeURIComponent(expr)}`);
    const { infos, warnings } = prom.engine.instantQueryResult(prom.head, expr, clock.now());
    expect(warnings.length).toBeGreaterThan(0);
    expect(body.warnings).toEqual(warnings);
    expect(body.warnings[0]).toContain('quantile value should be between 0 and 1');
    expect(body.infos).toEqual(infos.length ? infos : undefined);
    const quiet = await get('/api/v1/query?query=up');
    expect(Object.keys(quiet.body)).toEqual(['status', 'data']);
  });

  it('reports a parse error as bad_data 400 with its position', async () => {
    const { status, body } = await get('/api/v1/query?query=sum(');
    expect(status).toBe(400);
    expect(body).toEqual({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis' });
  });

  it('reports a bad time as bad_data', async () => {
    const { status, body } = await get('/api/v1/query?query=up&time=yesterday');
    expect(status).toBe(400);
    expect(body.error).toBe('invalid parameter "time": cannot parse "yesterday" to a valid timestamp');
  });

  it('reports an evaluation error as execution 422', async () => {
    const { status, body } = await get(`/api/v1/query?query=${encodeURIComponent('up * on() up')}`);
    expect(status).toBe(422);
    expect(body.errorType).toBe('execution');
  });
});

describe('GET /api/v1/query_range', () => {
  it('answers a matrix equal to the engine range query', async () => {
    const expr = 'sum(rate(image_gallery_requests_total[1m])) by (code)';
    const start = (T0 + 60_000) / 1000;
    const end = clock.now() / 1000;
    const { body } = await get(`/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${start}&end=${end}&step=15s`);
    expect(body.status).toBe('success');
    expect(body.data).toEqual(JSON.parse(JSON.stringify(queryData(prom.rangeQuery(expr, start * 1000, end * 1000, 15_000)))));
    expect(body.data.result.length).toBeGreaterThan(0);
  });

  it('checks step, order and resolution like Prometheus', async () => {
    const zero = await get('/api/v1/query_range?query=up&start=0&end=10&step=0');
    expect(zero.body.error).toBe(
      'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
    const order = await get('/api/v1/query_range?query=up&start=10&end=0&step=1');
    expect(order.body.error).toBe('invalid parameter "end": end timestamp must not be before start time');
    const many = await get('/api/v1/query_range?query=up&start=0&end=100000&step=1');
    expect(many.body.error).toContain('exceeded maximum resolution of 11,000 points');
    const range = await get('/api/v1/query_range?query=up[5m]&start=0&end=10&step=1');
    expect(range.status).toBe(400);
    expect(range.body.error).toContain('invalid expression type "range vector" for range query');
  });
});

describe('series and labels', () => {
  it('lists series for match[], sorted, without duplicates', async () => {
    const { body } = await get('/api/v1/series?match[]=up&match[]=up%7Bjob%3D%22docker%22%7D');
    expect(body.data.map((m: Record<string, string>) => m.job)).toEqual(['access-log', 'access-log', 'access-log', 'docker', 'image-gallery', 'iotd-api']);
    const none = await get('/api/v1/series');
    expect(none).toMatchObject({ status: 400, body: { errorType: 'bad_data', error: 'no match[] parameter provided' } });
    const empty = await get('/api/v1/series?match[]=%7Bjob%3D~%22.*%22%7D');
    expect(empty.body.error).toBe('invalid parameter "match[]": 1:1: parse error: vector selector must contain at least one non-empty matcher');
  });

  it('lists label names and values from the index, optionally for match[]', async () => {
    const names = await get('/api/v1/labels');
    expect(names.body.data).toEqual(expect.arrayContaining(['__name__', 'instance', 'job', 'code']));
    const upNames = await get('/api/v1/labels?match[]=up');
    expect(upNames.body.data).toEqual(['__name__', 'instance', 'job']);
    const jobs = await get('/api/v1/label/job/values');
    expect(jobs.body.data).toEqual(['access-log', 'docker', 'image-gallery', 'iotd-api']);
    const metricNames = await get('/api/v1/label/__name__/values?match[]=%7Bjob%3D%22access-log%22%2C__name__%3D~%22access_log.*%22%7D');
    expect(metricNames.body.data).toEqual(['access_log_total']);
  });
});

describe('targets, rules, alerts and health', () => {
  it('lists active targets in the API shape', async () => {
    const { body } = await get('/api/v1/targets');
    const gallery = body.data.activeTargets.find((t: { scrapePool: string }) => t.scrapePool === 'image-gallery');
    expect(gallery).toMatchObject({
      labels: { instance: 'image-gallery', job: 'image-gallery' },
      scrapeUrl: 'http://image-gallery/metrics',
      health: 'up',
      lastError: '',
      scrapeInterval: '10s',
    });
    expect(gallery.lastScrape).toMatch(/^2026-11-24T09:0\d:\d\d(\.\d+)?Z$/);
    expect(body.data.droppedTargets).toEqual([]);
    expect(body.data.droppedTargetCounts).toEqual({ 'image-gallery': 0, 'iotd-api': 0, 'access-log': 0, docker: 0 });
    const dropped = await get('/api/v1/targets?state=dropped');
    expect(dropped.body.data.activeTargets).toEqual([]);
  });

  it('lists the rule groups of the loaded rule files, filtered by type', async () => {
    const { body } = await get('/api/v1/rules');
    expect(body.status).toBe('success');
    const group = body.data.groups.find((g: { name: string }) => g.name === 'image-gallery');
    expect(group).toMatchObject({ file: DEFAULT_RULES_PATH, interval: 15 });
    expect(group.lastEvaluation).toMatch(/^2026-11-24T09:0\d:\d\d(\.\d+)?Z$/);
    const recording = group.rules.find((r: { type: string }) => r.type === 'recording');
    expect(recording).toMatchObject({ name: 'job:image_gallery_requests:rate1m', health: 'ok' });
    expect(recording).not.toHaveProperty('lastError');
    const alerting = group.rules.find((r: { type: string }) => r.type === 'alerting');
    expect(alerting).toMatchObject({ name: 'ImageGalleryHighErrorRate', duration: 60, labels: { severity: 'critical' }, alerts: expect.any(Array) });

    const records = await get('/api/v1/rules?type=record');
    const kinds = records.body.data.groups.flatMap((g: { rules: { type: string }[] }) => g.rules.map((r) => r.type));
    expect(new Set(kinds)).toEqual(new Set(['recording']));
    const bad = await get('/api/v1/rules?type=sometimes');
    expect(bad).toMatchObject({ status: 400, body: { errorType: 'bad_data', error: 'invalid parameter "type": not supported value "sometimes"' } });
  });

  it('lists the active alerts the rule manager holds', async () => {
    const { body } = await get('/api/v1/alerts');
    expect(body.data.alerts).toEqual(prom.rules.alerts().map((a) => expect.objectContaining({ labels: a.labels, state: a.state, value: formatFloat(a.value, 'e') })));
  });

  it('reports metric metadata from the scrapes', async () => {
    const { body } = await get('/api/v1/metadata?metric=access_log_total');
    expect(body.data).toEqual({ access_log_total: [{ type: 'counter', help: 'Access Log - total log requests', unit: '' }] });
    const limited = await get('/api/v1/metadata?limit=2');
    expect(Object.keys(limited.body.data)).toHaveLength(2);
    expect((await get('/api/v1/metadata?limit=x')).body.error).toBe('limit must be a number');
  });

  it('answers on localhost and the compose name, leaving 127.0.0.1:9090 to a real Prometheus', () => {
    const api = new PrometheusApi(prom);
    expect(['http://localhost:9090/api/v1/query', 'http://prometheus:9090/-/healthy', 'http://127.0.0.1:9090/api/v1/query', 'http://localhost:9091/'].map((u) => api.serves(u))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('answers health checks and 404s other paths', async () => {
    expect(await (await fetch('http://localhost:9090/-/healthy')).text()).toBe('Prometheus Server is Healthy.\n');
    expect((await fetch('http://localhost:9090/api/v1/nope')).status).toBe(404);
    expect((await fetch('http://localhost:9090/api/v1/targets', { method: 'POST' })).status).toBe(405);
    expect((await get('/api/v1/label/%E0/values')).body.errorType).toBe('bad_data');
  });
});

describe('value formats', () => {
  it('writes alert values like Go strconv.FormatFloat(v, e, -1, 64)', () => {
    expect([1, 0.5, 1234, 0.0625, -3e-7, 1e21].map((v) => formatFloat(v, 'e'))).toEqual(['1e+00', '5e-01', '1.234e+03', '6.25e-02', '-3e-07', '1e+21']);
  });

  it('writes sample values like Go strconv.FormatFloat(v, f, -1, 64)', () => {
    expect([1, 0.5, 1e21, 1.5e-7, -2e22, NaN, Infinity, -Infinity].map((v) => formatFloat(v, 'f'))).toEqual([
      '1',
      '0.5',
      '1000000000000000000000',
      '0.00000015',
      '-20000000000000000000000',
      'NaN',
      '+Inf',
      '-Inf',
    ]);
  });
});
