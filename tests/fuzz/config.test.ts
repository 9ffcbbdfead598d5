// prometheus.yml: random edits of the chapter's config, and random text, give a config or errors with line:col
// inside the text — never an exception.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { loadConfig } from '../../src/config/load.ts';
import { FUZZ_TIMEOUT, params } from './params.ts';

/** One edit of a text: insert, delete or replace a short run at some position. */
const edit = fc.tuple(
  fc.nat(),
  fc.nat({ max: 8 }),
  fc.string({ unit: fc.constantFrom(' ', '\n', ':', '-', '"', "'", '[', ']', '{', '}', '#', '&', '*', '!', 'x', '1', 's', 'm', '\t', '|', '>'), maxLength: 6 }),
);

function applyEdits(text: string, edits: [number, number, string][]): string {
  let out = text;
  for (const [at, del, ins] of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + ins + out.slice(i + del);
  }
  return out;
}

function checkPositions(text: string): void {
  const r = loadConfig(text);
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const e of r.errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines + 1);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(e.message).not.toBe('');
  }
}

describe('config fuzz', () => {
  it(
    'answers edited chapter configs with a config or positioned errors',
    () => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => checkPositions(applyEdits(DEFAULT_CONFIG_YAML, edits))),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers any text with a config or positioned errors',
    () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), checkPositions), params());
    },
    FUZZ_TIMEOUT,
  );
});
