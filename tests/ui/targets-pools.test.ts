import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import type { TargetHealth } from '../../src/model/target.ts';
import { countHealth, groupPools, type PoolTarget } from '../../src/ui/targets/pools.ts';

function target(pool: string, address: string, health: TargetHealth): PoolTarget {
  return { scrapePool: pool, scrapeUrl: `http://${address}/metrics`, labels: labelsFromRecord({ job: pool, instance: address }), health };
}

const TARGETS = [
  target('image-gallery', 'image-gallery', 'up'),
  target('access-log', '172.20.0.6:80', 'up'),
  target('access-log', '172.20.0.7:80', 'down'),
  target('access-log', '172.20.0.8:80', 'unknown'),
];

describe('Targets page pools', () => {
  it('groups by scrape pool in name order and counts up targets', () => {
    const pools = groupPools(TARGETS, { health: new Set(), search: '' });
    expect(pools.map((p) => [p.name, p.up, p.total, p.targets.length])).toEqual([
      ['access-log', 1, 3, 3],
      ['image-gallery', 1, 1, 1],
    ]);
  });

  it('filters by health but keeps the whole pool count in the header', () => {
    const pools = groupPools(TARGETS, { health: new Set(['down']), search: '' });
    expect(pools).toHaveLength(1);
    expect(pools[0].targets.map((t) => t.scrapeUrl)).toEqual(['http://172.20.0.7:80/metrics']);
    expect([pools[0].up, pools[0].total]).toEqual([1, 3]);
  });

  it('searches endpoints and name="value" labels, every word must match', () => {
    const byLabel = groupPools(TARGETS, { health: new Set(), search: 'instance="172.20.0.8' });
    expect(byLabel.flatMap((p) => p.targets.map((t) => t.health))).toEqual(['unknown']);
    const twoWords = groupPools(TARGETS, { health: new Set(), search: 'ACCESS .7:80' });
    expect(twoWords.flatMap((p) => p.targets.map((t) => t.scrapeUrl))).toEqual(['http://172.20.0.7:80/metrics']);
    expect(groupPools(TARGETS, { health: new Set(['up']), search: '.7:80' })).toEqual([]);
  });

  it('counts targets per health state', () => {
    expect(countHealth(TARGETS)).toEqual({ up: 2, down: 1, unknown: 1 });
  });
});
