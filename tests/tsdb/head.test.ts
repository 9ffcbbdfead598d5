import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/labels/labels.ts';
import { Matcher } from '../../src/labels/matcher.ts';
import { AppendError, Head } from '../../src/tsdb/head.ts';

function fill(): Head {
  const head = new Head();
  const series: Record<string, string>[] = [
    { __name__: 'access_log_total', instance: '172.20.0.6:80', job: 'access-log' },
    { __name__: 'access_log_total', instance: '172.20.0.7:80', job: 'access-log' },
    { __name__: 'up', instance: 'image-gallery', job: 'image-gallery' },
    { __name__: 'up', instance: '172.20.0.6:80', job: 'access-log', env: 'dev' },
  ];
  for (const s of series) {
    const ref = head.getOrCreate(labelsFromRecord(s));
    for (let t = 0; t < 5; t++) head.append(ref, t * 1000, t);
  }
  return head;
}

const names = (head: Head, ms: Matcher[]) =>
  head.select(ms, 0, Infinity).map((s) => s.labels.map((l) => `${l.name}=${l.value}`).join(','));

describe('Head', () => {
  it('selects by all four matcher types with Prometheus semantics', () => {
    const head = fill();
    expect(names(head, [new Matcher('=', '__name__', 'access_log_total')])).toHaveLength(2);
    expect(names(head, [new Matcher('=', '__name__', 'up'), new Matcher('!=', 'job', 'access-log')])).toEqual([
      '__name__=up,instance=image-gallery,job=image-gallery',
    ]);
    // Regexes are anchored: "172.20.0.6" alone does not match "172.20.0.6:80".
    expect(names(head, [new Matcher('=~', 'instance', '172.20.0.6')])).toEqual([]);
    expect(names(head, [new Matcher('=~', 'instance', '172\\.20\\.0\\.6:.*')])).toHaveLength(2);
    expect(names(head, [new Matcher('=', '__name__', 'up'), new Matcher('!~', 'instance', '172.*')])).toHaveLength(1);
    // A matcher that accepts "" also matches series without the label.
    expect(names(head, [new Matcher('=', '__name__', 'up'), new Matcher('=', 'env', '')])).toEqual([
      '__name__=up,instance=image-gallery,job=image-gallery',
    ]);
    expect(names(head, [new Matcher('=', '__name__', 'up'), new Matcher('!=', 'env', '')])).toHaveLength(1);
  });

  it('returns the samples of the time range, with staleness markers flagged', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'g' }));
    head.append(ref, 1000, 1);
    head.append(ref, 2000, 2);
    head.appendStale(ref, 3000);
    head.append(ref, 4000, 4);
    const [s] = head.select([new Matcher('=', '__name__', 'g')], 2000, 3000);
    expect([...s.t]).toEqual([2000, 3000]);
    expect([...s.stale]).toEqual([0, 1]);
    expect(head.select([new Matcher('=', '__name__', 'g')], 5000, 6000)).toEqual([]);
  });

  it('rejects out-of-order samples and different values at the same timestamp', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'c' }));
    head.append(ref, 2000, 5);
    expect(() => head.append(ref, 1000, 4)).toThrowError(AppendError);
    expect(() => head.append(ref, 2000, 6)).toThrowError('duplicate sample for timestamp');
    head.append(ref, 2000, 5); // the same sample again is accepted and ignored
    expect(head.stats().samples).toBe(1);
    expect(head.labelValues('__name__')).toEqual(['c']);
  });
});
