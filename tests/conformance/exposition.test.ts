// Exposition-format conformance: every case in ../shared/conformance/exposition/ (OpenMetrics' parser suite,
// Prometheus' textparse and promtool data, prometheus/common's expfmt corpus) read in place, each with its verdict.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseOpenMetrics } from '../../src/textparse/openmetrics.ts';
import { parsePrometheusText } from '../../src/textparse/promparse.ts';
import { ParseError, type ParsedExposition } from '../../src/textparse/types.ts';

const ROOT = join(import.meta.dirname, '../../../shared/conformance/exposition');
const present = existsSync(ROOT);
if (!present && process.env.CI) throw new Error(`exposition conformance data missing at ${ROOT}`);
if (!present) console.warn(`skipping exposition conformance: ${ROOT} not found`);

type Parser = (text: string) => ParsedExposition;

/**
 * OpenMetrics-suite rejections Prometheus' scrape parser does not make, where Prometheus' own test data
 * (model/textparse/testdata/alltypes.5mfs.om.txt) needs the acceptance: observations may be negative.
 */
const PROMETHEUS_ACCEPTS: Record<string, string> = {
  bad_counter_values_17: 'a summary _sum below 0',
  bad_counter_values_19: 'a summary quantile value below 0',
  bad_histograms_3: 'a histogram with negative buckets and a _sum',
};

/** Parses and reports the verdict; anything but a ParseError is a parser bug and fails the test. */
function verdict(parse: Parser, text: string): { ok: true; result: ParsedExposition } | { ok: false; error: ParseError } {
  try {
    return { ok: true, result: parse(text) };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err };
    throw err;
  }
}

const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');
const list = (dir: string) => (present ? readdirSync(join(ROOT, dir)).sort() : []);

describe.skipIf(!present)('OpenMetrics parser suite (openmetrics-parsers/)', () => {
  const cases = list('openmetrics-parsers').map((name) => {
    const spec = JSON.parse(read('openmetrics-parsers', name, 'test.json')) as { file: string; shouldParse: boolean };
    return { name, shouldParse: spec.shouldParse, text: read('openmetrics-parsers', name, spec.file) };
  });

  it('has all 211 cases', () => {
    expect(cases).toHaveLength(211);
  });

  const accepted = cases.filter((c) => c.shouldParse || c.name in PROMETHEUS_ACCEPTS);
  const rejected = cases.filter((c) => !accepted.includes(c));

  it('agrees with the suite on all but the cases Prometheus accepts on purpose', () => {
    expect(accepted.filter((c) => !c.shouldParse).map((c) => c.name)).toEqual(Object.keys(PROMETHEUS_ACCEPTS));
    expect([accepted.length, rejected.length]).toEqual([47, 164]);
  });

  it.each(accepted)('accepts $name', ({ text }) => {
    const v = verdict(parseOpenMetrics, text);
    expect(v.ok ? '' : v.error.message).toBe('');
  });

  it.each(rejected)('rejects $name with a positioned error', ({ text }) => {
    const v = verdict(parseOpenMetrics, text);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.line).toBeGreaterThanOrEqual(1);
  });
});

describe.skipIf(!present)("Prometheus' textparse and promtool data", () => {
  const files = [
    ...list('prometheus-textparse').map((f) => ['prometheus-textparse', f]),
    ...list('prometheus-promtool').map((f) => ['prometheus-promtool', f]),
  ];
  // promtool's dump files are OpenMetrics (seconds timestamps, # EOF); the rest say so by their name.
  const isOpenMetrics = (f: string) => f.endsWith('.om.txt') || f.startsWith('dump-openmetrics');

  it.each(files)('%s/%s parses', (dir, file) => {
    const parse = isOpenMetrics(file) ? parseOpenMetrics : parsePrometheusText;
    const v = verdict(parse, read(dir, file));
    expect(v.ok ? '' : v.error.message).toBe('');
    if (v.ok) expect(v.result.samples.length).toBeGreaterThan(0);
  });

  it('reads the same samples with and without HELP/TYPE lines', () => {
    const withMeta = parsePrometheusText(read('prometheus-textparse', 'alltypes.237mfs.prom.txt'));
    const without = parsePrometheusText(read('prometheus-textparse', 'alltypes.237mfs.nometa.prom.txt'));
    expect(withMeta.metadata.size).toBe(237);
    expect(without.metadata.size).toBe(0);
    // Only le/quantile text differs: typed families get Prometheus 3's canonical float text.
    expect(without.samples.map((s) => s.name)).toEqual(withMeta.samples.map((s) => s.name));
  });

  it('reads OpenMetrics timestamps in seconds as milliseconds', () => {
    const { samples } = parseOpenMetrics(read('prometheus-promtool', 'dump-openmetrics-test.prom'));
    expect(samples.slice(0, 2).map((s) => [s.name, s.value, s.timestamp])).toEqual([
      ['my_counter', 1, 0],
      ['my_counter', 2, 60_000],
    ]);
  });
});

describe.skipIf(!present)("prometheus/common expfmt corpus (classic text format)", () => {
  const corpus = list('prometheus-common-expfmt/fuzz-corpus');

  it.each(corpus.filter((f) => !f.includes('error')))('accepts %s', (file) => {
    const v = verdict(parsePrometheusText, read('prometheus-common-expfmt/fuzz-corpus', file));
    expect(v.ok ? '' : v.error.message).toBe('');
  });

  it.each(corpus.filter((f) => f.includes('error')))('rejects %s', (file) => {
    expect(verdict(parsePrometheusText, read('prometheus-common-expfmt/fuzz-corpus', file)).ok).toBe(false);
  });

  it('parses testdata/text, and the gzip copy gives the same samples', () => {
    const plain = parsePrometheusText(read('prometheus-common-expfmt/testdata/text'));
    const gz = gunzipSync(readFileSync(join(ROOT, 'prometheus-common-expfmt/testdata/text.gz'))).toString('utf8');
    expect(plain.samples.length).toBeGreaterThan(100);
    expect(parsePrometheusText(gz).samples).toEqual(plain.samples);
  });
});
