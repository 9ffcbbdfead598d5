import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { ScrapeConfig } from '../../src/config/types.ts';
import { DiscoveryManager } from '../../src/discovery/manager.ts';
import { Files } from '../../src/files/files.ts';
import type { TargetGroup } from '../../src/discovery/targetgroup.ts';

/** A scrape config with Prometheus' defaults, as the loader fills them in. */
const loaded = loadConfig('scrape_configs:\n  - job_name: j\n');
if (!loaded.ok) throw new Error('the minimal config does not load');
const DEFAULTS = loaded.config.scrapeConfigs[0];

const job = (over: Partial<ScrapeConfig>): ScrapeConfig => ({
  ...DEFAULTS,
  jobName: 'j',
  scrapeInterval: 10_000,
  scrapeTimeout: 10_000,
  metricsPath: '/metrics',
  scheme: 'http',
  ...over,
});

describe('DiscoveryManager', () => {
  it('reports static groups and re-resolves DNS names every refresh_interval', async () => {
    const clock = new VirtualClock(0);
    // The network's DNS: the names and addresses a test sets, like containers coming and going.
    const records = new Map<string, string[]>([['accesslog', ['172.20.0.6']]]);
    const resolver = { lookupA: async (name: string) => records.get(name) ?? [] };
    const seen = new Map<string, TargetGroup[]>();
    const dm = new DiscoveryManager(clock, resolver, new Files(), (j, groups) => seen.set(j, groups));
    await dm.applyConfig([
      job({ jobName: 'image-gallery', staticConfigs: [{ targets: ['image-gallery'], labels: { tier: 'web' } }] }),
      job({ jobName: 'access-log', dnsSDConfigs: [{ names: ['accesslog'], type: 'A', port: 80, refreshInterval: 30_000 }] }),
    ]);
    expect(seen.get('image-gallery')).toEqual([
      { source: 'image-gallery/static/0', targets: [{ __address__: 'image-gallery' }], labels: { tier: 'web' } },
    ]);
    const addresses = () => seen.get('access-log')!.flatMap((g) => g.targets.map((t) => t.__address__));
    expect(seen.get('access-log')![0].targets).toEqual([{ __address__: '172.20.0.6:80', __meta_dns_name: 'accesslog' }]);

    records.set('accesslog', ['172.20.0.6', '172.20.0.7', '172.20.0.8']);
    await clock.advance(29_000);
    expect(addresses()).toEqual(['172.20.0.6:80']);
    await clock.advance(1_000);
    expect(addresses()).toEqual(['172.20.0.6:80', '172.20.0.7:80', '172.20.0.8:80']);

    // Scaled to zero: the name no longer resolves and the job has no targets.
    records.delete('accesslog');
    await clock.advance(30_000);
    expect(addresses()).toEqual([]);

    dm.stop();
    records.set('accesslog', ['172.20.0.9']);
    await clock.advance(60_000);
    expect(addresses()).toEqual([]);
  });
});
