import { describe, expect, it } from 'vitest';
import { formatConfigErrors } from '../../src/config/format.ts';
import { formatDuration } from '../../src/model/duration.ts';
import { loadConfig } from '../../src/config/load.ts';
import { parseDuration } from '../../src/model/duration.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';

describe('formatConfigErrors', () => {
  it('prints a failed check like promtool, one line:col per error', () => {
    const result = loadConfig('global:\n  scrape_interval: 10x\nscrape_configs:\n  - job_name: a\n    scheme: ftp\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatConfigErrors(result.errors)).toBe(
      [
        'Checking prometheus.yml',
        '  FAILED: parsing YAML file prometheus.yml:',
        '  2:20: unknown unit "x" in duration "10x"',
        '  5:13: invalid scheme: "ftp"',
      ].join('\n'),
    );
  });

  it('names the file it was given and reports success when there is nothing wrong', () => {
    const result = loadConfig(DEFAULT_CONFIG_YAML);
    expect(result.ok).toBe(true);
    expect(formatConfigErrors([], 'etc/prometheus.yml')).toBe(
      'Checking etc/prometheus.yml\n  SUCCESS: etc/prometheus.yml is valid prometheus config file syntax',
    );
  });
});

describe('durations', () => {
  const ms = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

  it('parse Prometheus units, including days, weeks and 365-day years', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1h30m')).toBe(ms.h + 30 * ms.m);
    expect(parseDuration('1d')).toBe(ms.d);
    expect(parseDuration('1w')).toBe(7 * ms.d);
    expect(parseDuration('1y')).toBe(365 * ms.d);
    expect(parseDuration('0')).toBe(0);
  });

  it('reject units out of order, missing units, signs and overflow', () => {
    expect(() => parseDuration('1m1h')).toThrow('not a valid duration string: "1m1h"');
    expect(() => parseDuration('5')).toThrow('not a valid duration string: "5"');
    expect(() => parseDuration('-1s')).toThrow('not a valid duration string: "-1s"');
    expect(() => parseDuration('1.5s')).toThrow('unknown unit "." in duration "1.5s"');
    expect(() => parseDuration('294y')).toThrow('duration out of range');
  });

  it('print in canonical form', () => {
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(90 * ms.m)).toBe('1h30m');
    expect(formatDuration(10_000)).toBe('10s');
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(14 * ms.d)).toBe('2w');
    expect(formatDuration(23 * ms.d + ms.h)).toBe('23d1h');
    expect(formatDuration(90 * ms.d)).toBe('90d');
  });

  it('round-trip through formatDuration', () => {
    for (const text of ['10s', '3s', '1m', '1h30m', '500ms', '1d', '2w', '1y', '4d1h', '1m30s250ms']) {
      expect(formatDuration(parseDuration(text))).toBe(text);
    }
    for (const value of [1, 999, 61_001, 3 * ms.d + 7, 365 * ms.d]) {
      expect(parseDuration(formatDuration(value))).toBe(value);
    }
  });
});
