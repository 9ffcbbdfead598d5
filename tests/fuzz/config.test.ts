// prometheus.yml: random edits of the chapter's config, and random text, give a config or errors with line:col
// inside the text — never an exception.

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { loadConfig } from '../../src/config/load.ts';
import { FUZZ_TIMEOUT, acceptance, params } from './params.ts';
import { applyEdits, edits, expectPositioned } from './text.ts';

function check(text: string): boolean {
  const r = loadConfig(text);
  if (!r.ok) expectPositioned(text, r.errors);
  return r.ok;
}

/** The least share of generated inputs that must be accepted (13 of 300 edited configs load). */
const SHARE_CONFIG = 0.02;

describe('config fuzz', () => {
  it(
    'answers edited chapter configs with a config or positioned errors',
    () => {
      const loaded = acceptance(SHARE_CONFIG);
      fc.assert(
        fc.property(edits, (e) => {
          if (check(applyEdits(DEFAULT_CONFIG_YAML, e))) loaded.accept();
        }),
        params(),
      );
      loaded.check();
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers any text with a config or positioned errors',
    () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void check(text)), params());
    },
    FUZZ_TIMEOUT,
  );
});
