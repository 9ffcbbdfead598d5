// Pinned to Go 1.21's strconv.FormatFloat(v, fmt, prec, 64) outputs.

import { describe, expect, it } from 'vitest';
import { formatFloat, type FloatFormat } from '../../src/model/strconv.ts';

const cases: [number, FloatFormat, number, string][] = [
  // 'g', shortest: %e below 1e-4 and from 1e+06 up.
  [1e6, 'g', -1, '1e+06'],
  [123456, 'g', -1, '123456'],
  [1234567, 'g', -1, '1.234567e+06'],
  [0.0001, 'g', -1, '0.0001'],
  [0.00001234, 'g', -1, '1.234e-05'],
  [1e21, 'g', -1, '1e+21'],
  [1e100, 'g', -1, '1e+100'],
  [0.1 + 0.2, 'g', -1, '0.30000000000000004'],
  [-2.5, 'g', -1, '-2.5'],
  [0, 'g', -1, '0'],
  [-0, 'g', -1, '-0'],
  [5e-324, 'g', -1, '5e-324'],
  [Number.MAX_VALUE, 'g', -1, '1.7976931348623157e+308'],
  // 'g' with a precision: significant digits, no trailing zeros.
  [1.23456, 'g', 4, '1.235'],
  [1e6, 'g', 4, '1e+06'],
  [123456, 'g', 4, '1.235e+05'],
  [100, 'g', 4, '100'],
  [0.5, 'g', 4, '0.5'],
  [0.000012345678, 'g', 3, '1.23e-05'],
  [7, 'g', 0, '7'],
  // 'f', shortest: never an exponent.
  [1e21, 'f', -1, '1000000000000000000000'],
  [1e-7, 'f', -1, '0.0000001'],
  [1.5e-10, 'f', -1, '0.00000000015'],
  [123.456, 'f', -1, '123.456'],
  [-0, 'f', -1, '-0'],
  [0, 'f', -1, '0'],
  [2 ** 53 + 2, 'f', -1, '9007199254740994'],
  [1.005, 'f', 2, '1.00'],
  // 'e', shortest and with a precision.
  [1, 'e', -1, '1e+00'],
  [0, 'e', -1, '0e+00'],
  [123456, 'e', -1, '1.23456e+05'],
  [-0.00015, 'e', -1, '-1.5e-04'],
  [1e100, 'e', -1, '1e+100'],
  [1, 'e', 3, '1.000e+00'],
  [123456, 'e', 2, '1.23e+05'],
];

describe('formatFloat (strconv.FormatFloat)', () => {
  it.each(cases)('FormatFloat(%d, %s, %d) = %s', (v, fmt, prec, want) => {
    expect(formatFloat(v, fmt, prec)).toBe(want);
  });

  it('spells the specials as Go does in every format', () => {
    for (const fmt of ['f', 'g', 'e'] as const) {
      expect([formatFloat(Infinity, fmt), formatFloat(-Infinity, fmt), formatFloat(NaN, fmt)]).toEqual(['+Inf', '-Inf', 'NaN']);
    }
  });
});
