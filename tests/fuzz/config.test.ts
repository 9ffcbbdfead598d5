// prometheus.yml: random edits of the chapter's config, and random text, give a config or errors with line:col
// inside the text — never an exception.

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { loadConfig } from '../../src/config/load.ts';
import { FUZZ_TIMEOUT, params } from './params.ts';
import { applyEdits, edits, expectPositioned } from './text.ts';

function check(text: string): void {
  const r = loadConfig(text);
  if (!r.ok) expectPositioned(text, r.errors);
}

describe('config fuzz', () => {
  it(
    'answers edited chapter configs with a config or positioned errors',
    () => {
      fc.assert(
        fc.property(edits, (e) => check(applyEdits(DEFAULT_CONFIG_YAML, e))),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers any text with a config or positioned errors',
    () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), check), params());
    },
    FUZZ_TIMEOUT,
  );
});
