import { describe, expect, it } from 'vitest';
import { formatDuration, formatValue, graphStep, tallyStatuses, underline } from '../../src/ui/format.ts';

describe('UI formatting', () => {
  it('shows how long ago a scrape was', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(3210)).toBe('3.2s');
    expect(formatDuration(65_000)).toBe('1m5s');
    expect(formatDuration(7_380_000)).toBe('2h3m');
  });

  it('prints special sample values like Prometheus', () => {
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('+Inf');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(0.25)).toBe('0.25');
  });

  it('tallies response codes like the chapter\'s curl loop', () => {
    expect(tallyStatuses([200, 500, 200, 200])).toBe('3 × 200, 1 × 500');
    expect(tallyStatuses([])).toBe('');
  });

  it('picks about 250 points per graph in whole seconds', () => {
    expect(graphStep(5 * 60_000)).toBe(1000);
    expect(graphStep(15 * 60_000)).toBe(4000);
    expect(graphStep(60 * 60_000)).toBe(14_000);
  });
});

describe('underline', () => {
  it('marks the bad part of a one-line query', () => {
    expect(underline('sum(rate(x[5m])', 4, 15)).toEqual({ line: 1, text: 'sum(rate(x[5m])', col: 4, width: 11 });
  });

  it('finds the line of a multi-line query and keeps the mark on it', () => {
    expect(underline('sum(\n  foo +\n)', 9, 14)).toEqual({ line: 2, text: '  foo +', col: 4, width: 3 });
  });

  it('marks at least one character at the end of the input', () => {
    expect(underline('foo{', 4, 4)).toEqual({ line: 1, text: 'foo{', col: 4, width: 1 });
  });
});
