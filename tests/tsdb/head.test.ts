import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { Matcher } from '../../src/model/labels/matcher.ts';
import { FloatHistogram } from '../../src/model/histogram/float_histogram.ts';
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
  head.select(ms, { start: 0, end: Infinity }).map((s) => s.labels.map((l) => `${l.name}=${l.value}`).join(','));

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
    const [s] = head.select([new Matcher('=', '__name__', 'g')], { start: 2000, end: 3000 });
    expect([...s.t]).toEqual([2000, 3000]);
    expect([...s.stale]).toEqual([0, 1]);
    expect(head.select([new Matcher('=', '__name__', 'g')], { start: 5000, end: 6000 })).toEqual([]);
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

describe('Head chunks', () => {
  it('cuts a chunk every 120 samples and at the 2 h chunk range boundary, and reads across them', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'c' }));
    for (let i = 0; i < 300; i++) head.append(ref, i * 10_000, i);
    expect(head.stats()).toMatchObject({ series: 1, chunks: 3, samples: 300, minTime: 0, maxTime: 2_990_000 });
    // 300 samples at 10 s span 50 min: the 120-sample cut decides. A sample past 2 h starts a new chunk.
    head.append(ref, 2 * 3600_000, 1000);
    expect(head.stats().chunks).toBe(4);
    const [s] = head.select([new Matcher('=', '__name__', 'c')], { start: 1_195_000, end: 1_215_000 });
    expect([...s.t]).toEqual([1_200_000, 1_210_000]);
    expect([...s.v]).toEqual([120, 121]);
    const it = head.iterator(ref);
    expect(it.seek(2_500_000)).toBe(true);
    expect([it.t, it.v]).toEqual([2_500_000, 250]);
    expect(it.seek(3_000_000)).toBe(true);
    expect(it.t).toBe(2 * 3600_000);
    expect(it.seek(2 * 3600_000 + 1)).toBe(false);
  });

  it('counts the bytes of its chunks: a steady counter stays well under 2 bytes per sample', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'requests_total' }));
    for (let i = 0; i < 1200; i++) head.append(ref, i * 15_000, i * 4);
    const st = head.stats();
    expect(st.bytes / st.samples).toBeLessThan(2);
  });

  it('stores timestamps as whole milliseconds and gives a clear error for an unknown ref', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'g' }));
    head.append(ref, 1000.7, 1);
    expect([...head.select([new Matcher('=', '__name__', 'g')], { start: 0, end: 2000 })[0].t]).toEqual([1000]);
    expect(() => head.append(99, 2000, 1)).toThrowError('unknown series ref 99');
    expect(() => new Head({ retentionMs: 0 })).toThrowError(/retention must be a positive duration/);
  });
});

describe('Head label APIs', () => {
  it('narrows label names and values to the series the matchers select', () => {
    const head = fill();
    const up = [new Matcher('=', '__name__', 'up')];
    expect(head.labelNames(up)).toEqual(['__name__', 'env', 'instance', 'job']);
    expect(head.labelValues('instance', up)).toEqual(['172.20.0.6:80', 'image-gallery']);
    expect(head.labelValues('instance')).toEqual(['172.20.0.6:80', '172.20.0.7:80', 'image-gallery']);
    expect(head.labelNames([new Matcher('=', 'job', 'image-gallery')])).toEqual(['__name__', 'instance', 'job']);
  });
});

describe('Head retention of native histograms', () => {
  it('drops histogram samples older than mint, then the series they leave empty', () => {
    const head = new Head();
    const only = head.getOrCreate(labelsFromRecord({ __name__: 'h' }));
    const mixed = head.getOrCreate(labelsFromRecord({ __name__: 'm' }));
    for (let t = 0; t < 10 * 60_000; t += 60_000) head.appendHistogram(only, t, new FloatHistogram(0, 0, 1, t, t, 0, [1]));
    head.append(mixed, 0, 1);
    head.appendHistogram(mixed, 60_000, new FloatHistogram(0, 0, 1, 1, 1, 0, [1]), 30_000);
    expect(head.stats()).toMatchObject({ series: 2, samples: 12, minTime: 0 });

    head.truncate(5 * 60_000);
    const h = head.select([new Matcher('=', '__name__', 'h')], { start: 0, end: Infinity });
    expect(h[0].t[0]).toBe(5 * 60_000);
    expect(h[0].h).toHaveLength(5);
    // The mixed series lost its float chunk and its one histogram: it is gone, start timestamp and all.
    expect(head.select([new Matcher('=', '__name__', 'm')], { start: 0, end: Infinity })).toEqual([]);
    expect(head.stats()).toMatchObject({ series: 1, samples: 5, minTime: 5 * 60_000 });

    head.truncate(Infinity);
    expect(head.stats()).toMatchObject({ series: 0, samples: 0 });
  });
});

describe('Head retention', () => {
  const HOUR = 3600_000;

  it('drops samples older than retention and series that stopped receiving samples', () => {
    const head = new Head({ retentionMs: 2 * HOUR });
    const kept = head.getOrCreate(labelsFromRecord({ __name__: 'up', instance: 'a' }));
    const gone = head.getOrCreate(labelsFromRecord({ __name__: 'up', instance: 'b' }));
    for (let t = 0; t <= 4 * HOUR; t += 60_000) {
      head.append(kept, t, 1);
      if (t < HOUR) head.append(gone, t, 1);
    }
    const st = head.stats();
    expect(st.series).toBe(1);
    // Retention runs hourly, so up to an hour more than the 2 h retention may remain.
    expect(st.minTime).toBeGreaterThanOrEqual(4 * HOUR - 3 * HOUR);
    expect(head.labelValues('instance')).toEqual(['a']);
    expect(head.select([new Matcher('=', '__name__', 'up')], { start: 0, end: 4 * HOUR }).map((s) => s.labels[1].value)).toEqual(['a']);
    // A scrape loop that still holds the dropped ref can append again; the series comes back under it.
    head.append(gone, 4 * HOUR + 1000, 2);
    expect(head.labelValues('instance')).toEqual(['a', 'b']);
    expect(head.getOrCreate(labelsFromRecord({ __name__: 'up', instance: 'b' }))).toBe(gone);
  });

  it('applies a new retention at once, and refuses one that is not positive', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'up' }));
    for (let t = 0; t <= 10 * HOUR; t += 60_000) head.append(ref, t, 1);
    expect(head.stats().minTime).toBe(0);
    head.setRetention(2 * HOUR);
    expect(head.retentionMs).toBe(2 * HOUR);
    // Whole chunks go: the oldest kept chunk may start up to one chunk (120 samples) before the boundary.
    expect(head.stats().minTime).toBeGreaterThanOrEqual(8 * HOUR - 120 * 60_000);
    expect(head.select([new Matcher('=', '__name__', 'up')], { start: 0, end: 6 * HOUR })).toEqual([]);
    expect(() => head.setRetention(-1)).toThrowError('retention must be a positive duration, got -1 ms');
    expect(head.retentionMs).toBe(2 * HOUR);
  });

  it('keeps memory bounded over a 24 h soak of 10 churning targets at a 10 s scrape interval', () => {
    const head = new Head({ retentionMs: 2 * HOUR });
    const seen: { series: number; bytes: number }[] = [];
    const refs = new Map<string, number>();
    for (let t = 0; t < 24 * HOUR; t += 10_000) {
      // Every hour one of the 10 targets is replaced by a new instance: old series stop, new ones start.
      const generation = Math.floor(t / HOUR);
      for (let target = 0; target < 10; target++) {
        const instance = target === generation % 10 ? `10.0.${generation}.${target}` : `10.0.0.${target}`;
        for (let m = 0; m < 20; m++) {
          const key = `${instance}/${m}`;
          let ref = refs.get(key);
          if (ref === undefined) {
            ref = head.getOrCreate(labelsFromRecord({ __name__: `metric_${m}`, instance, job: 'soak' }));
            refs.set(key, ref);
          }
          head.append(ref, t, m % 2 ? Math.sin(t / 1e6) * 100 : t / 1000);
        }
      }
      if (t % (6 * HOUR) === 0 && t > 0) seen.push({ series: head.stats().series, bytes: head.stats().bytes });
    }
    const at12 = seen[1];
    const last = seen[seen.length - 1];
    expect(last.series).toBeLessThanOrEqual(at12.series);
    expect(last.bytes).toBeLessThan(at12.bytes * 1.1);
    // Within retention: 10 targets × 20 series, plus the few churned instances younger than 2–3 h.
    expect(last.series).toBeLessThanOrEqual(10 * 20 + 4 * 20);
  });
});

describe('Head status', () => {
  it('ranks metric names, label names and label pairs like /api/v1/status/tsdb', () => {
    const head = fill();
    const st = head.status(2);
    expect(st).toMatchObject({ series: 4, chunks: 4, samples: 20, minTime: 0, maxTime: 4000, retentionMs: 15 * 24 * 3600_000 });
    expect(st.seriesCountByMetricName).toEqual([
      { name: 'access_log_total', value: 2 },
      { name: 'up', value: 2 },
    ]);
    expect(st.labelValueCountByLabelName).toEqual([
      { name: 'instance', value: 3 },
      { name: '__name__', value: 2 },
    ]);
    expect(st.seriesCountByLabelValuePair[0]).toEqual({ name: 'job=access-log', value: 3 });
    // instance: "172.20.0.6:80" twice, "172.20.0.7:80" once, "image-gallery" once.
    expect(st.memoryInBytesByLabelName[0]).toEqual({ name: 'instance', value: 13 * 3 + 13 });
    expect(st.bytes).toBeGreaterThan(0);
  });
});

describe('Head against a plain model', () => {
  it('selects exactly the appended samples in any range, across chunk cuts and staleness markers', () => {
    const step = fc.record({
      dt: fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 1, max: 3 * 3600_000 })),
      v: fc.double({ noNaN: true }),
      stale: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (steps, a, b) => {
        const head = new Head();
        const ref = head.getOrCreate(labelsFromRecord({ __name__: 'm' }));
        const model: { t: number; v: number; stale: boolean }[] = [];
        let t = 0;
        for (const s of steps) {
          t += s.dt;
          if (s.stale) {
            const before = head.stats().samples;
            head.appendStale(ref, t);
            // A second marker in a row is not written.
            if (head.stats().samples > before) model.push({ t, v: NaN, stale: true });
          } else {
            head.append(ref, t, s.v);
            model.push({ t, v: s.v, stale: false });
          }
        }
        const mint = model[Math.min(a, model.length - 1)].t;
        const maxt = model[Math.min(b, model.length - 1)].t;
        const want = model.filter((s) => s.t >= mint && s.t <= maxt);
        const got = head.select([new Matcher('=', '__name__', 'm')], { start: mint, end: maxt });
        if (want.length === 0) {
          expect(got).toEqual([]);
          return;
        }
        expect([...got[0].t]).toEqual(want.map((s) => s.t));
        expect([...got[0].stale]).toEqual(want.map((s) => (s.stale ? 1 : 0)));
        [...got[0].v].forEach((v, i) => expect(Object.is(v, want[i].v)).toBe(true));
      }),
    );
  });
});

describe('start timestamps', () => {
  it('come back beside the samples that were appended with one, 0 elsewhere', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'c' }));
    head.append(ref, 1000, 1, 500);
    head.append(ref, 2000, 2);
    head.append(ref, 3000, 3, 2500);
    const [s] = head.select([new Matcher('=', '__name__', 'c')], { start: 0, end: 5000 });
    expect(Array.from(s.st!)).toEqual([500, 0, 2500]);
    const other = head.getOrCreate(labelsFromRecord({ __name__: 'd' }));
    head.append(other, 1000, 1);
    expect(head.select([new Matcher('=', '__name__', 'd')], { start: 0, end: 5000 })[0].st).toBeUndefined();
  });

  it('are dropped with the chunks retention drops', () => {
    const head = new Head();
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'c' }));
    const hour = 3600_000;
    for (let t = 0; t <= 5 * hour; t += hour) head.append(ref, t, t, t - 1);
    head.truncate(3 * hour);
    const [s] = head.select([new Matcher('=', '__name__', 'c')], { start: 0, end: 6 * hour });
    expect(Array.from(s.t).map((t, i) => s.st![i] - t)).toEqual(Array.from(s.t, () => -1));
  });
});
