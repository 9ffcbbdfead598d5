// Shared pieces of the text fuzzers: random edits of a known-good file, and the check that every error points
// inside the text.

import fc from 'fast-check';
import { expect } from 'vitest';

/** One edit of a text: insert, delete or replace a short run at some position. */
export type Edit = [at: number, del: number, ins: string];

const editArb: fc.Arbitrary<Edit> = fc.tuple(
  fc.nat(),
  fc.nat({ max: 8 }),
  fc.string({ unit: fc.constantFrom(' ', '\n', ':', '-', '"', "'", '[', ']', '{', '}', '#', '&', '*', '!', 'x', '1', 's', 'm', '\t', '|', '>', '$'), maxLength: 6 }),
);

export const edits = fc.array(editArb, { minLength: 1, maxLength: 4 });

export function applyEdits(text: string, list: readonly Edit[]): string {
  let out = text;
  for (const [at, del, ins] of list) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + ins + out.slice(i + del);
  }
  return out;
}

/** Errors of a rejected text: at least one, each with a line and column inside the text and a message. */
export function expectPositioned(text: string, errors: readonly { line: number; col: number; message: string }[]): void {
  expect(errors.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const e of errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines + 1);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(e.message).not.toBe('');
  }
}
