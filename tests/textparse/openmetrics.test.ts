// The layout `promtool tsdb create-blocks-from openmetrics` reads: several timestamped points per histogram or
// summary, and files ordered by time across series. Each case is checked against Debian's promtool where present.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOpenMetrics } from '../../src/textparse/openmetrics.ts';
import { ParseError } from '../../src/textparse/types.ts';

const PROMTOOL = '/usr/bin/promtool';
const promtoolMissing = !existsSync(PROMTOOL);
if (promtoolMissing && process.env.CI) throw new Error(`${PROMTOOL} is missing in CI: .ci/run installs Debian's prometheus package`);

const om = (...lines: string[]) => lines.join('\n') + '\n# EOF\n';

/** `name{labels} value @ms` per sample, sorted: the shape `promtool tsdb dump` prints. */
function ours(text: string): string[] {
  return parseOpenMetrics(text)
    .samples.map((s) => `${s.name}{${s.labels.map(([k, v]) => `${k}="${v}"`).join(', ')}} ${s.value} ${s.timestamp}`)
    .sort();
}

/** What promtool backfills from the same file, in the same notation. */
function promtools(text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'promlab-om-'));
  try {
    writeFileSync(join(dir, 'in.om'), text);
    execFileSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'in.om'), join(dir, 'data')], { stdio: 'pipe' });
    mkdirSync(join(dir, 'data/wal'), { recursive: true });
    const dump = execFileSync(PROMTOOL, ['tsdb', 'dump', join(dir, 'data')], { encoding: 'utf8' });
    return dump
      .trim()
      .split('\n')
      .map((l) => l.replace(/^\{__name__="([^"]*)"(?:, )?/, '$1{'))
      .sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TWO_POINTS = om('# TYPE h histogram', 'h_bucket{le="+Inf"} 1 1.000', 'h_count 1 1.000', 'h_sum 1 1.000', 'h_bucket{le="+Inf"} 2 2.000', 'h_count 2 2.000', 'h_sum 2 2.000');
const TWO_BUCKETS = om(
  '# TYPE h histogram',
  'h_bucket{le="10"} 0 1',
  'h_bucket{le="+Inf"} 1 1',
  'h_count 1 1',
  'h_sum 1 1',
  'h_bucket{le="10"} 1 2',
  'h_bucket{le="+Inf"} 2 2',
  'h_count 2 2',
  'h_sum 2 2',
);
const SUMMARY = om('# TYPE s summary', 's{quantile="0.5"} 1 1', 's_count 1 1', 's_sum 1 1', 's{quantile="0.5"} 2 2', 's_count 2 2', 's_sum 2 2');
const BY_TIME = om(
  '# TYPE c counter',
  '# TYPE g gauge',
  '# TYPE h histogram',
  'c_total{job="a"} 1 15',
  'c_total{job="b"} 5 15',
  'g 0.5 15',
  'h_bucket{le="+Inf"} 1 15',
  'h_count 1 15',
  'h_sum 3 15',
  'c_total{job="a"} 2 30',
  'c_total{job="b"} 6 30',
  'g 0.25 30',
  'h_bucket{le="+Inf"} 2 30',
  'h_count 2 30',
  'h_sum 4 30',
);

describe('OpenMetrics with several timestamped points per series', () => {
  it('keeps every sample of a histogram with two points (_count and _sum at t=2 too)', () => {
    expect(ours(TWO_POINTS)).toEqual([
      'h_bucket{le="+Inf"} 1 1000',
      'h_bucket{le="+Inf"} 2 2000',
      'h_count{} 1 1000',
      'h_count{} 2 2000',
      'h_sum{} 1 1000',
      'h_sum{} 2 2000',
    ]);
  });

  it('accepts two points of a histogram with two buckets', () => {
    expect(ours(TWO_BUCKETS)).toHaveLength(8);
    expect(ours(TWO_BUCKETS)).toContain('h_bucket{le="+Inf"} 2 2000');
  });

  it('keeps every sample of a summary with two points', () => {
    expect(ours(SUMMARY)).toHaveLength(6);
  });

  it('accepts a file ordered by time across series and families', () => {
    const samples = ours(BY_TIME);
    expect(samples).toHaveLength(12);
    expect(samples.filter((s) => s.startsWith('c_total{job="a"}'))).toEqual(['c_total{job="a"} 1 15000', 'c_total{job="a"} 2 30000']);
  });

  it.skipIf(promtoolMissing).each([
    ['two points', TWO_POINTS],
    ['two buckets', TWO_BUCKETS],
    ['a summary', SUMMARY],
    ['time order', BY_TIME],
  ])('reads the same samples as promtool: %s', (_, text) => {
    const normalise = (l: string) => l.replace(/\{\}/, '').replace(/le="10\.0"/, 'le="10"');
    expect(ours(text).map(normalise)).toEqual(promtools(text).map(normalise));
  });

  const rejects = (text: string, line: number, message: string) => {
    let err: unknown;
    try {
      parseOpenMetrics(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect([(err as ParseError).line, (err as ParseError).reason]).toEqual([line, message]);
  };

  it('still rejects a group that comes back without moving forward in time', () => {
    rejects(om('# TYPE g gauge', 'g{a="1"} 1 2', 'g{a="2"} 1 2', 'g{a="1"} 2 2'), 4, 'samples of one gauge are not grouped together');
    rejects(om('# TYPE g gauge', 'g{a="1"} 1', 'g{a="2"} 1', 'g{a="1"} 2'), 4, 'samples of one gauge are not grouped together');
  });

  it('still rejects a point going back in time, and an untimestamped family seen twice', () => {
    rejects(om('# TYPE g gauge', 'g 1 2', 'g 1 1'), 3, 'timestamps went backwards within a group');
    rejects(om('# TYPE a gauge', 'a 1', '# TYPE b gauge', 'b 1', 'a 2'), 5, 'metric family "a" clashes with the earlier family of "a"');
  });

  it('still checks each point of a histogram', () => {
    rejects(om('# TYPE h histogram', 'h_bucket{le="+Inf"} 1 1', 'h_count 1 1', 'h_sum 1 1', 'h_bucket{le="1"} 2 2', 'h_count 2 2', 'h_sum 2 2'), 1, 'histogram "h" has no +Inf bucket');
  });
});
