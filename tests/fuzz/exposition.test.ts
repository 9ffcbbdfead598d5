// The exposition parser against the apps' own writers (write → parse gives back every sample), and against garbage
// (a ParseError with a line and column, never another exception).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FamilySnapshot } from '../../src/sim/metrics/snapshot.ts';
import { writeGoText } from '../../src/sim/metrics/text-go.ts';
import { writePromClientText } from '../../src/sim/metrics/text-promclient.ts';
import { ParseError, parsePrometheusText } from '../../src/textparse/promparse.ts';
import { FUZZ_TIMEOUT, params } from './params.ts';

const metricName = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,20}$/);
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/).filter((n) => n !== 'le' && n !== 'quantile');
// Label values and HELP texts with the characters that need escaping, and any Unicode.
const text = fc.oneof(fc.string({ unit: fc.constantFrom('\\', '"', '\n', 'a', ' ', '{', '}', ',', '=', '#') }), fc.string({ unit: 'grapheme' }));
const value = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0, -0), fc.integer().map(Number));

const family: fc.Arbitrary<FamilySnapshot> = fc.record({
  name: metricName,
  help: text,
  type: fc.constantFrom('counter', 'gauge', 'untyped'),
  metrics: fc.array(
    fc.record({
      labels: fc.uniqueArray(fc.tuple(labelName, text), { selector: ([n]) => n, maxLength: 4 }),
      samples: fc.array(fc.record({ suffix: fc.constant(''), value }), { minLength: 1, maxLength: 2 }),
      timestampMs: fc.option(fc.integer({ min: -1e12, max: 4e12 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
const families = fc.uniqueArray(family, { selector: (f) => f.name, minLength: 1, maxLength: 4 });

function expected(fams: readonly FamilySnapshot[], withTimestamps: boolean): string[] {
  return fams.flatMap((f) =>
    f.metrics.flatMap((m) =>
      m.samples.map((s) => {
        const labels = [...m.labels].sort(([a], [b]) => (a < b ? -1 : 1));
        return JSON.stringify([f.name, labels, String(s.value), withTimestamps ? (m.timestampMs ?? null) : null]);
      }),
    ),
  );
}

function parsed(body: string): string[] {
  return parsePrometheusText(body).samples.map((s) =>
    JSON.stringify([s.name, [...s.labels].sort(([a], [b]) => (a < b ? -1 : 1)), String(s.value), s.timestamp]),
  );
}

describe('exposition fuzz', () => {
  it(
    "parses back every sample client_golang's writer prints",
    () => {
      fc.assert(
        fc.property(families, (fams) => {
          expect(parsed(writeGoText(fams)).sort()).toEqual(expected(fams, false).sort());
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    "parses back every sample and timestamp prom-client's writer prints",
    () => {
      // prom-client leaves a backslash before `n` unescaped, so its round trip only holds for text without `\n` pairs.
      const plain = families.filter((fams) => !JSON.stringify(fams).includes('\\\\n'));
      fc.assert(
        fc.property(plain, (fams) => {
          expect(parsed(writePromClientText(fams)).sort()).toEqual(expected(fams, true).sort());
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers garbage with a positioned ParseError or a result, nothing else',
    () => {
      const token = fc.constantFrom('# HELP ', '# TYPE ', 'counter', 'x', 'x_total', '{', '}', '=', '"', '\\', ',', ' ', '\n', '1', 'NaN', '+Inf', '-', 'e', '.', '\t', '#', 'é');
      const body = fc.oneof(fc.string({ unit: token, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));
      fc.assert(
        fc.property(body, (b) => {
          try {
            parsePrometheusText(b);
          } catch (err) {
            expect(err).toBeInstanceOf(ParseError);
            const e = err as ParseError;
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.line).toBeLessThanOrEqual(b.split('\n').length);
            expect(e.col).toBeGreaterThanOrEqual(1);
          }
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );
});
