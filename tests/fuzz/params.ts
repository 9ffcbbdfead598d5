// Fixed-seed fuzzing: `npm test` runs a few hundred cases per target with one seed, so a failure reproduces;
// `npm run fuzz` runs FUZZ_RUNS (and, if given, FUZZ_SEED) for the long mode.

import type { Parameters } from 'fast-check';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261124);

export function params<T>(runs = FUZZ_RUNS): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true };
}

/** A test timeout that grows with the number of runs, for the long mode. */
export const FUZZ_TIMEOUT = Math.max(10_000, FUZZ_RUNS * 20);
