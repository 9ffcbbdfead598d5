// Faults injected into the simulated world, seen the way Prometheus sees them: `up` 0 with Prometheus' error text
// on the target, then back to 1 once the fault is gone.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { getLabel } from '../../src/model/labels/labels.ts';
import type { Value } from '../../src/promql/value.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { World } from '../../src/sim/world.ts';

let clock: VirtualClock;
let world: World;
let prom: Prometheus;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  prom?.stop();
  clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  world = new World({ clock, seed: 7 });
  server.resetHandlers(...createHandlers(world));
  prom = new Prometheus({ clock, fetch: world.fetch, resolver: world.dns });
  expect(prom.applyConfig(DEFAULT_CONFIG_YAML).ok).toBe(true);
  await clock.advance(10_000);
});

function values(v: Value): Record<string, number> {
  if (v.type !== 'vector') throw new Error(`expected a vector, got ${v.type}`);
  return Object.fromEntries(v.samples.map((s) => [getLabel(s.metric, 'instance'), s.v]));
}

const target = (job: string, instance?: string) => {
  const t = prom.targets().find((x) => x.scrapePool === job && (!instance || getLabel(x.labels, 'instance') === instance));
  if (!t) throw new Error(`no target ${job} ${instance ?? ''}`);
  return t;
};

describe('fault injection', () => {
  it('a stopped accesslog replica is DOWN with connection refused, and UP again after start', async () => {
    world.scale('accesslog', 2);
    await clock.advance(30_000); // DNS refresh finds the second replica
    const [first, second] = world.containers().filter((c) => c.service === 'accesslog');
    expect(values(prom.instantQuery('up{job="access-log"}'))).toEqual({ [`${first.ip}:80`]: 1, [`${second.ip}:80`]: 1 });

    world.stopContainer(second.name);
    await clock.advance(3_000); // one access-log interval
    const down = target('access-log', `${second.ip}:80`);
    expect(down.health).toBe('down');
    expect(down.lastError).toBe(`Get "http://${second.ip}:80/metrics": dial tcp ${second.ip}:80: connect: connection refused`);
    expect(values(prom.instantQuery('up{job="access-log"}'))).toEqual({ [`${first.ip}:80`]: 1, [`${second.ip}:80`]: 0 });

    world.startContainer(second.name);
    await clock.advance(3_000);
    expect(target('access-log', `${second.ip}:80`).health).toBe('up');
    expect(values(prom.instantQuery('up{job="access-log"}'))).toEqual({ [`${first.ip}:80`]: 1, [`${second.ip}:80`]: 1 });
  });

  it('a response slower than scrape_timeout fails the scrape with context deadline exceeded', async () => {
    const iotd = world.containers().find((c) => c.service === 'iotd')!;
    world.setLatency(iotd.name, 12_000);
    await clock.advance(20_000);
    const t = target('iotd-api');
    expect(t.health).toBe('down');
    expect(t.lastError).toBe('Get "http://iotd/actuator/prometheus": context deadline exceeded');
    expect(t.lastScrapeDuration).toBe(10);
    expect(values(prom.instantQuery('up{job="iotd-api"}'))).toEqual({ iotd: 0 });
    world.setLatency(iotd.name, 0);
    await clock.advance(20_000);
    expect(target('iotd-api').health).toBe('up');
    expect(values(prom.instantQuery('up{job="iotd-api"}'))).toEqual({ iotd: 1 });
  });

  it("a replica serving malformed text is DOWN with the parser's line, its series end, the others go on", async () => {
    const replica = world.containers().find((c) => c.service === 'accesslog')!;
    world.setMalformed(replica.name, true);
    await clock.advance(3_000);
    const t = target('access-log');
    expect(t.health).toBe('down');
    expect(t.lastError).toMatch(/^text format parsing error in line \d+: expected "," or "}" after label value, got "/);
    expect(values(prom.instantQuery('up{job="access-log"}'))).toEqual({ [`${replica.ip}:80`]: 0 });
    // The failed scrape wrote staleness markers: the replica's series are gone from instant queries at once.
    expect(values(prom.instantQuery('access_log_total'))).toEqual({});
    expect(values(prom.instantQuery('up{job="image-gallery"}'))).toEqual({ 'image-gallery': 1 });
    world.setMalformed(replica.name, false);
    await clock.advance(3_000);
    expect(target('access-log').health).toBe('up');
    expect(Object.keys(values(prom.instantQuery('access_log_total')))).toEqual([`${replica.ip}:80`]);
  });

  it('scaling to 0: DOWN until the next DNS refresh drops the target, then its series end at once', async () => {
    const ip = world.containers().find((c) => c.service === 'accesslog')!.ip;
    world.scale('accesslog', 0);
    await clock.advance(3_000);
    expect(values(prom.instantQuery('up{job="access-log"}'))).toEqual({ [`${ip}:80`]: 0 });
    expect(values(prom.instantQuery('access_log_total'))).toEqual({});
    // The DNS refresh at 30 s finds no replica: the target is gone and `up` ends with a staleness marker.
    await clock.advance(20_000);
    expect(prom.targets().filter((t) => t.scrapePool === 'access-log')).toEqual([]);
    expect(values(prom.instantQuery('up{job="access-log"}'))).toEqual({});

    world.scale('accesslog', 1);
    await clock.advance(33_000);
    expect(Object.values(values(prom.instantQuery('up{job="access-log"}')))).toEqual([1]);
  });
});
