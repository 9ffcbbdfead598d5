import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { Matcher } from '../../src/model/labels/matcher.ts';
import { AppendError, Head } from '../../src/tsdb/head.ts';

const up = labelsFromRecord({ __name__: 'up', job: 'a' });
const samples = (head: Head) => head.select([new Matcher('=', '__name__', 'up')], { start: 0, end: Infinity }).map((s) => [...s.t]);

describe('the head appender', () => {
  it('shows nothing until commit, and nothing after a rollback', () => {
    const head = new Head();
    const app = head.appender();
    const ref = app.append(null, up, 1000, 1);
    app.append(ref, up, 2000, 1);
    expect(samples(head)).toEqual([]);
    app.commit();
    expect(samples(head)).toEqual([[1000, 2000]]);

    const next = head.appender();
    next.append(ref, up, 3000, 0);
    next.rollback();
    next.commit();
    expect(samples(head)).toEqual([[1000, 2000]]);
  });

  it('checks each sample when appended, against the head and the transaction', () => {
    const head = new Head();
    const first = head.appender();
    const ref = first.append(null, up, 2000, 1);
    first.commit();
    const app = head.appender();
    expect(() => app.append(ref, up, 1000, 1)).toThrow(AppendError);
    app.append(ref, up, 3000, 5);
    expect(() => app.append(ref, up, 3000, 6)).toThrow(/duplicate sample/);
    // An exact repeat is dropped without an error, as Prometheus does.
    app.append(ref, up, 3000, 5);
    app.appendStale(ref, up, 4000);
    app.appendStale(ref, up, 5000);
    app.commit();
    const [s] = head.select([new Matcher('=', '__name__', 'up')], { start: 0, end: Infinity });
    expect([...s.t]).toEqual([2000, 3000, 4000]);
    expect([...s.stale]).toEqual([0, 0, 1]);
  });
});
