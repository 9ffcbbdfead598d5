// The simulated Alertmanager's API v2 over real fetch() under msw/node: post alerts like Prometheus does, read
// them back with their receivers, create and expire a silence.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alertmanager } from '../../src/alertmanager/alertmanager.ts';
import { AlertmanagerApi } from '../../src/alertmanager/api.ts';
import { DEFAULT_ALERTMANAGER_YAML } from '../../src/alertmanager/default.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { World } from '../../src/sim/world.ts';

const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
const am = new Alertmanager({ clock });
const server = setupServer(...createHandlers(new World({ clock, seed: 1 }), new AlertmanagerApi(am, clock)));
const AM = 'http://localhost:9093';

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  am.applyConfig(DEFAULT_ALERTMANAGER_YAML);
});
afterAll(() => {
  am.stop();
  server.close();
});

const post = (path: string, body: unknown) => fetch(`${AM}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('Alertmanager API v2', () => {
  it('takes alerts and lists them with receivers and state', async () => {
    const res = await post('/api/v2/alerts', [
      { labels: { alertname: 'ImageGalleryHighErrorRate', job: 'image-gallery', severity: 'critical' }, annotations: { summary: 'x' }, startsAt: '2026-11-24T09:00:00Z' },
    ]);
    expect(res.status).toBe(200);
    const alerts = await (await fetch(`${AM}/api/v2/alerts`)).json();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      labels: { alertname: 'ImageGalleryHighErrorRate' },
      startsAt: '2026-11-24T09:00:00.000Z',
      // No endsAt: resolve_timeout (5m) from now.
      endsAt: '2026-11-24T09:05:00.000Z',
      receivers: [{ name: 'slack-alerts' }, { name: 'oncall-email' }],
      status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    });
    const groups = await (await fetch(`${AM}/api/v2/alerts/groups`)).json();
    expect(groups.map((g: { receiver: { name: string } }) => g.receiver.name)).toEqual(['slack-alerts', 'oncall-email']);
  });

  it('rejects a malformed alert', async () => {
    const res = await post('/api/v2/alerts', [{ labels: {} }]);
    expect(res.status).toBe(400);
    expect(await res.json()).toBe('[0].labels in body is required');
  });

  it('creates, mutes with, and expires a silence', async () => {
    const res = await post('/api/v2/silences', {
      matchers: [{ name: 'alertname', value: 'ImageGalleryHighErrorRate', isRegex: false, isEqual: true }],
      startsAt: '2026-11-24T09:00:00Z',
      endsAt: '2026-11-24T11:00:00Z',
      createdBy: 'learner',
      comment: 'known',
    });
    const { silenceID } = await res.json();
    expect((await (await fetch(`${AM}/api/v2/alerts`)).json())[0].status).toMatchObject({ state: 'suppressed', silencedBy: [silenceID] });
    expect((await fetch(`${AM}/api/v2/silence/${silenceID}`, { method: 'DELETE' })).status).toBe(200);
    const silences = await (await fetch(`${AM}/api/v2/silences`)).json();
    expect(silences[0]).toMatchObject({ id: silenceID, status: { state: 'expired' } });
    const bad = await post('/api/v2/silences', { matchers: [], endsAt: '2026-11-24T11:00:00Z', createdBy: 'a', comment: 'b' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toBe('at least one matcher required');
  });

  it('answers health checks and its config', async () => {
    expect(await (await fetch(`${AM}/-/healthy`)).text()).toBe('OK');
    expect((await (await fetch('http://alertmanager:9093/api/v2/status')).json()).config.original).toBe(DEFAULT_ALERTMANAGER_YAML);
  });
});
