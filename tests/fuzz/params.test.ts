import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, acceptance } from './params.ts';

describe('fuzz parameters', () => {
  it('gives every property test the fixed seed, also outside tests/fuzz', () => {
    expect(fc.readConfigureGlobal().seed).toBe(FUZZ_SEED);
    const draw = () => fc.sample(fc.integer(), { numRuns: 3 });
    expect(draw()).toEqual(draw());
  });

  it('fails a property that accepted too few inputs', () => {
    const a = acceptance(0.5, 10);
    for (let i = 0; i < 4; i++) a.accept();
    expect(() => a.check()).toThrow('accepted 4 of 10 generated inputs');
    a.accept();
    expect(() => a.check()).not.toThrow();
  });
});
