// Pinned to prometheus/common model.ParseDuration and model.Duration.String.

import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/model/duration.ts';
import { formatExpr, parseExpr } from '../../src/promql/index.ts';

const D = 86_400_000;

describe('model.Duration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [90 * 60_000, '1h30m'],
    [15 * D, '15d'],
    [90 * D, '90d'],
    [14 * D, '2w'],
    [8 * D, '8d'],
    [365 * D, '1y'],
    [366 * D, '366d'],
    [730 * D, '2y'],
    [D + 1, '1d1ms'],
    [61_001, '1m1s1ms'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    ['0', 0],
    ['1y', 365 * D],
    ['2w3d', 17 * D],
    ['1h30m', 90 * 60_000],
    ['5m', 300_000],
    ['100ms', 100],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'empty duration string'],
    ['1m1d', 'not a valid duration string: "1m1d"'],
    ['1.5h', 'unknown unit "." in duration "1.5h"'],
    ['5', 'not a valid duration string: "5"'],
    ['3x', 'unknown unit "x" in duration "3x"'],
    ['300y', 'duration out of range'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseDuration(text)).toThrow(new DurationError(message));
  });

  it('is what PromQL prints and reads: 90d stays 90d', () => {
    expect(formatExpr(parseExpr('rate(x[90d] offset 2w)'))).toBe('rate(x[90d] offset 2w)');
  });
});
