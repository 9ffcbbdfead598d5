// The API's time and duration parameters, read as Prometheus reads them.

import { describe, expect, it } from 'vitest';
import { ParamError, parseDuration, parseTime } from '../../src/api/params.ts';

describe('API parameters', () => {
  it('reads times as Unix seconds (millisecond precision) or RFC 3339 with any offset', () => {
    expect(parseTime('1764064800')).toBe(1_764_064_800_000);
    expect(parseTime('1764064800.1234')).toBe(1_764_064_800_123);
    expect(parseTime('2025-11-25T10:00:00+01:00')).toBe(Date.UTC(2025, 10, 25, 9));
    expect(parseTime('2025-11-25T09:00:00.5Z')).toBe(Date.UTC(2025, 10, 25, 9) + 500);
    for (const bad of ['', ' 1', 'now', '2025-11-25', '1e']) expect(() => parseTime(bad)).toThrow(ParamError);
    expect(() => parseTime('now')).toThrow('cannot parse "now" to a valid timestamp');
  });

  it('reads durations as float seconds or Prometheus durations', () => {
    expect(parseDuration('15')).toBe(15_000);
    expect(parseDuration('0.5')).toBe(500);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(() => parseDuration('fast')).toThrow('cannot parse "fast" to a valid duration');
  });
});
