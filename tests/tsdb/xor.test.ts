import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XORAppender, XORIterator, chunkSamples } from '../../src/tsdb/chunkenc/xor.ts';

interface S {
  t: number;
  v: number;
  stale: boolean;
}

function encode(samples: readonly S[]): Uint8Array {
  const app = new XORAppender();
  for (const s of samples) app.append(s.t, s.v, s.stale);
  return app.w.finish();
}

function decode(bytes: Uint8Array): S[] {
  const out: S[] = [];
  const it = new XORIterator().reset(bytes);
  while (it.next()) out.push({ t: it.t, v: it.v, stale: it.stale });
  return out;
}

const at = (ts: number[], vs: number[]): S[] => ts.map((t, i) => ({ t, v: vs[i], stale: false }));

describe('XOR chunk', () => {
  it('round-trips regular scrapes of a counter', () => {
    const samples = at(
      Array.from({ length: 120 }, (_, i) => 1_700_000_000_000 + i * 15_000),
      Array.from({ length: 120 }, (_, i) => i * 3),
    );
    const bytes = encode(samples);
    expect(decode(bytes)).toEqual(samples);
    expect(chunkSamples(bytes)).toBe(120);
  });

  it('keeps NaN, ±Inf, -0, extremes and the staleness marker apart', () => {
    const vs = [1, NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, Number.MIN_VALUE, -1.5e-300, 0.1];
    const samples: S[] = vs.map((v, i) => ({ t: 1000 + i * 10, v, stale: false }));
    samples.push({ t: 2000, v: NaN, stale: true }, { t: 2010, v: NaN, stale: false });
    const got = decode(encode(samples));
    expect(got.map((s) => s.stale)).toEqual(samples.map((s) => s.stale));
    got.forEach((s, i) => expect(Object.is(s.v, samples[i].v)).toBe(true));
  });

  it('encodes large gaps and negative deltas of deltas and timestamps before 1970', () => {
    const ts = [-5_000_000_000_000, -1, 0, 1, 2 ** 40, 2 ** 40 + 1, 2 ** 52, 2 ** 52 + 7, 2 ** 52 + 8];
    const samples = at(ts, ts.map((_, i) => i));
    expect(decode(encode(samples))).toEqual(samples);
  });

  it('round-trips any increasing timestamps with any float64 values', () => {
    const sample = fc.tuple(fc.integer({ min: 1, max: 2 ** 36 }), fc.double(), fc.boolean());
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), fc.array(sample, { minLength: 1, maxLength: 300 }), (start, steps) => {
        let t = start;
        const samples = steps.map(([dt, v, stale]) => ({ t: (t += dt), v: stale ? NaN : v, stale }));
        const got = decode(encode(samples));
        expect(got.length).toBe(samples.length);
        got.forEach((s, i) => {
          expect(s.t).toBe(samples[i].t);
          expect(s.stale).toBe(samples[i].stale);
          expect(Object.is(s.v, samples[i].v)).toBe(true);
        });
      }),
    );
  });

  it('seeks to the first sample at or after a time', () => {
    const bytes = encode(at([10, 20, 30, 40], [1, 2, 3, 4]));
    const it = new XORIterator().reset(bytes);
    expect(it.seek(25)).toBe(true);
    expect([it.t, it.v]).toEqual([30, 3]);
    expect(it.seek(30)).toBe(true);
    expect(it.t).toBe(30);
    expect(it.seek(41)).toBe(false);
  });

  it('compresses a steady counter to about two bytes per sample or less', () => {
    const samples = at(
      Array.from({ length: 120 }, (_, i) => i * 15_000),
      Array.from({ length: 120 }, (_, i) => 1000 + i * 7),
    );
    expect(encode(samples).length / 120).toBeLessThan(2);
    const constant = at(samples.map((s) => s.t), samples.map(() => 1));
    // Two bits per sample (an unchanged delta, an unchanged value) after the header and the first two samples.
    expect(encode(constant).length / 120).toBeLessThan(0.4);
  });

  it('reports a truncated chunk instead of inventing samples', () => {
    const bytes = encode(at([1, 2, 3, 4], [0.1, 0.2, 0.3, 0.4]));
    expect(() => decode(bytes.slice(0, bytes.length - 3))).toThrow(/chunk ends early/);
  });
});
