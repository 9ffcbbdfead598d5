// Soak: the chapter's stack for many virtual hours — users sending requests, accesslog scaled up and down every
// hour, a different incident every hour — checking that no scraped sample is lost (every access_log_total value a scrape fetched is in the head at
// that scrape's time) and that the heap stays bounded. `npm test` runs SOAK_HOURS=1; `npm run soak` runs 24.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { Matcher } from '../../src/model/labels/matcher.ts';
import { getLabel } from '../../src/model/labels/labels.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { INCIDENT_KINDS, Incidents } from '../../src/sim/incidents/incidents.ts';
import { World } from '../../src/sim/world.ts';

const HOURS = Number(process.env.SOAK_HOURS ?? 1);
/** The bound the live heap must stay under, measured after a full GC. */
const HEAP_BOUND_MB = 256;
const H = 3_600_000;
const START = Date.UTC(2026, 10, 24, 0, 0, 0);

/** What the apps answered: every access_log_total sample of every scrape, keyed by instance. */
interface Fetched {
  /** instance and hostname: a replica that comes back on a freed IP is a new container, so a new series. */
  key: string;
  value: number;
  /** The virtual time the scrape started: the sample's timestamp in the head. */
  t: number;
}

const clock = new VirtualClock(START);
const world = new World({ clock, seed: 7 });
const server = setupServer(...createHandlers(world));
const fetched: Fetched[] = [];

// The scraper's fetch, tapped: the response body is read a second time from a clone, as the learner would with curl.
async function tappedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const t = clock.now();
  const res = await fetch(input, init);
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (res.ok && url.pathname === '/metrics') {
    const m = /^access_log_total\{[^}]*hostname="([^"]*)"[^}]*\} (\S+)/m.exec(await res.clone().text());
    if (m) fetched.push({ key: `${url.host.includes(':') ? url.host : `${url.host}:80`} ${m[1]}`, value: Number(m[2]), t });
  }
  return res;
}

const prom = new Prometheus({ clock, fetch: tappedFetch, resolver: world.dns });
const incidents = new Incidents(clock, world);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  prom.stop();
  server.close();
});

// A full GC before each measurement, so the figure is the live heap, not garbage waiting to be collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMB(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

describe(`soak: ${HOURS} virtual hour(s)`, () => {
  it(
    'loses no scraped sample and keeps the heap bounded',
    async () => {
      expect(prom.applyConfig(DEFAULT_CONFIG_YAML).ok).toBe(true);
      let maxHeap = heapMB();
      for (let hour = 0; hour < HOURS; hour++) {
        // Up to 5 replicas in the first half of each day's cycle, back down to 1 (never 0: a counter must have a home).
        world.scale('accesslog', 1 + (hour % 5));
        const incident = INCIDENT_KINDS[hour % INCIDENT_KINDS.length];
        for (let minute = 0; minute < 60; minute += 5) {
          if (minute === 10) incidents.start(incident);
          if (minute === 30) incidents.stop(incident);
          // Responses may wait on virtual time (the latency incident): the clock must move while they are out.
          const sent = world.sendRequests(20);
          await clock.advance(5 * 60_000);
          await sent;
        }
        maxHeap = Math.max(maxHeap, heapMB());
      }

      const head = prom.head;
      const name = new Matcher('=', '__name__', 'access_log_total');
      const series = head.select([name], { start: START, end: clock.now() });
      const byKey = new Map(series.map((s) => [`${getLabel(s.labels, 'instance')} ${getLabel(s.labels, 'hostname')}`, s]));
      let checked = 0;
      for (const f of fetched) {
        const s = byKey.get(f.key);
        expect(s, `series of ${f.key}`).toBeDefined();
        // Binary search: the head's samples are in time order.
        let lo = 0;
        let hi = s!.t.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (s!.t[mid] < f.t) lo = mid + 1;
          else hi = mid;
        }
        if (s!.t[lo] !== f.t || s!.v[lo] !== f.value) expect({ series: f.key, t: s!.t[lo], v: s!.v[lo] }).toEqual({ series: f.key, t: f.t, v: f.value });
        checked++;
      }
      // At least one replica ran all the time, scraped every 3 s.
      expect(checked).toBeGreaterThanOrEqual((HOURS * H) / 3000 - HOURS * 20);
      console.log(`soak ${HOURS}h: ${checked} scraped access_log_total samples found in the head; heap max ${maxHeap.toFixed(0)} MB (bound ${HEAP_BOUND_MB} MB); ${head.stats().series} series`);
      expect(maxHeap).toBeLessThan(HEAP_BOUND_MB);
    },
    Math.max(60_000, HOURS * 120_000),
  );
});
