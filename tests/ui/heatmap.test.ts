// Classic histogram buckets become per-bucket counts per step, summed across histograms.

import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { bucketHeatmap } from '../../src/ui/query/heatmap.ts';

const bucket = (le: string, instance: string, v: number[]) => ({
  metric: labelsFromRecord({ __name__: 'x_bucket', le, instance }),
  t: v.map((_, i) => i * 1000),
  v,
});

describe('bucketHeatmap', () => {
  it('de-cumulates buckets in le order and sums histograms', () => {
    const map = bucketHeatmap([
      bucket('+Inf', 'a', [10, 12]),
      bucket('0.5', 'a', [7, 7]),
      bucket('0.1', 'a', [2, 3]),
      bucket('0.1', 'b', [1, 1]),
      bucket('0.5', 'b', [1, 2]),
      bucket('+Inf', 'b', [1, 2]),
    ])!;
    expect(map.buckets).toEqual([
      { lower: 0, upper: 0.1 },
      { lower: 0.1, upper: 0.5 },
      { lower: 0.5, upper: Infinity },
    ]);
    expect(map.times).toEqual([0, 1000]);
    expect(map.cells).toEqual([
      [3, 5, 3],
      [4, 5, 5],
    ]);
    expect(map.histograms).toBe(2);
    expect(map.max).toBe(5);
  });

  it('is null for series without le', () => {
    expect(bucketHeatmap([{ metric: labelsFromRecord({ __name__: 'up' }), t: [0], v: [1] }])).toBeNull();
  });
});
