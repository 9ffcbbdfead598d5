// The OpenMetrics parser's fast paths: the per-series cache (a repeated `name{labels}` text is not parsed again),
// numbers read from the characters, and streamOpenMetrics, which hands samples over in file order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGoFloat } from '../../src/textparse/floats.ts';
import { parseOpenMetrics, streamOpenMetrics } from '../../src/textparse/openmetrics.ts';
import { ParseError, type SampleEntry } from '../../src/textparse/types.ts';
import { params } from '../fuzz/params.ts';

const om = (...lines: string[]) => lines.join('\n') + '\n# EOF\n';
const show = (s: Pick<SampleEntry, 'name' | 'labels' | 'value' | 'timestamp'>) =>
  `${s.name}{${s.labels.map(([k, v]) => `${k}="${v}"`).join(',')}} ${s.value} ${s.timestamp}`;

function streamed(text: string): { samples: string[]; labels: [string, string][][] } {
  const samples: string[] = [];
  const labels: [string, string][][] = [];
  streamOpenMetrics(text, (name, ls, value, timestamp) => {
    samples.push(show({ name, labels: ls, value, timestamp }));
    labels.push(ls);
  });
  return { samples, labels };
}

function failure(text: string): [number, number, string] {
  try {
    parseOpenMetrics(text);
  } catch (e) {
    if (e instanceof ParseError) return [e.line, e.col, e.reason];
    throw e;
  }
  throw new Error('parsed');
}

const BY_TIME = om(
  '# TYPE c counter',
  '# TYPE h histogram',
  'c_total{job="a"} 1 15',
  'h_bucket{le="1"} 0 15',
  'h_bucket{le="+Inf"} 1 15',
  'h_count 1 15',
  'h_sum 3 15',
  'c_total{job="a"} 2 30',
  'h_bucket{le="1"} 1 30',
  'h_bucket{le="+Inf"} 2 30',
  'h_count 2 30',
  'h_sum 4 30',
);

describe('streamOpenMetrics', () => {
  it('hands over the samples parseOpenMetrics returns, in file order rather than family by family', () => {
    const { samples } = streamed(BY_TIME);
    expect(samples[0]).toBe('c_total{job="a"} 1 15000');
    expect(samples[1]).toBe('h_bucket{le="1.0"} 0 15000');
    expect(samples[5]).toBe('c_total{job="a"} 2 30000');
    expect([...samples].sort()).toEqual(parseOpenMetrics(BY_TIME).samples.map(show).sort());
  });

  it('gives every sample of a series the same labels array, so a loader looks its ref up once', () => {
    const { labels } = streamed(BY_TIME);
    expect(labels[5]).toBe(labels[0]);
    expect(labels[6]).toBe(labels[1]);
    expect(labels[1]).not.toBe(labels[2]);
  });

  it('returns the metadata and throws a family error once the file is read, after the samples', () => {
    expect(streamOpenMetrics(BY_TIME, () => undefined).get('h')?.type).toBe('histogram');
    const text = om('# TYPE h histogram', 'h_bucket{le="1"} 1 1', 'h_count 1 1', 'h_sum 1 1');
    const seen: string[] = [];
    expect(() => streamOpenMetrics(text, (name) => seen.push(name))).toThrow('histogram "h" has no +Inf bucket');
    expect(seen).toEqual(['h_bucket', 'h_count', 'h_sum']);
  });
});

describe('the series cache', () => {
  it('normalizes le the same way when a series text comes back, and drops a repeat written another way', () => {
    expect(parseOpenMetrics(BY_TIME).samples.filter((s) => s.name === 'h_bucket').map(show)).toEqual([
      'h_bucket{le="1.0"} 0 15000',
      'h_bucket{le="+Inf"} 1 15000',
      'h_bucket{le="1.0"} 1 30000',
      'h_bucket{le="+Inf"} 2 30000',
    ]);
    const repeat = om('# TYPE h histogram', 'h_bucket{le="1"} 0 1', 'h_bucket{le="1.00"} 0 1', 'h_bucket{le="+Inf"} 1 1', 'h_count 1 1', 'h_sum 1 1');
    expect(parseOpenMetrics(repeat).samples).toHaveLength(4);
  });

  it('reads a cached series text again under the type its family has now', () => {
    // `x_bucket` is an untyped family first, so its le stays as written; the histogram of the same name is a second family.
    const text = om('x_bucket{le="1"} 1', '# TYPE x histogram', 'x_bucket{le="1"} 1');
    expect(failure(text)).toEqual([2, 1, 'metric family "x" clashes with the earlier family of "x_bucket"']);
    const samples: string[] = [];
    expect(() => streamOpenMetrics(text, (name, ls) => samples.push(`${name} ${ls[0][1]}`))).toThrow(ParseError);
    expect(samples).toEqual(['x_bucket 1', 'x_bucket 1.0']);
  });

  it('keeps the line and column of errors on lines whose series text is cached', () => {
    expect(failure(om('a{b="c"} 1', 'a{b="c"} x'))).toEqual([2, 10, 'expected float as value, got "x"']);
    expect(failure(om('a{b="c"} 1', 'a{b="c"} 2 y'))).toEqual([2, 12, 'expected a finite number as timestamp, got "y"']);
    expect(failure(om('# TYPE c counter', 'c_total{b="c"} 1', 'c_total{b="c"} -1'))).toEqual([3, 18, '_total samples cannot be negative']);
    expect(failure(om('a{b="c"} 1', '', 'a{b="c"} 2'))).toEqual([2, 1, 'unexpected blank line']);
    expect(failure('a 1\n# EOF\nb 2\n')).toEqual([3, 1, 'unexpected data after # EOF']);
    expect(failure('a 1\nb 2\n')).toEqual([3, 1, 'data does not end with # EOF']);
  });
});

// parseGoFloat before the hand-written scan: the regular expression it replaced, kept here as the oracle.
function goFloatByRegExp(s: string): number | null {
  if (s === '') return null;
  const lower = s.toLowerCase();
  const unsigned = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  if (unsigned === 'inf' || unsigned === 'infinity') return (lower[0] === '-' ? -1 : 1) * Infinity;
  if (unsigned === 'nan') return NaN;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower) ? Number(s) : null;
}

describe('numbers', () => {
  const numberText = fc.oneof(
    fc.string({ unit: fc.constantFrom('0', '1', '7', '9', '.', '+', '-', 'e', 'E', 'x', '_', ' '), maxLength: 12 }),
    fc.double({ noNaN: true }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 1e15 }), fc.integer({ min: 0, max: 20 })).map(([m, k]) => (m / 10 ** k).toFixed(k)),
    fc.constantFrom('Inf', '+inf', '-Infinity', 'NaN', 'nan', '1e', '.e1', '00.5', '-0', '+.5', '9007199254740993'),
  );

  it('parseGoFloat reads what the regular expression it replaced read', () => {
    fc.assert(
      fc.property(numberText, (s) => {
        expect(Object.is(parseGoFloat(s), goFloatByRegExp(s)) || (Number.isNaN(parseGoFloat(s)) && Number.isNaN(goFloatByRegExp(s)))).toBe(true);
      }),
      params(),
    );
  });

  it('sample values and timestamps read from the characters are the floats parseGoFloat gives', () => {
    let accepted = 0;
    fc.assert(
      fc.property(numberText, numberText, (v, t) => {
        const value = parseGoFloat(v);
        const ts = parseGoFloat(t);
        if (value === null || v.includes(' ') || ts === null || !Number.isFinite(ts) || t.includes(' ')) return;
        const [s] = parseOpenMetrics(om(`a ${v} ${t}`)).samples;
        expect(Object.is(s.value, value) || (Number.isNaN(s.value) && Number.isNaN(value))).toBe(true);
        expect(s.timestamp).toBe(Math.trunc(ts * 1000));
        accepted++;
      }),
      params(),
    );
    expect(accepted).toBeGreaterThan(50);
  });
});
