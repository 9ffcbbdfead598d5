// Every property test, in tests/fuzz or not, runs with the fixed seed, so a failure reproduces.

import fc from 'fast-check';
import { FUZZ_SEED } from './fuzz/params.ts';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
