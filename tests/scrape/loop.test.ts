import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_SCRAPE_PROTOCOLS, acceptHeader } from '../../src/config/protocols.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { ScrapeConfig } from '../../src/config/types.ts';
import { getLabel, labelsToRecord } from '../../src/model/labels/labels.ts';
import { Matcher } from '../../src/model/labels/matcher.ts';
import { ScrapePool, scrapeOffset } from '../../src/scrape/pool.ts';
import { Head } from '../../src/tsdb/head.ts';

/** A scrape config with Prometheus' defaults, as the loader fills them in. */
const loaded = loadConfig('scrape_configs:\n  - job_name: j\n');
if (!loaded.ok) throw new Error('the minimal config does not load');
const DEFAULTS = loaded.config.scrapeConfigs[0];

const T0 = Date.UTC(2026, 0, 1);
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let clock: VirtualClock;
let head: Head;
let body: string;
let status: number;
let delay: number;
let accept: string | null;

beforeEach(() => {
  clock = new VirtualClock(T0);
  head = new Head();
  body = '# TYPE requests_total counter\nrequests_total{code="200"} 5\nrequests_total{code="500"} 1\n';
  status = 200;
  delay = 0;
  server.use(
    http.get('http://app/metrics', async ({ request }) => {
      accept = request.headers.get('accept');
      if (delay) await clock.sleep(delay);
      return new HttpResponse(body, { status, headers: { 'Content-Type': 'text/plain; version=0.0.4' } });
    }),
  );
});

function pool(extra: Partial<ScrapeConfig> = {}): ScrapePool {
  const cfg: ScrapeConfig = {
    ...DEFAULTS,
    jobName: 'app-job',
    scrapeInterval: 10_000,
    scrapeTimeout: 5_000,
    metricsPath: '/metrics',
    scheme: 'http',
    ...extra,
  };
  const p = new ScrapePool(cfg, { clock, fetch: (...a) => fetch(...a), head, onScrape: () => undefined });
  p.sync([{ source: 's', targets: [{ __address__: 'app' }], labels: { team: 'web' } }]);
  return p;
}

function samples(name: string, extra: Matcher[] = []) {
  return head.select([new Matcher('=', '__name__', name), ...extra], { start: 0, end: Infinity });
}

describe('scrape pool and loop', () => {
  it('scrapes on the interval with target labels, up and scrape_* series', async () => {
    const p = pool();
    await clock.advance(30_000);
    const [target] = p.targets();
    expect(target.url).toBe('http://app/metrics');
    expect(target.health).toBe('up');
    expect(labelsToRecord(target.labels)).toEqual({ instance: 'app', job: 'app-job', team: 'web' });
    expect(accept).toBe(acceptHeader(DEFAULT_SCRAPE_PROTOCOLS));
    const req = samples('requests_total', [new Matcher('=', 'code', '200')]);
    expect(req).toHaveLength(1);
    expect(labelsToRecord(req[0].labels)).toEqual({
      __name__: 'requests_total',
      code: '200',
      instance: 'app',
      job: 'app-job',
      team: 'web',
    });
    // Three scrapes in 30 s, each stamped with the scrape's start, 10 s apart.
    expect([...req[0].v]).toEqual([5, 5, 5]);
    expect(req[0].t[1] - req[0].t[0]).toBe(10_000);
    expect([...samples('up')[0].v]).toEqual([1, 1, 1]);
    expect(samples('scrape_samples_scraped')[0].v[0]).toBe(2);
    expect([...samples('scrape_series_added')[0].v]).toEqual([2, 0, 0]);
  });

  it('fails the whole scrape on malformed text: up 0, the line in the error, nothing appended', async () => {
    const p = pool();
    await clock.advance(10_000);
    body = 'requests_total{code="200"} 6\nrequests_total{code="500" 2\n';
    await clock.advance(10_000);
    const [target] = p.targets();
    expect(target.health).toBe('down');
    expect(target.lastError).toBe('text format parsing error in line 2: expected "," or "}" after label value, got "2"');
    const ok = samples('requests_total', [new Matcher('=', 'code', '200')])[0];
    expect([...ok.v].slice(0, 1)).toEqual([5]);
    // The failed scrape wrote no 6; it ended the series with a staleness marker instead.
    expect([...ok.stale]).toEqual([0, 1]);
    expect([...samples('up')[0].v]).toEqual([1, 0]);
  });

  it('writes a staleness marker when a series vanishes from the exposition', async () => {
    pool();
    await clock.advance(10_000);
    body = 'requests_total{code="200"} 7\n';
    await clock.advance(10_000);
    const gone = samples('requests_total', [new Matcher('=', 'code', '500')])[0];
    expect([...gone.stale]).toEqual([0, 1]);
    expect(gone.t[1] - gone.t[0]).toBe(10_000);
  });

  it('reports HTTP errors and timeouts like Prometheus', async () => {
    const [target] = pool().targets();
    // Steps the clock until the scrape that is due next has finished.
    const nextScrape = async () => {
      const before = target.lastScrape;
      while (target.lastScrape === before) await clock.advance(1_000);
    };
    status = 500;
    await nextScrape();
    expect(target.lastError).toBe('server returned HTTP status 500 Internal Server Error');
    status = 200;
    delay = 8_000;
    await nextScrape();
    expect(target.health).toBe('down');
    expect(target.lastError).toBe('Get "http://app/metrics": context deadline exceeded');
    expect(target.lastScrapeDuration).toBe(5);
    delay = 2_000;
    await nextScrape();
    expect(target.health).toBe('up');
    expect(target.lastScrapeDuration).toBe(2);
  });

  it('keeps a clashing scraped label as exported_<name> unless honor_labels is set', async () => {
    body = 'jobs_seen{job="batch"} 1\n';
    pool();
    await clock.advance(10_000);
    const s = samples('jobs_seen')[0];
    expect(getLabel(s.labels, 'job')).toBe('app-job');
    expect(getLabel(s.labels, 'exported_job')).toBe('batch');

    head = new Head();
    pool({ honorLabels: true });
    await clock.advance(10_000);
    const honored = samples('jobs_seen')[0];
    expect(getLabel(honored.labels, 'job')).toBe('batch');
    expect(getLabel(honored.labels, 'exported_job')).toBe('');
  });

  it('honours explicit timestamps and gives such series no staleness markers', async () => {
    body = `with_ts 3 ${T0 - 1000}\nwithout_ts 4\n`;
    pool();
    await clock.advance(10_000);
    body = '';
    await clock.advance(10_000);
    const withTs = samples('with_ts')[0];
    expect([...withTs.t]).toEqual([T0 - 1000]);
    expect([...withTs.stale]).toEqual([0]);
    expect([...samples('without_ts')[0].stale]).toEqual([0, 1]);
  });

  it('ends every series of a target that discovery no longer reports', async () => {
    const p = pool();
    await clock.advance(10_000);
    p.sync([]);
    expect(p.targets()).toEqual([]);
    for (const name of ['requests_total', 'up']) {
      const s = samples(name)[0];
      expect(s.stale[s.stale.length - 1]).toBe(1);
    }
  });

  it('spreads targets over the interval by a stable hash', () => {
    const offsets = ['a', 'b', 'c', 'd'].map((k) => scrapeOffset(k, 10_000, T0));
    for (const o of offsets) expect(o).toBeGreaterThanOrEqual(0), expect(o).toBeLessThan(10_000);
    expect(new Set(offsets).size).toBe(4);
    expect(scrapeOffset('a', 10_000, T0)).toBe(offsets[0]);
    // The phase is fixed: a later start lands on the same point of the interval grid.
    expect((T0 + offsets[0]) % 10_000).toBe((T0 + 3_000 + scrapeOffset('a', 10_000, T0 + 3_000)) % 10_000);
  });
});
