// The explorer's rows: series counts from the head, TYPE/HELP by metric family name.

import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { Head } from '../../src/tsdb/head.ts';
import { metricRows } from '../../src/worker/metrics.ts';

describe('metricRows', () => {
  it('counts series per name and finds the family metadata of _bucket and _total series', () => {
    const head = new Head();
    for (const [name, extra] of [
      ['req_seconds_bucket', { le: '0.1' }],
      ['req_seconds_bucket', { le: '+Inf' }],
      ['hits_total', {}],
      ['up', {}],
    ] as const) {
      head.append(head.getOrCreate(labelsFromRecord({ __name__: name, job: 'a', ...extra })), 1000, 1);
    }
    const meta = new Map([
      ['req_seconds', [{ type: 'histogram' as const, help: 'Request latency.', unit: '' }]],
      ['hits', [{ type: 'counter' as const, help: 'Hits.', unit: '' }]],
    ]);
    expect(metricRows(head, meta).map((r) => [r.name, r.series, r.metadata.map((m) => m.type)])).toEqual([
      ['hits_total', 1, ['counter']],
      ['req_seconds_bucket', 2, ['histogram']],
      ['up', 1, []],
    ]);
  });

  it('counts from the postings index without decoding samples', () => {
    const head = new Head();
    for (let i = 0; i < 3; i++) head.append(head.getOrCreate(labelsFromRecord({ __name__: 'x', i: String(i) })), 1000, 1);
    const refuse = (): never => {
      throw new Error('metricRows must not read samples');
    };
    head.select = refuse;
    head.iterator = refuse;
    expect(metricRows(head, new Map()).map((r) => [r.name, r.series])).toEqual([['x', 3]]);
  });
});
