// The notifier posts alerts to the Alertmanagers of `alerting.alertmanagers`, after alert_relabel_configs, and
// records what went wrong per Alertmanager.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { Notifier } from '../../src/rules/notifier.ts';

const ALERT = {
  labels: { alertname: 'ImageGalleryHighErrorRate', job: 'image-gallery', severity: 'critical' },
  annotations: { summary: 's' },
  startsAt: Date.UTC(2026, 10, 24, 9, 0, 0),
  endsAt: Date.UTC(2026, 10, 24, 9, 4, 0),
  generatorURL: 'http://localhost:9090/graph?g0.expr=x&g0.tab=1',
};

function alerting(yaml: string) {
  const r = loadConfig(`scrape_configs: []\nalerting:\n${yaml}`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config.alerting;
}

describe('notifier', () => {
  it('posts relabeled alerts as API v2 JSON to every Alertmanager', async () => {
    const posts: { url: string; body: unknown }[] = [];
    const n = new Notifier(async (url, init) => {
      posts.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response('', { status: 200 });
    }, () => 42);
    n.apply(
      alerting(`  alert_relabel_configs:
    - action: labeldrop
      regex: severity
  alertmanagers:
    - path_prefix: /am
      static_configs:
        - targets: ["alertmanager:9093", "backup:9093"]
`),
    );
    await n.send([ALERT]);
    expect(posts.map((p) => p.url)).toEqual(['http://alertmanager:9093/am/api/v2/alerts', 'http://backup:9093/am/api/v2/alerts']);
    expect(posts[0].body).toEqual([
      {
        labels: { alertname: 'ImageGalleryHighErrorRate', job: 'image-gallery' },
        annotations: { summary: 's' },
        startsAt: '2026-11-24T09:00:00.000Z',
        endsAt: '2026-11-24T09:04:00.000Z',
        generatorURL: ALERT.generatorURL,
      },
    ]);
    expect(n.alertmanagers()[0]).toMatchObject({ lastSent: 42, sent: 1, errors: 0, lastError: '' });
  });

  it('records refused connections and bad statuses', async () => {
    const n = new Notifier(async (url) => {
      if (String(url).includes('nowhere')) throw new TypeError('dial tcp: lookup nowhere: no such host');
      return new Response('', { status: 404, statusText: 'Not Found' });
    }, () => 0);
    n.apply(alerting('  alertmanagers:\n    - static_configs:\n        - targets: ["nowhere:9093", "alertmanager:9093"]\n'));
    await n.send([ALERT]);
    expect(n.alertmanagers().map((a) => a.lastError)).toEqual([
      'Post "http://nowhere:9093/api/v2/alerts": dial tcp: lookup nowhere: no such host',
      'bad response status 404 Not Found',
    ]);
  });
});
