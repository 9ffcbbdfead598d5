// The scrape side end to end through the running Prometheus: relabel_configs on targets, file_sd from the in-page
// disk, metric_relabel_configs, limits, honor_timestamps, OpenMetrics negotiation, metadata and reloads.

import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { Files } from '../../src/files/files.ts';
import { getLabel, labelsToRecord } from '../../src/model/labels/labels.ts';
import type { Value } from '../../src/promql/value.ts';
import { Prometheus } from '../../src/server/prometheus.ts';

const T0 = Date.UTC(2026, 0, 1);
const TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
const server = setupServer();
let clock: VirtualClock;
let files: Files;
let prom: Prometheus;
/** What each host serves: body and Content-Type; requests seen, with their Accept header and query. */
let served: Record<string, { body: string; type: string | null }>;
let requests: { url: string; accept: string | null }[];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  clock = new VirtualClock(T0);
  files = new Files();
  served = {};
  requests = [];
  server.use(
    http.get(/^http:\/\/(app\w*|10\.0\.0\.\d+)(:\d+)?\//, ({ request }) => {
      requests.push({ url: request.url, accept: request.headers.get('accept') });
      const host = new URL(request.url).hostname;
      const page = served[host] ?? { body: 'up_and_running 1\n', type: TEXT };
      // Bytes, not a string: a string body would get a default text/plain Content-Type.
      return new HttpResponse(new TextEncoder().encode(page.body), { headers: page.type ? { 'Content-Type': page.type } : {} });
    }),
  );
  prom = new Prometheus({ clock, fetch: (...a) => fetch(...a), resolver: { lookupA: async () => [] }, files });
});
afterEach(() => {
  prom.stop();
  server.resetHandlers();
});

/** Applies a config; scrapes every 10 s unless it says otherwise (Prometheus' default is 1 m). */
function load(yaml: string): void {
  const r = prom.applyConfig(yaml.includes('global:') ? yaml : `global:\n  scrape_interval: 10s\n${yaml}`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

function vector(v: Value): Record<string, number>[] {
  if (v.type !== 'vector') throw new Error(`expected a vector, got ${v.type}`);
  return v.samples.map((s) => ({ ...labelsToRecord(s.metric), value: s.v }) as unknown as Record<string, number>);
}

const q = (expr: string) => vector(prom.instantQuery(expr));

describe('relabel_configs on targets', () => {
  it('rewrites target labels, drops targets with the reason, and builds the URL from __ labels', async () => {
    load(`scrape_configs:
  - job_name: web
    params: { format: [prometheus] }
    static_configs:
      - targets: [app1:8080, app2:8080, app3:8080]
        labels: { env: prod }
    relabel_configs:
      - source_labels: [__address__]
        regex: app3:.*
        action: drop
      - source_labels: [__address__]
        regex: (\\w+):\\d+
        target_label: instance
      - target_label: __metrics_path__
        replacement: /custom/metrics
      - source_labels: [env]
        target_label: __param_env
`);
    await clock.advance(20_000);
    const targets = prom.targets();
    expect(targets.map((t) => labelsToRecord(t.labels))).toEqual([
      { env: 'prod', instance: 'app1', job: 'web' },
      { env: 'prod', instance: 'app2', job: 'web' },
    ]);
    expect(targets[0].scrapeUrl).toBe('http://app1:8080/custom/metrics?env=prod&format=prometheus');
    expect(targets[0].health).toBe('up');
    const dropped = prom.droppedTargets();
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ scrapePool: 'web', reason: 'dropped by relabel_configs[0] (action drop)' });
    expect(getLabel(dropped[0].discoveredLabels, '__address__')).toBe('app3:8080');
    expect(q('up').map((s) => s.instance)).toEqual(['app1', 'app2']);
  });

  it('reports targets whose labels are invalid after relabeling as dropped with Prometheus\' reason', async () => {
    load(`scrape_configs:
  - job_name: bad
    static_configs: [{ targets: [app1] }]
    relabel_configs:
      - target_label: __scrape_timeout__
        replacement: 1m
`);
    await clock.advance(1_000);
    expect(prom.targets()).toEqual([]);
    expect(prom.droppedTargets()[0].reason).toBe('scrape timeout cannot be greater than scrape interval ("1m" > "10s")');
  });
});

describe('file_sd_configs', () => {
  it('reads target files, follows edits at once, and keeps the last good groups of a broken file', async () => {
    files.write('/etc/prometheus/targets/a.json', '[{"targets": ["app1"], "labels": {"team": "a"}}]');
    load('scrape_configs:\n  - job_name: files\n    file_sd_configs:\n      - files: [targets/*.json]\n');
    await clock.advance(1_000);
    expect(prom.targets().map((t) => labelsToRecord(t.discoveredLabels).__meta_filepath)).toEqual(['/etc/prometheus/targets/a.json']);

    files.write('/etc/prometheus/targets/b.json', '[{"targets": ["app2", "app3"]}]');
    await clock.advance(1_000); // far less than refresh_interval: the watch fired
    expect(prom.targets().map((t) => getLabel(t.labels, 'instance'))).toEqual(['app1', 'app2', 'app3']);

    files.write('/etc/prometheus/targets/b.json', '[{"targets": ["app2"], "labelz": {}}]');
    await clock.advance(1_000);
    expect(prom.targets()).toHaveLength(3);
    expect(prom.fileSDErrors().map(({ job, error }) => [job, error.message])).toEqual([
      ['files', '/etc/prometheus/targets/b.json:1:24: field labelz not found in a target group (only "targets" and "labels")'],
    ]);

    await clock.advance(60_000);
    files.remove('/etc/prometheus/targets/b.json');
    await clock.advance(1_000);
    expect(prom.targets().map((t) => getLabel(t.labels, 'instance'))).toEqual(['app1']);
    // The removed targets' series end at once: staleness markers, not a 5-minute lookback tail.
    expect(q('up').map((s) => s.instance)).toEqual(['app1']);
    expect(prom.fileSDErrors()).toEqual([]);
  });
});

describe('scraping', () => {
  it('applies metric_relabel_configs and reports scraped vs post-relabeling counts', async () => {
    served.app1 = { body: 'keep_me 1\ndrop_me 2\nalso_kept{x="1"} 3\n', type: TEXT };
    load(`scrape_configs:
  - job_name: j
    static_configs: [{ targets: [app1] }]
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: drop_.*
        action: drop
      - action: labeldrop
        regex: x
`);
    await clock.advance(10_000);
    expect(prom.metricNames().filter((n) => !n.startsWith('scrape_') && n !== 'up')).toEqual(['also_kept', 'keep_me']);
    expect(q('also_kept')[0]).toEqual({ __name__: 'also_kept', instance: 'app1', job: 'j', value: 3 });
    expect(q('scrape_samples_scraped')[0].value).toBe(3);
    expect(q('scrape_samples_post_metric_relabeling')[0].value).toBe(2);
    expect(prom.targets()[0]).toMatchObject({ samplesScraped: 3, samplesPostMetricRelabeling: 2 });
  });

  it('fails the scrape over sample_limit or label_limit, writing nothing', async () => {
    served.app1 = { body: 'a 1\nb 2\nc 3\n', type: TEXT };
    served.app2 = { body: 'wide{a="1",b="2",c="3"} 1\n', type: TEXT };
    load(`scrape_configs:
  - job_name: samples
    sample_limit: 2
    static_configs: [{ targets: [app1] }]
  - job_name: labels
    label_limit: 4
    static_configs: [{ targets: [app2] }]
`);
    await clock.advance(10_000);
    const [samples, labels] = prom.targets();
    expect([samples.health, samples.lastError, samples.sampleLimitExceeded]).toEqual(['down', 'sample limit exceeded', 1]);
    expect(labels.lastError).toBe('label_limit exceeded (metric: wide{a="1",b="2",c="3"}, number of labels: 6, limit: 4)');
    expect(q('a')).toEqual([]);
    expect(q('up').map((s) => s.value)).toEqual([0, 0]);
  });

  it('fails the scrape over label_name_length_limit and label_value_length_limit', async () => {
    served.app1 = { body: 'm{a_rather_long_name="x"} 1\n', type: TEXT };
    served.app2 = { body: 'm{path="/a/very/long/path"} 1\n', type: TEXT };
    load(`scrape_configs:
  - job_name: names
    label_name_length_limit: 10
    static_configs: [{ targets: [app1] }]
  - job_name: values
    label_value_length_limit: 10
    static_configs: [{ targets: [app2] }]
`);
    await clock.advance(10_000);
    expect(prom.targets().map((t) => t.lastError)).toEqual([
      'label_name_length_limit exceeded (metric: m{a_rather_long_name="x"}, label name: a_rather_long_name, length: 18, limit: 10)',
      'label_value_length_limit exceeded (metric: m{path="/a/very/long/path"}, label name: path, value: "/a/very/long/path", length: 17, limit: 10)',
    ]);
  });

  it('ends series with explicit timestamps only under track_timestamps_staleness', async () => {
    served.app1 = { body: `stamped 1 ${T0 + 1_000}\n`, type: TEXT };
    served.app2 = served.app1;
    load(`scrape_configs:
  - job_name: plain
    static_configs: [{ targets: [app1] }]
  - job_name: tracked
    track_timestamps_staleness: true
    static_configs: [{ targets: [app2] }]
`);
    await clock.advance(10_000);
    served.app1 = served.app2 = { body: '', type: TEXT };
    await clock.advance(10_000);
    expect(q('stamped').map((s) => s.job)).toEqual(['plain']);
    // A staleness marker older than the series' newest (future) sample is dropped, not an error.
    served.app2 = { body: `stamped 1 ${clock.now() + 3_600_000}\n`, type: TEXT };
    await clock.advance(10_000);
    served.app2 = { body: '', type: TEXT };
    await clock.advance(10_000);
    expect(prom.targets()[1].health).toBe('up');
    expect(prom.targets()[1].lastScrape).toBeGreaterThan(clock.now() - 10_000);
  });

  it('parses a response without Content-Type by fallback_scrape_protocol', async () => {
    served.app1 = { body: 'a 1\n', type: null };
    load('scrape_configs:\n  - job_name: j\n    fallback_scrape_protocol: PrometheusText0.0.4\n    static_configs: [{ targets: [app1] }]\n');
    await clock.advance(10_000);
    expect(prom.targets()[0].health).toBe('up');
    expect(q('a')[0].value).toBe(1);
  });

  it('asks only for the formats in scrape_protocols', async () => {
    load('scrape_configs:\n  - job_name: j\n    scrape_protocols: [PrometheusText0.0.4]\n    static_configs: [{ targets: [app1] }]\n');
    await clock.advance(10_000);
    expect(requests[0].accept).toBe('text/plain;version=0.0.4;q=0.6,*/*;q=0.5');
  });

  it('fails every scrape of a pool over target_limit, and keeps keep_dropped_targets dropped targets', async () => {
    load(`scrape_configs:
  - job_name: many
    target_limit: 2
    keep_dropped_targets: 1
    static_configs: [{ targets: [app1, app2, app3, app4, app5] }]
    relabel_configs:
      - source_labels: [__address__]
        regex: app[45]
        action: drop
`);
    await clock.advance(10_000);
    expect(prom.targets().map((t) => [t.health, t.lastError])).toEqual(
      Array(3).fill(['down', 'target_limit exceeded (number of targets: 3, limit: 2)']),
    );
    expect(requests).toEqual([]);
    expect(prom.droppedTargets()).toHaveLength(1);
  });

  it('reports scrape_timeout_seconds, scrape_sample_limit and scrape_body_size_bytes under extra_scrape_metrics', async () => {
    served.app1 = { body: 'a 1\n', type: TEXT };
    load(`global:
  scrape_interval: 10s
  extra_scrape_metrics: true
scrape_configs:
  - job_name: extra
    scrape_timeout: 4s
    sample_limit: 50
    static_configs: [{ targets: [app1] }]
  - job_name: plain
    extra_scrape_metrics: false
    static_configs: [{ targets: [app2] }]
`);
    await clock.advance(10_000);
    expect(q('scrape_timeout_seconds').map((s) => [s.job, s.value])).toEqual([['extra', 4]]);
    expect(q('scrape_sample_limit')[0].value).toBe(50);
    expect(q('scrape_body_size_bytes')[0].value).toBe(4);
  });

  it('fails a scrape whose body is over body_size_limit', async () => {
    served.app1 = { body: `big ${'1'.repeat(2000)}\n`, type: TEXT };
    load('scrape_configs:\n  - job_name: j\n    body_size_limit: 1KB\n    static_configs: [{ targets: [app1, app2] }]\n');
    await clock.advance(10_000);
    expect(prom.targets().map((t) => t.lastError)).toEqual(['body size limit exceeded', '']);
  });

  it('uses explicit timestamps unless honor_timestamps is false', async () => {
    served.app1 = { body: `stamped 1 ${T0 - 60_000}\n`, type: TEXT };
    served.app2 = served.app1;
    load(`scrape_configs:
  - job_name: honor
    static_configs: [{ targets: [app1] }]
  - job_name: ignore
    honor_timestamps: false
    static_configs: [{ targets: [app2] }]
`);
    await clock.advance(10_000);
    const stamped = q('timestamp(stamped)');
    expect(stamped.map((s) => [s.job, s.value])).toEqual([
      ['honor', (T0 - 60_000) / 1000],
      ['ignore', prom.targets()[1].lastScrape! / 1000],
    ]);
  });

  it("negotiates OpenMetrics with Prometheus 3's Accept header, reads # EOF, _created and exemplars", async () => {
    served.app1 = {
      body:
        '# TYPE http_requests counter\n# HELP http_requests Requests.\n# UNIT http_requests requests\n' +
        'http_requests_total{code="200"} 7 # {trace_id="abc"} 1 1700000000\nhttp_requests_created{code="200"} 1700000000\n' +
        '# TYPE latency_seconds histogram\nlatency_seconds_bucket{le="1"} 2\nlatency_seconds_bucket{le="+Inf"} 3\n' +
        'latency_seconds_count 3\nlatency_seconds_sum 1.5\n# EOF\n',
      type: OPENMETRICS,
    };
    load('scrape_configs:\n  - job_name: om\n    static_configs: [{ targets: [app1] }]\n');
    await clock.advance(10_000);
    expect(requests[0].accept).toBe(
      'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,' +
        'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
    );
    expect(prom.targets()[0].health).toBe('up');
    expect(q('http_requests_total')[0].value).toBe(7);
    expect(q('http_requests_created')[0].value).toBe(1700000000);
    // Prometheus 3 writes le as a canonical float: "1" becomes "1.0".
    expect(q('latency_seconds_bucket').map((s) => s.le)).toEqual(['+Inf', '1.0']);
    expect(prom.metadata().get('http_requests')).toEqual([{ type: 'counter', help: 'Requests.', unit: 'requests' }]);
  });

  it('rejects a response without a usable Content-Type, as Prometheus 3 does', async () => {
    served.app1 = { body: 'a 1\n', type: null };
    served.app2 = { body: '{"a": 1}', type: 'application/json' };
    load('scrape_configs:\n  - job_name: j\n    static_configs: [{ targets: [app1, app2] }]\n');
    await clock.advance(10_000);
    expect(prom.targets().map((t) => t.lastError)).toEqual([
      'non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target',
      'received unsupported Content-Type "application/json" and no fallback_scrape_protocol specified for target',
    ]);
  });

  it('collects metadata per metric family across targets, like /api/v1/metadata', async () => {
    served.app1 = { body: '# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total 1\n# TYPE temp untyped\ntemp 3\n', type: TEXT };
    load('scrape_configs:\n  - job_name: j\n    static_configs: [{ targets: [app1] }]\n');
    await clock.advance(10_000);
    expect(Object.fromEntries(prom.metadata())).toEqual({
      jobs_total: [{ type: 'counter', help: 'Jobs.', unit: '' }],
      temp: [{ type: 'unknown', help: '', unit: '' }],
    });
  });
});

describe('reload', () => {
  const config = (interval: string, extra = '') =>
    `scrape_configs:\n  - job_name: a\n    scrape_interval: ${interval}\n    static_configs: [{ targets: [app1] }]\n` +
    `  - job_name: b\n    scrape_interval: 10s\n    static_configs: [{ targets: [app2] }]\n${extra}`;

  it('keeps unchanged pools and the series of changed ones; a bad config leaves the old one running', async () => {
    load(config('10s'));
    await clock.advance(30_000);
    const before = prom.targets();
    load(config('5s'));
    const after = prom.targets();
    expect(after[1].lastScrape).toBe(before[1].lastScrape);
    // The changed pool's target keeps its state, now on a 5s interval.
    expect([after[0].health, after[0].scrapeInterval]).toEqual(['up', 5_000]);
    await clock.advance(30_000);
    // No gap and no staleness marker: up{job="a"} has samples on both sides of the reload.
    const series = prom.head.select([], { start: T0, end: clock.now() }).find((s) => getLabel(s.labels, '__name__') === 'up' && getLabel(s.labels, 'job') === 'a')!;
    expect([...series.stale].every((x) => x === 0)).toBe(true);
    expect(series.t.length).toBeGreaterThanOrEqual(3 + 5);
    // The unchanged pool kept its loop, so its scrapes stay on the same phase of the 10 s grid.
    expect((prom.targets()[1].lastScrape! - before[1].lastScrape!) % 10_000).toBe(0);

    const bad = prom.applyConfig(config('5s', '  - job_name: a\n'));
    expect(bad.ok).toBe(false);
    expect(prom.lastReload()).toMatchObject({ ok: false, time: clock.now() });
    expect(prom.configText()).toContain(config('5s'));
    expect(prom.targets()).toHaveLength(2);

    // A job removed from the config: its pool stops and its series end at once in PromQL.
    load('scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    static_configs: [{ targets: [app1] }]\n');
    expect(prom.targets().map((t) => t.scrapePool)).toEqual(['a']);
    await clock.advance(1);
    expect(q('up').map((s) => s.job)).toEqual(['a']);
  });
  it('ends the series of a target that goes right after a reload, before its restarted loop scraped', async () => {
    const cfg = (interval: string) => `scrape_configs:\n  - job_name: a\n    scrape_interval: ${interval}\n    file_sd_configs: [{ files: [t.json] }]\n`;
    files.write('/etc/prometheus/t.json', '[{"targets": ["app1", "app3"]}]');
    load(cfg('10s'));
    await clock.advance(30_000);
    expect(q('up').map((s) => s.instance)).toEqual(['app1', 'app3']);
    // The reload restarts both loops; app3 leaves before its new loop's first scrape.
    load(cfg('5s'));
    files.write('/etc/prometheus/t.json', '[{"targets": ["app1"]}]');
    await clock.advance(1);
    expect(q('up').map((s) => s.instance)).toEqual(['app1']);
  });
});
