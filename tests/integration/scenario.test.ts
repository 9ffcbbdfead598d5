// The chapter's scenario end to end in Node: the simulated world served by msw/node, the real scraper fetching it on
// the virtual clock, the head storing it and the engine answering the chapter's queries.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { getLabel, labelsToRecord } from '../../src/model/labels/labels.ts';
import type { Sample, Value } from '../../src/promql/value.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { World } from '../../src/sim/world.ts';

const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
const world = new World({ clock, seed: 1 });
const server = setupServer(...createHandlers(world));
const prom = new Prometheus({ clock, fetch: (...a) => fetch(...a), resolver: world.dns });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  prom.stop();
  server.close();
});

function vector(v: Value): Sample[] {
  if (v.type !== 'vector') throw new Error(`expected a vector, got ${v.type}`);
  return v.samples;
}

const q = (expr: string) => vector(prom.instantQuery(expr));
const sum = (samples: Sample[]) => samples.reduce((a, s) => a + s.v, 0);
const jobsUp = () => {
  const byJob = new Map<string, string[]>();
  for (const t of prom.targets()) byJob.set(t.scrapePool, [...(byJob.get(t.scrapePool) ?? []), t.health]);
  return Object.fromEntries(byJob);
};

describe('the chapter scenario', () => {
  it('scrapes the four jobs of the chapter config, all up', async () => {
    expect(prom.applyConfig(DEFAULT_CONFIG_YAML)).toMatchObject({ ok: true });
    await clock.advance(20_000);
    expect(jobsUp()).toEqual({
      'image-gallery': ['up'],
      'iotd-api': ['up'],
      'access-log': ['up'],
      docker: ['up'],
    });
    const instances = prom.targets().map((t) => getLabel(t.labels, 'instance'));
    expect(instances.sort()).toEqual(['172.20.0.6:80', 'DOCKER_HOST:9323', 'image-gallery', 'iotd']);
    expect(q('up').map((s) => s.v)).toEqual([1, 1, 1, 1]);
  });

  it('finds three accesslog replicas by DNS after scaling, and counts the 200s of ten requests', async () => {
    world.scale('accesslog', 3);
    await clock.advance(30_000); // the next DNS refresh sees the new replicas
    const accessTargets = prom.targets().filter((t) => t.scrapePool === 'access-log');
    expect(accessTargets.map((t) => getLabel(t.labels, 'instance'))).toEqual([
      '172.20.0.6:80',
      '172.20.0.7:80',
      '172.20.0.8:80',
    ]);

    const codes = await world.sendRequests(10);
    const ok = codes.filter((c) => c === 200).length;
    expect(ok).toBeGreaterThan(0);
    await clock.advance(10_000);

    const perReplica = q('access_log_total');
    expect(perReplica).toHaveLength(3);
    expect(perReplica.map((s) => getLabel(s.metric, 'instance')).sort()).toEqual([
      '172.20.0.6:80',
      '172.20.0.7:80',
      '172.20.0.8:80',
    ]);
    expect(sum(perReplica)).toBe(ok);

    const total = q('sum(access_log_total) without(hostname, instance)');
    expect(total).toHaveLength(1);
    expect(labelsToRecord(total[0].metric)).toEqual({ job: 'access-log' });
    expect(total[0].v).toBe(ok);

    expect(q('access_log_total{instance="172.20.0.6:80"}')).toHaveLength(1);
    expect(q('sum(image_gallery_requests_total{code="200"}) without(instance)')[0].v).toBe(ok);
    expect(q('sum(image_gallery_requests_total) without(instance, code, method)')[0].v).toBe(10);
    expect(q('sum(go_goroutines{job="image-gallery"}) without(instance)')).toHaveLength(1);
  });

  it('keeps the running config when a bad one is applied', () => {
    const result = prom.applyConfig('global:\n  scrape_interval: 10x\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 2 });
    expect(prom.configText()).toBe(DEFAULT_CONFIG_YAML);
    expect(Object.keys(jobsUp()).sort()).toEqual(['access-log', 'docker', 'image-gallery', 'iotd-api']);
  });

  it('ends the series of replicas that were scaled away', async () => {
    world.scale('accesslog', 1);
    await clock.advance(30_000);
    expect(prom.targets().filter((t) => t.scrapePool === 'access-log')).toHaveLength(1);
    expect(q('access_log_total').map((s) => getLabel(s.metric, 'instance'))).toEqual(['172.20.0.6:80']);
  });

  it('shows a stopped container as down with up = 0', async () => {
    world.stop('iotd');
    await clock.advance(10_000);
    const iotd = prom.targets().find((t) => t.scrapePool === 'iotd-api')!;
    expect(iotd.health).toBe('down');
    expect(iotd.lastError).toMatch(/^Get "http:\/\/iotd\/actuator\/prometheus": /);
    expect(q('up{job="iotd-api"}').map((s) => s.v)).toEqual([0]);
    world.start('iotd');
    await clock.advance(10_000);
    expect(q('up{job="iotd-api"}').map((s) => s.v)).toEqual([1]);
  });
});
