import { describe, expect, it } from 'vitest';
import { queryData } from '../../src/api/json.ts';
import { FloatHistogram } from '../../src/model/histogram/float_histogram.ts';
import { Engine } from '../../src/promql/index.ts';
import { Head } from '../../src/tsdb/head.ts';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';

describe('native histograms in the query API', () => {
  const head = new Head();
  const ref = head.getOrCreate(labelsFromRecord({ __name__: 'h' }));
  // schema 0: bucket 0 is (0.5, 1], bucket 1 is (1, 2].
  head.appendHistogram(ref, 0, new FloatHistogram(0, 0, 0, 3, 4, 0, [1, 2]));
  head.appendHistogram(ref, 60_000, new FloatHistogram(0, 0, 0, 6, 8, 0, [2, 4]));

  it('writes an instant sample under `histogram` with its populated buckets', () => {
    const data = queryData(new Engine().instantQuery(head, 'h', 60_000)) as { result: unknown[] };
    expect(data.result).toEqual([
      {
        metric: { __name__: 'h' },
        histogram: [60, { count: '6', sum: '8', buckets: [[0, '0.5', '1', '2'], [0, '1', '2', '4']] }],
      },
    ]);
  });

  it('writes range points under `histograms`, and histogram functions read them', () => {
    const data = queryData(new Engine().instantQuery(head, 'h[2m]', 60_000)) as { result: { histograms: unknown[] }[] };
    expect(data.result[0].histograms).toHaveLength(2);
    const count = new Engine().instantQuery(head, 'histogram_count(increase(h[2m]))', 60_000);
    expect(count.type === 'vector' && count.samples[0].v).toBeCloseTo(6);
  });
});
