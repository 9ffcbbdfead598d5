// A parser for OpenMetrics 1.0 text (application/openmetrics-text), checked as strictly as the OpenMetrics
// conformance suite: mandatory `# EOF`, no blank lines, metadata before samples, one family per name, grouping
// and ordering, per-type sample rules, histogram consistency. Exemplars are parsed, checked and dropped;
// `_created` samples are kept as series, as Prometheus does without its created-timestamp feature flag.

import { normalizeFloatLabel, parseGoFloat } from './floats.ts';
import { LineReader } from './reader.ts';
import { ParseError, type MetricMetadata, type MetricType, type ParsedExposition, type SampleEntry } from './types.ts';

const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: ['_total', '_created'],
  summary: ['_count', '_sum', '_created', ''],
  histogram: ['_count', '_sum', '_bucket', '_created'],
  gaugehistogram: ['_gcount', '_gsum', '_bucket'],
  info: ['_info'],
  gauge: [''],
  stateset: [''],
  unknown: [''],
};
const TYPES = new Set(Object.keys(SUFFIXES));
// Samples that count things are never NaN, and never negative but for sums and quantiles: observations may be
// negative (Prometheus' own test data has such histograms and summaries), and so may a gauge histogram's _gsum.
const COUNTER_LIKE = ['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum'];
const NON_NEGATIVE = ['_total', '_count', '_bucket', '_gcount'];
const EXEMPLAR_MAX_RUNES = 128;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

interface OMSample {
  readonly entry: SampleEntry;
  /** Timestamp in seconds as written, for the ordering checks; null when absent. */
  readonly ts: number | null;
}

class Family {
  type: MetricType | null = null;
  help: string | null = null;
  unit: string | null = null;
  readonly samples: OMSample[] = [];
  /** Each group seen so far → the timestamp of its latest point. */
  readonly seenGroups = new Map<string, number | null>();
  group: string | null = null;
  groupTs: number | null = null;
  /** The series of the current point (group and timestamp), to drop a repeat of one. */
  pointSeries = new Set<string>();

  constructor(
    readonly name: string,
    readonly line: number,
  ) {}

  get kind(): MetricType {
    return this.type ?? 'unknown';
  }

  allows(sampleName: string): boolean {
    return SUFFIXES[this.kind].some((s) => this.name + s === sampleName);
  }

  fail(reason: string): never {
    throw new ParseError(this.line, 1, reason);
  }
}

export function parseOpenMetrics(body: string): ParsedExposition {
  const lines = body.split('\n');
  const eofAt = lines.indexOf('# EOF');
  if (eofAt < 0) {
    const last = lines.length;
    throw new ParseError(last, 1, 'data does not end with # EOF');
  }
  // After # EOF only the final line break may follow.
  if (eofAt < lines.length - 2 || (eofAt === lines.length - 2 && lines[eofAt + 1] !== '')) {
    throw new ParseError(eofAt + 2, 1, 'unexpected data after # EOF');
  }
  // Families in the order they first appear; a timestamped sample may return to an earlier one (see reopen).
  const families: Family[] = [];
  let family: Family | null = null;
  const open = (name: string, line: number): Family => {
    family = new Family(name, line);
    families.push(family);
    return family;
  };
  for (let i = 0; i < eofAt; i++) {
    const r: LineReader = new LineReader(lines[i], i + 1);
    if (lines[i] === '') r.fail('unexpected blank line');
    if (lines[i].startsWith('#')) {
      const m = /^# (HELP|TYPE|UNIT) ([^ ]+) (.*)$/s.exec(lines[i]);
      if (!m) r.fail(`expected "# HELP", "# TYPE", "# UNIT" or "# EOF" with a metric name and a value, got ${r.got()}`);
      const [, keyword, name, text] = m;
      if (!METRIC_NAME.test(name)) {
        r.pos = keyword.length + 3;
        r.fail(`invalid metric name ${JSON.stringify(name)}`);
      }
      const current = family as Family | null;
      if (current?.name === name && current.samples.length > 0) r.fail(`${keyword} line for "${name}" after its samples`);
      readMetadata(r, current?.name === name ? current : open(name, i + 1), keyword, text);
      continue;
    }
    const current = family as Family | null;
    const s = readSample(r, (name) => (current?.allows(name) ? current : reopenable(families, name))?.kind ?? 'unknown');
    if (!current?.allows(s.entry.name)) {
      const earlier = s.ts === null ? undefined : reopenable(families, s.entry.name);
      family = earlier ?? open(s.entry.name, i + 1);
    }
    checkSample(r, family!, s);
  }
  return collect(families);
}

/**
 * The earlier family a timestamped sample may return to. The spec keeps each family in one block, but
 * `promtool tsdb create-blocks-from openmetrics` also reads files ordered by time across series (every
 * family at t1, then every family at t2, …), so a family whose samples so far all carry timestamps (or that
 * has only metadata yet) takes more; its groups must still move forward in time (checkSample).
 */
function reopenable(families: readonly Family[], sampleName: string): Family | undefined {
  const f = families.find((x) => x.allows(sampleName));
  if (!f) return undefined;
  return f.samples.every((x) => x.ts !== null) ? f : undefined;
}

/** Checks every family once all its samples are in, and lists samples family by family. */
function collect(families: readonly Family[]): ParsedExposition {
  const samples: SampleEntry[] = [];
  const metadata = new Map<string, MetricMetadata>();
  const seenNames = new Set<string>();
  for (const f of families) {
    finishFamily(f, seenNames);
    if (f.type !== null || f.help !== null || f.unit !== null) metadata.set(f.name, { type: f.kind, help: f.help ?? '', unit: f.unit ?? '' });
    for (const x of f.samples) samples.push(x.entry);
  }
  return { samples, metadata };
}

function readMetadata(r: LineReader, f: Family, keyword: string, text: string): void {
  r.pos = keyword.length + f.name.length + 4;
  if (keyword === 'HELP') {
    if (f.help !== null) r.fail(`second HELP line for metric name "${f.name}"`);
    f.help = text.replace(/\\(\\|n|")/g, (_, c: string) => (c === 'n' ? '\n' : c));
  } else if (keyword === 'TYPE') {
    if (f.type !== null) r.fail(`second TYPE line for metric name "${f.name}"`);
    if (!TYPES.has(text)) r.fail(`invalid metric type ${JSON.stringify(text)}`);
    f.type = text as MetricType;
  } else {
    if (f.unit !== null) r.fail(`second UNIT line for metric name "${f.name}"`);
    f.unit = text;
  }
}

function readSample(r: LineReader, typeOf: (name: string) => MetricType): { entry: SampleEntry; ts: number | null; exemplar: boolean } {
  const name = r.readMetricName();
  const type = typeOf(name);
  const labels = r.peek() === '{' ? readLabels(r, (n, v) => normalizeFloatLabel(r, type, n, canonicalInf(r, n, v))) : [];
  if (r.peek() !== ' ') r.fail(`expected a space and a value after the metric, got ${r.got()}`);
  r.pos++;
  const valueAt = r.pos;
  const valueText = r.readWhile((c) => c !== 32);
  const value = parseGoFloat(valueText);
  if (value === null) {
    r.pos = valueAt;
    r.fail(`expected float as value, got ${r.got()}`);
  }
  let ts: number | null = null;
  let exemplar = false;
  if (!r.atEnd()) {
    r.pos++;
    if (r.peek() !== '#') ts = readTimestamp(r);
    if (!r.atEnd()) {
      if (ts !== null) r.pos++;
      exemplar = true;
      readExemplar(r);
    }
  }
  const timestamp = ts === null ? null : Math.trunc(ts * 1000);
  return { entry: { name, labels, value: value!, timestamp, line: r.lineNo }, ts, exemplar };
}

/** OpenMetrics spells infinity only "+Inf" and "-Inf" in le and quantile. */
function canonicalInf(r: LineReader, name: string, value: string): string {
  if ((name === 'le' || name === 'quantile') && /inf/i.test(value) && value !== '+Inf' && value !== '-Inf') {
    r.fail(`${name}="${value}" is not canonical: write +Inf or -Inf`);
  }
  return value;
}

/** `{name="value",…}`: no spaces, no trailing comma, escapes \\ \" \n (others kept as written). */
function readLabels(r: LineReader, normalize: (name: string, value: string) => string): [string, string][] {
  r.pos++;
  const labels: [string, string][] = [];
  const seen = new Set<string>();
  if (r.peek() === '}') {
    r.pos++;
    return labels;
  }
  for (;;) {
    const at = r.pos;
    const name = r.readLabelName('label name');
    if (r.peek() !== '=') r.fail(`expected "=" after label name, got ${r.got()}`);
    r.pos++;
    if (r.peek() !== '"') r.fail(`expected quoted label value, got ${r.got()}`);
    r.pos++;
    let value = '';
    for (;;) {
      if (r.atEnd()) r.fail('label value is missing its closing quote');
      const ch = r.text[r.pos++];
      if (ch === '"') break;
      if (ch === '\\' && !r.atEnd()) {
        const esc = r.text[r.pos++];
        value += esc === 'n' ? '\n' : esc === '\\' || esc === '"' ? esc : '\\' + esc;
      } else value += ch;
    }
    if (seen.has(name)) {
      r.pos = at;
      r.fail(`duplicate label name "${name}"`);
    }
    seen.add(name);
    labels.push([name, normalize(name, value)]);
    if (r.peek() === '}') {
      r.pos++;
      return labels;
    }
    if (r.peek() !== ',') r.fail(`expected "," or "}" after label value, got ${r.got()}`);
    r.pos++;
  }
}

/** Seconds, as an integer or a float; never NaN or infinite. */
function readTimestamp(r: LineReader): number {
  const at = r.pos;
  const text = r.readWhile((c) => c !== 32);
  const ts = parseGoFloat(text);
  if (ts === null || !Number.isFinite(ts)) {
    r.pos = at;
    r.fail(`expected a finite number as timestamp, got ${r.got()}`);
  }
  return ts;
}

/** ` # {labels} value [timestamp]`, at most 128 characters of label names and values. */
function readExemplar(r: LineReader): void {
  if (!r.text.startsWith('# {', r.pos)) r.fail(`expected an exemplar " # {…} value", got ${r.got()}`);
  r.pos += 2;
  const at = r.pos;
  const labels = readLabels(r, (_, v) => v);
  const runes = labels.reduce((n, [k, v]) => n + [...k].length + [...v].length, 0);
  if (runes > EXEMPLAR_MAX_RUNES) {
    r.pos = at;
    r.fail(`exemplar labels have ${runes} characters, more than ${EXEMPLAR_MAX_RUNES}`);
  }
  if (r.peek() !== ' ') r.fail(`expected a space and a value after the exemplar labels, got ${r.got()}`);
  r.pos++;
  const valueAt = r.pos;
  if (parseGoFloat(r.readWhile((c) => c !== 32)) === null) {
    r.pos = valueAt;
    r.fail(`expected float as exemplar value, got ${r.got()}`);
  }
  if (r.atEnd()) return;
  r.pos++;
  readTimestamp(r);
  if (!r.atEnd()) r.fail(`unexpected text after the exemplar: ${r.got()}`);
}

/** The labels that identify a sample's group (one histogram, one summary, one stateset) as a key. */
function groupKey(f: Family, s: SampleEntry): string {
  const t = f.kind;
  if (t === 'info') return '';
  let skip = '';
  if (t === 'summary' && s.name === f.name) skip = 'quantile';
  else if (t === 'stateset') skip = f.name;
  else if ((t === 'histogram' || t === 'gaugehistogram') && s.name === f.name + '_bucket') skip = 'le';
  return JSON.stringify(s.labels.filter(([n]) => n !== skip).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function checkSample(r: LineReader, f: Family, s: { entry: SampleEntry; ts: number | null; exemplar: boolean }): void {
  const e = s.entry;
  const t = f.kind;
  const label = (n: string) => e.labels.find(([k]) => k === n)?.[1];
  const suffix = e.name.slice(f.name.length);
  if (t === 'stateset' && label(f.name) === undefined) r.fail(`stateset sample without its "${f.name}" label`);
  if (e.name === f.name + '_bucket' && (t === 'histogram' || t === 'gaugehistogram')) {
    const le = label('le');
    if (le === undefined || le === 'NaN') r.fail('histogram bucket without a valid "le" label');
  }
  if (t === 'summary' && e.name === f.name) {
    const q = label('quantile');
    const v = q === undefined ? NaN : Number(q);
    if (!(v >= 0 && v <= 1)) r.fail('summary quantile without a "quantile" label between 0 and 1');
  }

  const g = groupKey(f, e);
  const same = f.group !== null && g === f.group;
  // A group may come back only with a later point in time (files ordered by time across series).
  const last = f.seenGroups.get(g);
  if (!same && last !== undefined && (s.ts === null || last === null || s.ts <= last)) r.fail(`samples of one ${t} are not grouped together`);
  if (same) {
    if ((s.ts === null) !== (f.groupTs === null)) r.fail('some samples of a group have a timestamp and some not');
    if (f.groupTs !== null && s.ts! < f.groupTs && t !== 'info') r.fail('timestamps went backwards within a group');
  }
  if (!same || s.ts !== f.groupTs) f.pointSeries = new Set();
  const series = e.name + JSON.stringify(e.labels);
  // A repeat of a series within one point (same timestamp as written) is dropped, not an error.
  if (!f.pointSeries.has(series)) f.samples.push({ entry: e, ts: s.ts });
  f.pointSeries.add(series);
  f.group = g;
  f.groupTs = s.ts;
  f.seenGroups.set(g, s.ts);

  if (t === 'stateset' && e.value !== 0 && e.value !== 1) r.fail('stateset samples can only be 0 or 1');
  if (t === 'info' && e.value !== 1) r.fail('info samples can only be 1');
  if (COUNTER_LIKE.includes(suffix) && Number.isNaN(e.value)) r.fail(`${suffix} samples cannot be NaN`);
  if (NON_NEGATIVE.includes(suffix) && e.value < 0) r.fail(`${suffix} samples cannot be negative`);
  const exemplarOk =
    ((t === 'histogram' || t === 'gaugehistogram') && e.name.endsWith('_bucket')) || (t === 'counter' && e.name.endsWith('_total'));
  if (s.exemplar && !exemplarOk) r.fail('only histogram buckets and counter totals can have exemplars');
}

function finishFamily(f: Family, seenNames: Set<string>): void {
  for (const suffix of new Set([...SUFFIXES[f.kind], ''])) {
    if (seenNames.has(f.name + suffix)) f.fail(`metric family "${f.name}" clashes with the earlier family of "${f.name + suffix}"`);
    seenNames.add(f.name + suffix);
  }
  if (f.unit && !f.name.endsWith(`_${f.unit}`)) f.fail(`unit "${f.unit}" is not a suffix of the metric name "${f.name}"`);
  if (f.unit && (f.kind === 'info' || f.kind === 'stateset')) f.fail(`a ${f.kind} cannot have a unit`);
  if (f.kind === 'histogram' || f.kind === 'gaugehistogram') checkHistogram(f);
}

/**
 * Per group and timestamp: a +Inf bucket, ascending buckets and counts, _count equal to +Inf, _sum with _count.
 * The spec also forbids _sum when buckets are negative; Prometheus accepts that (its own test data has it), so do we.
 */
function checkHistogram(f: Family): void {
  let key: string | null = null;
  let st = { bucket: null as number | null, value: 0, count: null as number | null, sum: false, gsum: false, negBuckets: false, negGsum: false };
  const fresh = () => ({ bucket: null, value: 0, count: null, sum: false, gsum: false, negBuckets: false, negGsum: false });
  const done = () => {
    if (st.bucket !== Infinity) f.fail(`histogram "${f.name}" has no +Inf bucket`);
    if (st.count !== null && st.value !== st.count) f.fail(`histogram "${f.name}": _count does not match the +Inf bucket`);
    if (st.sum && st.count === null) f.fail(`histogram "${f.name}": _sum without _count`);
    if (st.gsum && st.count === null) f.fail(`gauge histogram "${f.name}": _gsum without _gcount`);
    if (!st.sum && !st.gsum && st.count !== null) f.fail(`histogram "${f.name}": _count without _sum`);
    if (!st.negBuckets && st.negGsum) f.fail(`gauge histogram "${f.name}" has a negative _gsum but no negative buckets`);
  };
  for (const { entry: e, ts } of f.samples) {
    const suffix = e.name.slice(f.name.length);
    if (suffix === '' || suffix === '_created') continue;
    const k = groupKey(f, e) + '@' + String(ts);
    if (k !== key) {
      if (key !== null) done();
      st = fresh();
    }
    key = k;
    if (suffix === '_bucket') {
      const b = parseGoFloat(e.labels.find(([n]) => n === 'le')![1])!;
      if (b < 0) st.negBuckets = true;
      if (st.bucket !== null && b <= st.bucket) f.fail(`histogram "${f.name}": buckets out of order`);
      if (e.value < st.value) f.fail(`histogram "${f.name}": bucket counts go down`);
      st.bucket = b;
      st.value = e.value;
    } else if (suffix === '_count' || suffix === '_gcount') st.count = e.value;
    else if (suffix === '_sum') st.sum = true;
    else if (suffix === '_gsum') {
      st.gsum = true;
      if (e.value < 0) st.negGsum = true;
    }
  }
  if (key !== null) done();
}
