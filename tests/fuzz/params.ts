// Fixed-seed fuzzing: `npm test` runs a few hundred cases per target with one seed, so a failure reproduces;
// `npm run fuzz` runs FUZZ_RUNS (and, if given, FUZZ_SEED) for the long mode.

import type { Parameters } from 'fast-check';
import { expect } from 'vitest';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261124);

export function params<T>(runs = FUZZ_RUNS): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true };
}

/** A test timeout that grows with the number of runs, for the long mode. */
export const FUZZ_TIMEOUT = Math.max(10_000, FUZZ_RUNS * 20);

/**
 * Counts the generated inputs a property accepted (parsed, loaded, imported) rather than skipped, so a generator
 * that drifts into input the code under test refuses fails the test instead of passing on nothing checked.
 */
export function acceptance(atLeast: number, runs = FUZZ_RUNS) {
  let accepted = 0;
  return {
    accept(): void {
      accepted++;
    },
    /** Fails when fewer than `atLeast` (a share of the runs) were accepted. */
    check(): void {
      expect(accepted, `accepted ${accepted} of ${runs} generated inputs`).toBeGreaterThanOrEqual(Math.ceil(atLeast * runs));
    },
  };
}
