// The status endpoints, /api/v1/alertmanagers, /api/v1/format_query and the `limit` parameter, answered from the
// running playground under msw/node (playground.ts).

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { effectiveConfigYaml } from '../../src/config/effective.ts';
import { DEFAULT_ALERTING_YAML } from '../../src/rules/default.ts';
import { apiPlayground } from './playground.ts';

const { clock, prom, get } = apiPlayground({ configAfterMs: 5_000 });

const TRUNCATED = 'results truncated due to limit';

describe('GET /api/v1/status/*', () => {
  it('buildinfo says it is promlab and which Prometheus it mimics', async () => {
    const { status, body } = await get('/api/v1/status/buildinfo');
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(Object.keys(body.data)).toEqual(['version', 'revision', 'branch', 'buildUser', 'buildDate', 'goVersion']);
    expect(body.data.version).toMatch(/^3\.\d+\.\d+-promlab$/);
    expect(body.data.goVersion).toMatch(/^go1\.\d+/);
  });

  it('config is the running YAML with its defaults', async () => {
    const { body } = await get('/api/v1/status/config');
    expect(body.data).toEqual({ yaml: effectiveConfigYaml(prom.config()!) });
    expect(body.data.yaml).toContain('job_name: image-gallery');
    expect(body.data.yaml).toContain('scrape_timeout:');
  });

  it('flags carry the head retention and the engine lookback delta as strings', async () => {
    const { body } = await get('/api/v1/status/flags');
    expect(body.data).toMatchObject({
      'storage.tsdb.retention.time': '15d',
      'query.lookback-delta': '5m',
      'query.max-samples': '50000000',
      'config.file': '/etc/prometheus/prometheus.yml',
      'web.listen-address': '0.0.0.0:9090',
    });
    for (const v of Object.values(body.data)) expect(typeof v).toBe('string');
  });

  it('runtimeinfo times come from the virtual clock and the last reload', async () => {
    const { body } = await get('/api/v1/status/runtimeinfo');
    expect(body.data).toMatchObject({
      startTime: '2026-11-24T09:00:00Z',
      serverTime: new Date(clock.now()).toISOString().replace(/\.?0+Z$/, 'Z'),
      reloadConfigSuccess: true,
      lastConfigTime: '2026-11-24T09:00:05Z',
      corruptionCount: 0,
      storageRetention: '15d',
      CWD: '/prometheus',
    });
    expect(body.data.goroutineCount).toBeGreaterThan(prom.targets().length);
  });

  it('runtimeinfo reports a rejected reload', async () => {
    expect(prom.applyConfig('scrape_configs: [{job_name: 1, bogus: true}]').ok).toBe(false);
    try {
      const { body } = await get('/api/v1/status/runtimeinfo');
      expect(body.data.reloadConfigSuccess).toBe(false);
      expect(body.data.lastConfigTime).toBe(new Date(clock.now()).toISOString().replace(/\.?0+Z$/, 'Z'));
    } finally {
      expect(prom.applyConfig(DEFAULT_CONFIG_YAML + DEFAULT_ALERTING_YAML).ok).toBe(true);
    }
  });

  it('tsdb shows the head stats and the top 10 by default, `limit` of them when asked', async () => {
    const { body } = await get('/api/v1/status/tsdb');
    const st = prom.head.status(1_000_000);
    expect(body.data.headStats).toEqual({
      numSeries: st.series,
      numLabelPairs: st.labelValueCountByLabelName.reduce((n, c) => n + c.value, 0),
      chunkCount: st.chunks,
      minTime: st.minTime,
      maxTime: st.maxTime,
    });
    expect(body.data.seriesCountByMetricName).toEqual(prom.head.status(10).seriesCountByMetricName);
    expect(body.data.seriesCountByMetricName).toHaveLength(10);
    const three = await get('/api/v1/status/tsdb?limit=3');
    for (const k of ['seriesCountByMetricName', 'labelValueCountByLabelName', 'memoryInBytesByLabelName', 'seriesCountByLabelValuePair']) {
      expect(three.body.data[k]).toEqual(body.data[k].slice(0, 3));
    }
    for (const bad of ['0', '-1', 'x']) {
      expect(await get(`/api/v1/status/tsdb?limit=${bad}`)).toEqual({
        status: 400,
        body: { status: 'error', errorType: 'bad_data', error: 'limit must be a positive number' },
      });
    }
  });
});

describe('GET /api/v1/alertmanagers', () => {
  it('lists the Alertmanagers of alerting.alertmanagers', async () => {
    const { body } = await get('/api/v1/alertmanagers');
    expect(body.data).toEqual({ activeAlertmanagers: [{ url: 'http://alertmanager:9093/api/v2/alerts' }], droppedAlertmanagers: [] });
  });
});

describe('/api/v1/format_query', () => {
  it('prints the query canonically, by GET or POST', async () => {
    const q = 'sum(rate(x[5m]))by(job)';
    const { body } = await get(`/api/v1/format_query?query=${encodeURIComponent(q)}`);
    expect(body).toEqual({ status: 'success', data: 'sum by (job) (rate(x[5m]))' });
    const res = await fetch('http://localhost:9090/api/v1/format_query', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'up{job="a"}  offset 5m' }),
    });
    expect((await res.json()).data).toBe('up{job="a"} offset 5m');
  });

  it('reports a parse error as bad_data', async () => {
    expect(await get('/api/v1/format_query?query=sum(')).toEqual({
      status: 400,
      body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis' },
    });
  });
});

describe('the limit parameter', () => {
  it('truncates an instant vector and a range matrix, with the warning', async () => {
    const all = await get('/api/v1/query?query=up');
    expect(all.body.data.result.length).toBeGreaterThan(2);
    const two = await get('/api/v1/query?query=up&limit=2');
    expect(two.body.data.result).toEqual(all.body.data.result.slice(0, 2));
    expect(two.body.warnings).toEqual([TRUNCATED]);
    expect((await get('/api/v1/query?query=up&limit=0')).body).not.toHaveProperty('warnings');
    expect((await get('/api/v1/query?query=up&limit=100')).body).not.toHaveProperty('warnings');
    expect((await get('/api/v1/query?query=1%2B1&limit=1')).body).not.toHaveProperty('warnings');

    const end = clock.now() / 1000;
    const range = await get(`/api/v1/query_range?query=up&start=${end - 60}&end=${end}&step=15&limit=1`);
    expect(range.body.data.resultType).toBe('matrix');
    expect(range.body.data.result).toHaveLength(1);
    expect(range.body.warnings).toEqual([TRUNCATED]);
  });

  it('truncates series, label names and label values', async () => {
    const series = await get('/api/v1/series?match[]=up&limit=2');
    expect(series.body.data).toHaveLength(2);
    expect(series.body.warnings).toEqual([TRUNCATED]);
    const names = await get('/api/v1/labels?limit=1');
    expect(names.body).toEqual({ status: 'success', data: ['__name__'], warnings: [TRUNCATED] });
    const matched = await get('/api/v1/labels?match[]=up&limit=2');
    expect(matched.body).toEqual({ status: 'success', data: ['__name__', 'instance'], warnings: [TRUNCATED] });
    const jobs = await get('/api/v1/label/job/values?limit=2');
    expect(jobs.body).toEqual({ status: 'success', data: ['access-log', 'docker'], warnings: [TRUNCATED] });
    const exact = await get('/api/v1/label/job/values?limit=4');
    expect(exact.body).toEqual({ status: 'success', data: ['access-log', 'docker', 'image-gallery', 'iotd-api'] });
  });

  it('refuses a negative or non-numeric limit like Prometheus', async () => {
    expect(await get('/api/v1/series?match[]=up&limit=-1')).toEqual({
      status: 400,
      body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "limit": limit must be non-negative' },
    });
    expect((await get('/api/v1/query?query=up&limit=ten')).body.error).toBe('invalid parameter "limit": strconv.Atoi: parsing "ten": invalid syntax');
  });
});
