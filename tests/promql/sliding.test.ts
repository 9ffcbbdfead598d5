import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingExtreme } from '../../src/promql/engine/sliding.ts';

// Prometheus' max_over_time/min_over_time: a scan from the window's first sample that takes a value when it is
// strictly better or when what it holds is NaN.
function scan(v: Float64Array, lo: number, hi: number, max: boolean): number {
  let best = v[lo];
  for (let i = lo + 1; i < hi; i++) if ((max ? v[i] > best : v[i] < best) || Number.isNaN(best)) best = v[i];
  return best;
}

describe('max/min_over_time over sliding windows', () => {
  it('answers every window as the scan does, NaN, -0 and ties included', () => {
    const value = fc.oneof(fc.constantFrom(NaN, 0, -0, 1, -1, Infinity, -Infinity), fc.integer({ min: -3, max: 3 }));
    // Windows as steps make them: both ends move forward, now and then by more than one sample.
    const windows = fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), windows, fc.boolean(), (xs, moves, max) => {
        const v = Float64Array.from(xs);
        const sliding = new SlidingExtreme(max);
        let lo = 0;
        let hi = 0;
        for (const [dl, dh] of moves) {
          hi = Math.min(v.length, hi + dh);
          lo = Math.min(hi, lo + dl);
          if (hi === lo) continue;
          expect(Object.is(sliding.at(v, lo, hi), scan(v, lo, hi, max))).toBe(true);
        }
      }),
      { seed: 15, numRuns: 500 },
    );
  });

  it('starts over when the window moves back or the series changes', () => {
    const a = Float64Array.from([5, 1, 4, 2]);
    const b = Float64Array.from([0, 9]);
    const s = new SlidingExtreme(true);
    expect(s.at(a, 0, 4)).toBe(5);
    expect(s.at(a, 1, 4)).toBe(4);
    expect(s.at(a, 0, 2)).toBe(5);
    expect(s.at(b, 0, 1)).toBe(0);
    expect(s.at(b, 0, 2)).toBe(9);
  });
});
