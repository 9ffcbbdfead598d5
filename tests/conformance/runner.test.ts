import { describe, expect, it } from 'vitest';
import { almostEqual, runScript } from './run.ts';
import { parseScript } from './script.ts';
import { parseSequence, parseSeriesLabels } from './series.ts';

const floats = (s: string) => parseSequence(s).map((v) => (v.kind === 'float' ? v.v : v.kind));

describe('series value notation', () => {
  it('expands repeats, steps, gaps and staleness markers', () => {
    expect(floats('0+10x3')).toEqual([0, 10, 20, 30]);
    expect(floats('-2+4x3')).toEqual([-2, 2, 6, 10]);
    expect(floats('10-5x2')).toEqual([10, 5, 0]);
    expect(floats('1 _x3 stale')).toEqual([1, 'omitted', 'omitted', 'omitted', 'stale']);
    expect(floats('1x2 Inf -inf')).toEqual([1, 1, 1, Infinity, -Infinity]);
  });

  it('reads native histograms, including a histogram step', () => {
    const [a, b] = parseSequence('{{schema:0 sum:5 count:4 buckets:[1 2 1]}}+{{count:1 buckets:[1]}}x1');
    expect(a.kind === 'histogram' && a.h.buckets).toEqual([1, 2, 1]);
    expect(b.kind === 'histogram' && [b.h.count, b.h.buckets]).toEqual([5, [2, 2, 1]]);
  });

  it('adds a histogram step of a higher schema at the lower one, buckets merged', () => {
    const [, b] = parseSequence('{{schema:-1 sum:4 count:1 buckets:[1] offset:1}}+{{schema:0 sum:4 count:4 buckets:[2 2] offset:1}}x1');
    expect(b.kind === 'histogram' && [b.h.schema, b.h.offset, b.h.buckets]).toEqual([-1, 1, [5]]);
  });

  it('reads label sets in every spelling', () => {
    expect(parseSeriesLabels('m{a="b", c="d"} 1').labels).toEqual([
      { name: '__name__', value: 'm' },
      { name: 'a', value: 'b' },
      { name: 'c', value: 'd' },
    ]);
    expect(parseSeriesLabels('{"my.metric", a="b"} 1').labels[0]).toEqual({ name: '__name__', value: 'my.metric' });
    expect(parseSeriesLabels('{} 3').labels).toEqual([]);
  });
});

describe('script commands', () => {
  it('parses eval forms and expectations', () => {
    const [ev] = parseScript('eval range from 0 to 10m step 5m sum(x)\n  expect warn msg: PromQL warning: boo\n  {} 1 2 _');
    expect(ev).toMatchObject({ kind: 'eval', range: true, start: 0, end: 600_000, step: 300_000, expr: 'sum(x)' });
    expect(ev.kind === 'eval' && ev.expects).toEqual([{ kind: 'warn', msg: 'PromQL warning: boo' }]);
  });
});

describe('comparison', () => {
  it("uses Prometheus' relative tolerance, exact at zero", () => {
    expect(almostEqual(1, 1 + 1e-7)).toBe(true);
    expect(almostEqual(1, 1.00001)).toBe(false);
    expect(almostEqual(0, 1e-300)).toBe(false);
    expect(almostEqual(NaN, NaN)).toBe(true);
  });

  it('passes a correct eval and reports a wrong one', () => {
    const results = runScript(
      ['load 1m', '  x{job="a"} 0+1x10', '', 'eval instant at 5m x', '  x{job="a"} 5', '', 'eval instant at 5m x', '  x{job="a"} 6'].join('\n'),
    );
    expect(results.map((r) => r.failure)).toEqual([null, 'x{job="a"}: expected 6, got 5']);
  });
});

describe('deprecated eval forms', () => {
  const script = [
    'load 1m',
    '  x{i="a"} 1+1x5',
    '  x{i="b"} 10+1x5',
    '',
    'eval_fail instant at 1m sum(x) by (',
    '  expected_fail_regexp unclosed left parenthesis',
    '',
    'eval_fail instant at 1m x + on() x',
    '  expected_fail_message wrong message',
    '',
    'eval_ordered instant at 1m sort_desc(x)',
    '  x{i="b"} 11',
    '  x{i="a"} 2',
    '',
    'eval_warn instant at 1m quantile(2, x)',
    '  {} +Inf',
    '',
    'eval_info instant at 1m x',
    '  x{i="a"} 2',
    '  x{i="b"} 11',
  ].join('\n');

  it('checks failure messages, order and annotations', () => {
    const results = runScript(script).map((r) => r.failure);
    expect(results[0]).toBeNull();
    expect(results[1]).toMatch(/^expected error wrong message, got/);
    expect(results[2]).toBeNull();
    expect(results[3]).toBeNull();
    expect(results[4]).toMatch(/^expected a info annotation/);
  });
});

describe('start timestamps', () => {
  it('reads @st lines as per-position offsets for the series that follows', () => {
    const [load] = parseScript(['load 1m', '  m{a="b"}@st _ -30s-1mx2 +1m _x1 -0ms', '  m{a="b"} 1 2 3 4 5 6 7', '  n 1'].join('\n'));
    expect(load.kind === 'load' && load.series.map((s) => s.st)).toEqual([[null, -30_000, -90_000, -150_000, 60_000, null, 0], undefined]);
  });

  it('lets increase() count a reset that only the start timestamp shows', () => {
    const script = ['load 1m', '  c@st _ -1m -30s', '  c    _ 5 6', '', 'eval instant at 2m resets(c[5m])', '  {} 1', '', 'eval instant at 2m resets(c[5m:1m])', '  {} 0'];
    expect(runScript(script.join('\n')).map((r) => r.failure)).toEqual([null, null]);
  });
});

describe('start_timestamp()', () => {
  it("returns a selected sample's start timestamp, and nothing for other expressions", () => {
    const script = ['load 10s', '  c@st _ -2s', '  c    1 2', '', 'eval instant at 10s start_timestamp(c)', '  {} 8', '', 'eval instant at 10s start_timestamp(c * 1)'];
    expect(runScript(script.join('\n')).map((r) => r.failure)).toEqual([null, null]);
  });
});
