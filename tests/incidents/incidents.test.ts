// Incidents end to end under msw/node on the virtual clock: the world misbehaves, the scraper sees it, the rules
// fire, Alertmanager notifies. The chapter's `error_rate > 0.05` goes pending → firing → Slack → resolved.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alertmanager } from '../../src/alertmanager/alertmanager.ts';
import { AlertmanagerApi } from '../../src/alertmanager/api.ts';
import { DEFAULT_ALERTMANAGER_YAML } from '../../src/alertmanager/default.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { Files } from '../../src/files/files.ts';
import { getLabel } from '../../src/model/labels/labels.ts';
import type { Sample } from '../../src/promql/value.ts';
import { DEFAULT_ALERTING_YAML, DEFAULT_RULES_PATH, DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { Incidents } from '../../src/sim/incidents/incidents.ts';
import { World } from '../../src/sim/world.ts';

const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
const world = new World({ clock, seed: 7 });
const am = new Alertmanager({ clock });
const files = new Files({ [DEFAULT_RULES_PATH]: DEFAULT_RULES_YAML });
const prom = new Prometheus({ clock, fetch: world.fetch, resolver: world.dns, files });
// Prometheus posts its alerts over HTTP to alertmanager:9093, answered by the simulated Alertmanager's API.
const server = setupServer(...createHandlers(world, new AlertmanagerApi(am, clock)));
const rules = prom.rules;
const incidents = new Incidents(clock, world);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  expect(am.applyConfig(DEFAULT_ALERTMANAGER_YAML).ok).toBe(true);
  expect(prom.applyConfig(DEFAULT_CONFIG_YAML + DEFAULT_ALERTING_YAML).ok).toBe(true);
  expect(rules.lastLoad()).toMatchObject({ ok: true, errors: [] });
  expect(rules.ruleFiles()).toEqual([DEFAULT_RULES_PATH]);
});
afterAll(() => {
  am.stop();
  prom.stop();
  server.close();
});

function vector(expr: string): Sample[] {
  const v = prom.instantQuery(expr);
  if (v.type !== 'vector') throw new Error(`expected a vector, got ${v.type}`);
  return v.samples;
}
const value = (expr: string) => vector(expr)[0]?.v;
const errorAlert = () => rules.alerts().find((a) => a.labels.alertname === 'ImageGalleryHighErrorRate');
const firingNames = () => rules.alerts().filter((a) => a.state === 'firing').map((a) => a.labels.alertname);
const slack = () => am.inbox().filter((n) => n.integration === 'slack');

describe('an error-rate incident in image-gallery', () => {
  it('stays quiet without the incident', async () => {
    await clock.advance(60_000);
    expect(errorAlert()).toBeUndefined();
    expect(rules.groups().flatMap((g) => g.rules.map((r) => r.health))).toEqual(Array(8).fill('ok'));
  });

  it('goes pending, fires, notifies Slack, and resolves when the incident ends', async () => {
    incidents.start('error-rate');
    expect(incidents.traffic.rate).toBe(2);

    // Two scrapes 10s apart give the 1m rate something to work with; the group evaluates every 15s.
    await clock.advance(45_000);
    expect(value('job:image_gallery_requests:rate1m')).toBeGreaterThan(1);
    expect(value('job:image_gallery_requests:error_rate1m')).toBeGreaterThan(0.05);
    const pending = errorAlert();
    expect(pending).toMatchObject({ state: 'pending', labels: { job: 'image-gallery', severity: 'critical' } });
    expect(pending!.annotations.summary).toMatch(/^image-gallery error rate is \d+(\.\d+)?%$/);
    expect(vector('ALERTS{alertname="ImageGalleryHighErrorRate"}').map((s) => getLabel(s.metric, 'alertstate'))).toEqual(['pending']);
    expect(slack()).toHaveLength(0);

    // `for: 1m` later it fires; Alertmanager waits group_wait (10s) and posts to Slack.
    await clock.advance(60_000);
    expect(errorAlert()?.state).toBe('firing');
    await clock.advance(15_000);
    const [firing] = slack();
    expect(firing).toMatchObject({ receiver: 'slack-alerts', status: 'firing', destination: '#image-gallery-alerts' });
    expect(firing.title).toBe('[FIRING:1] ImageGalleryHighErrorRate image-gallery (critical)');
    expect(firing.text).toContain('image-gallery error rate is');
    expect(firing.time).toBeGreaterThan(pending!.activeAt + 60_000);
    expect(JSON.parse(firing.payload).attachments[0].color).toBe('danger');
    expect(prom.notifier.alertmanagers()).toMatchObject([{ url: 'http://alertmanager:9093/api/v2/alerts', lastError: '' }]);
    expect(prom.notifier.alertmanagers()[0].sent).toBeGreaterThan(0);

    // The incident ends: its users leave, the 1m rate drains, the alert resolves and Slack hears it.
    incidents.stop('error-rate');
    expect(incidents.traffic.rate).toBe(0);
    await clock.advance(3 * 60_000);
    expect(errorAlert()).toBeUndefined();
    expect(rules.groups()[0].rules.find((r) => r.name === 'ImageGalleryHighErrorRate')).toMatchObject({ state: 'inactive' });
    const resolved = slack().at(-1)!;
    expect(resolved.status).toBe('resolved');
    expect(resolved.title).toBe('[RESOLVED] ImageGalleryHighErrorRate image-gallery (critical)');
    expect(resolved.time).toBeGreaterThan(firing.time);
  });
});

describe('a broken rule file', () => {
  it('is reported with line:col while the last good rules keep evaluating', async () => {
    const good = files.read(DEFAULT_RULES_PATH)!;
    files.write(DEFAULT_RULES_PATH, good.replace('> 0.05', '> > 0.05'));
    const load = rules.reload();
    expect(load.ok).toBe(false);
    expect(load.errors[0]).toMatchObject({ file: DEFAULT_RULES_PATH, line: 17, col: 15 });
    expect(load.errors[0].message).toMatch(/^group "image-gallery", rule 3, "ImageGalleryHighErrorRate": could not parse expression: /);
    const before = rules.groups()[0].lastEvaluation!;
    await clock.advance(30_000);
    expect(rules.groups()[0].lastEvaluation).toBeGreaterThan(before);
    expect(rules.groups()[0].rules).toHaveLength(5);
    // A /-/reload with the broken file fails as a whole, as Prometheus reports it; the config itself still applies.
    expect(prom.applyConfig(prom.configText()).ok).toBe(true);
    expect(prom.lastReload().ok).toBe(false);
    files.write(DEFAULT_RULES_PATH, good);
    expect(rules.reload().ok).toBe(true);
    prom.applyConfig(prom.configText());
    expect(prom.lastReload().ok).toBe(true);
  });
});

describe('other incidents show in the metrics', () => {
  it('leaks goroutines and memory until a restart', async () => {
    const goroutines = value('go_goroutines{job="image-gallery"}');
    const heap = value('go_memstats_alloc_bytes{job="image-gallery"}');
    incidents.start('goroutine-leak');
    incidents.start('memory-leak');
    await clock.advance(60_000);
    expect(value('go_goroutines{job="image-gallery"}')).toBeGreaterThan(goroutines + 100);
    expect(value('go_memstats_alloc_bytes{job="image-gallery"}')).toBeGreaterThan(heap + 50 * (1 << 20));
    // Both leaks have their alert (for: 1m) firing: goroutines pass 100 within a minute; the resident set's growth
    // has to show in the 5m deriv first.
    await clock.advance(150_000);
    expect(firingNames()).toEqual(expect.arrayContaining(['GoroutineLeak', 'MemoryLeak']));
    incidents.stop('goroutine-leak');
    incidents.stop('memory-leak');
    await clock.advance(20_000);
    expect(value('go_goroutines{job="image-gallery"}')).toBeLessThan(goroutines + 5);
  });

  it('surges traffic tenfold and slows responses', async () => {
    incidents.start('traffic-surge');
    incidents.start('latency');
    expect(incidents.traffic.rate).toBe(20);
    await clock.advance(60_000);
    expect(value('job:image_gallery_requests:rate1m')).toBeGreaterThan(10);
    // 1.5s per request at 20 requests a second: about 30 in flight whenever Prometheus looks.
    expect(value('max_over_time(image_gallery_in_flight_requests[1m])')).toBeGreaterThan(10);
    expect(rules.alerts().map((a) => a.labels.alertname)).toContain('ImageGalleryTrafficSurge');
    incidents.stop('latency');
    incidents.stop('traffic-surge');
    expect(incidents.active()).toEqual([]);
  });

  it('crash-loops the newest accesslog replica: up flaps between 0 and 1', async () => {
    world.scale('accesslog', 2);
    await clock.advance(35_000);
    const started = incidents.start('crash-loop');
    expect(started.target).toBe('exercises-accesslog-2');
    // A stopped replica fails its scrapes (up 0) and drops out of DNS at the next refresh; it comes back up.
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await clock.advance(5_000);
      const up = vector('up{job="access-log"}').find((s) => getLabel(s.metric, 'instance') === '172.20.0.7:80');
      seen.add(up === undefined ? 'gone' : String(up.v));
    }
    expect(seen.has('1')).toBe(true);
    expect(seen.has('0') || seen.has('gone')).toBe(true);
    await clock.advance(2 * 60_000);
    expect(firingNames()).toContain('CrashLooping');
    incidents.stop('crash-loop');
    expect(world.containers().find((c) => c.name === 'exercises-accesslog-2')?.state).toBe('running');
  });
});
