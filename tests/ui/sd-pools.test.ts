import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { sdPools, type DiscoveredTarget } from '../../src/ui/sd/pools.ts';

const found = (pool: string, address: string, kept: boolean): DiscoveredTarget => ({
  scrapePool: pool,
  discoveredLabels: labelsFromRecord({ __address__: address, job: pool }),
  targetLabels: kept ? labelsFromRecord({ instance: address, job: pool }) : null,
});

const TARGETS = [
  found('iotd-api', 'iotd', true),
  found('access-log', '172.20.0.6:80', true),
  found('access-log', '172.20.0.7:80', false),
];

describe('Service discovery pools', () => {
  it('lists pools in name order with active and total counts', () => {
    expect(sdPools(TARGETS, 'all', '').map((p) => [p.name, p.active, p.total, p.targets.length])).toEqual([
      ['access-log', 1, 2, 2],
      ['iotd-api', 1, 1, 1],
    ]);
  });

  it('shows only dropped or only active targets', () => {
    const dropped = sdPools(TARGETS, 'dropped', '');
    expect(dropped.map((p) => p.name)).toEqual(['access-log']);
    expect(dropped[0].targets[0].targetLabels).toBeNull();
    expect(sdPools(TARGETS, 'active', '').flatMap((p) => p.targets)).toHaveLength(2);
  });

  it('searches discovered and target labels', () => {
    expect(sdPools(TARGETS, 'all', '__address__="172.20.0.7').flatMap((p) => p.targets)).toHaveLength(1);
    expect(sdPools(TARGETS, 'all', 'instance="iotd"').map((p) => p.name)).toEqual(['iotd-api']);
    expect(sdPools(TARGETS, 'active', '172.20.0.7')).toEqual([]);
  });
});
