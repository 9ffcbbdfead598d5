import { describe, expect, it } from 'vitest';
import { defaultDashboard } from '../../src/dashboard/default.ts';
import { displayValues } from '../../src/dashboard/display.ts';
import { seriesName } from '../../src/dashboard/legend.ts';
import { queryPanel, type RangeQuerier } from '../../src/dashboard/query.ts';
import { reduce } from '../../src/dashboard/reduce.ts';
import { thresholdColor } from '../../src/dashboard/thresholds.ts';
import { parseTime, refreshMs, resolveRange } from '../../src/dashboard/time.ts';
import { formatUnit } from '../../src/dashboard/units.ts';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { PromQLError, type Value } from '../../src/promql/value.ts';

describe('units', () => {
  it('formats like Grafana', () => {
    expect(formatUnit(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatUnit(5_777_777, 'bytes')).toBe('5.51 MiB');
    expect(formatUnit(1500, 'decbytes')).toBe('1.5 kB');
    expect(formatUnit(1234, 'short')).toBe('1.23 K');
    expect(formatUnit(2_500_000, 'short')).toBe('2.5 Mil');
    expect(formatUnit(42, 'short')).toBe('42');
    expect(formatUnit(0.25, 'percentunit')).toBe('25%');
    expect(formatUnit(93.5, 'percent')).toBe('93.5%');
    expect(formatUnit(0.0123, 's')).toBe('12.3 ms');
    expect(formatUnit(90, 's')).toBe('1.5 min');
    expect(formatUnit(7200, 's')).toBe('2 hour');
    expect(formatUnit(3, 'short', 2)).toBe('3.00');
    expect(formatUnit(NaN, 'bytes')).toBe('NaN');
    expect(formatUnit(Infinity, 'short')).toBe('+Inf');
  });
});

describe('legend format', () => {
  const metric = labelsFromRecord({ __name__: 'access_log_total', hostname: '5349f228faab', instance: '172.20.0.6:80', job: 'access-log' });
  it('fills {{label}} templates, missing labels empty', () => {
    expect(seriesName(metric, '{{hostname}}', 'access_log_total')).toBe('5349f228faab');
    expect(seriesName(metric, '{{ job }} on {{instance}}{{nope}}', 'x')).toBe('access-log on 172.20.0.6:80');
  });
  it('falls back to the labels, then to the query', () => {
    expect(seriesName(metric, '', 'access_log_total')).toBe('access_log_total{hostname="5349f228faab", instance="172.20.0.6:80", job="access-log"}');
    expect(seriesName([], undefined, 'sum(x)')).toBe('sum(x)');
  });
});

describe('time ranges', () => {
  const now = Date.UTC(2026, 10, 24, 12);
  it('resolves relative and absolute ends', () => {
    expect(parseTime('now-15m', now)).toBe(now - 900_000);
    expect(parseTime('now', now)).toBe(now);
    expect(parseTime('2026-11-24T11:00:00.000Z', now)).toBe(now - 3600_000);
    expect(resolveRange({ from: 'now-1h', to: 'now' }, now)).toEqual({ start: now - 3600_000, end: now });
    expect(refreshMs('')).toBe(0);
    expect(refreshMs('10s')).toBe(10_000);
  });
  it('refuses what is not a time or an empty range', () => {
    expect(() => parseTime('now-5x', now)).toThrow('unknown unit');
    expect(() => resolveRange({ from: 'now', to: 'now-1h' }, now)).toThrow('at or after');
  });
});

describe('reduce and thresholds', () => {
  it('computes Grafana calcs, skipping missing points where Grafana does', () => {
    expect(reduce([1, NaN, 3], 'lastNotNull')).toBe(3);
    expect(reduce([1, 3, NaN], 'last')).toBeNaN();
    expect(reduce([1, NaN, 3], 'mean')).toBe(2);
    expect(reduce([], 'max')).toBeNaN();
  });
  it('colours by the last step reached', () => {
    const steps = defaultDashboard().panels.find((p) => p.title === 'Image Loads from NASA')!.fieldConfig!.defaults.thresholds!;
    expect(thresholdColor(1, steps)).toBe('#73BF69');
    expect(thresholdColor(3, steps)).toBe('#FA6400');
    expect(thresholdColor(12, steps)).toBe('#C4162A');
  });
});

describe('panel queries', () => {
  const d = defaultDashboard();
  const fake = (answer: (expr: string) => Value): RangeQuerier & { calls: [string, number, number, number][] } => {
    const calls: [string, number, number, number][] = [];
    return { calls, rangeQuery: async (expr, s, e, step) => (calls.push([expr, s, e, step]), { value: answer(expr), warnings: [], infos: [] }) };
  };

  it('queries each target with one step and names series by legendFormat', async () => {
    const prom = fake(() => ({ type: 'matrix', series: [{ metric: labelsFromRecord({ hostname: 'abc' }), t: [1000, 2000], v: [1, 2] }] }));
    const panel = d.panels.find((p) => p.title === 'Logs by Container')!;
    const data = await queryPanel(prom, panel, 0, 900_000, 300);
    expect(prom.calls).toEqual([['access_log_total', 0, 900_000, 3000]]);
    expect(data.series.map((s) => s.name)).toEqual(['abc']);
  });

  it('shows PromQL errors on the panel', async () => {
    const prom = fake(() => {
      throw new PromQLError('parse error: unexpected end of input');
    });
    const data = await queryPanel(prom, d.panels[1], 0, 60_000, 100);
    expect(data.errors).toEqual([{ refId: 'A', message: 'parse error: unexpected end of input' }]);
  });

  it('reads a label as the stat value for the Version panel', async () => {
    const prom = fake(() => ({ type: 'matrix', series: [{ metric: labelsFromRecord({ __name__: 'engine_daemon_engine_info', version: '19.03.5', architecture: 'x86_64' }), t: [1], v: [1] }] }));
    const version = d.panels.find((p) => p.title === 'Version')!;
    expect(displayValues(version, await queryPanel(prom, version, 0, 60_000, 100)).map((v) => v.text)).toEqual(['19.03.5']);
    const nasa = d.panels.find((p) => p.title === 'Image Loads from NASA')!;
    expect(displayValues(nasa, await queryPanel(prom, nasa, 0, 60_000, 100)).map((v) => v.text)).toEqual(['1']);
  });
});
