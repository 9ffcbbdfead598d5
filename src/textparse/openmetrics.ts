// A parser for OpenMetrics 1.0 text (application/openmetrics-text), checked as strictly as the OpenMetrics
// conformance suite: mandatory `# EOF`, no blank lines, metadata before samples, one family per name, grouping
// and ordering, per-type sample rules, histogram consistency. Exemplars are parsed, checked and dropped;
// `_created` samples are kept as series, as Prometheus does without its created-timestamp feature flag.

import { normalizeFloatLabel, parseGoFloat } from './floats.ts';
import { HistogramCheck } from './openmetrics_histogram.ts';
import { canonicalInf, endOfSeries, readLabels, readValue, type ReadValue } from './openmetrics_line.ts';
import { isMetricName, LineReader, unescapeHelp } from './reader.ts';
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
const KEYWORDS = new Set(['HELP', 'TYPE', 'UNIT']);
// Samples that count things are never NaN, and never negative but for sums and quantiles: observations may be
// negative (Prometheus' own test data has such histograms and summaries), and so may a gauge histogram's _gsum.
const COUNTER_LIKE = ['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum'];
const NON_NEGATIVE = ['_total', '_count', '_bucket', '_gcount'];

/** Where the parser hands each accepted sample; `labels` is one array per series, shared by its samples. */
export type SampleSink = (name: string, labels: [string, string][], value: number, timestamp: number | null, line: number) => void;

interface GroupState {
  seen: boolean;
  /** The timestamp (seconds as written) of the group's latest point; null when it has none. */
  lastTs: number | null;
}

/**
 * What one series' text (`name{labels}` as written) parses to within one family, so a line that repeats it
 * skips the label parsing and the keys: the cache Prometheus' scrape loop keeps by series bytes.
 */
interface SeriesEntry {
  readonly family: Family;
  /** The family type the label values were normalized for (le, quantile). */
  readonly type: MetricType;
  readonly name: string;
  readonly labels: [string, string][];
  /** The part of the name after the family name (`_bucket`, `_total`, ''). */
  readonly suffix: string;
  readonly group: GroupState;
  /** The point (of its family) in which the series last had a sample, to drop a repeat within one. */
  readonly series: { point: number };
  /** The bound of a histogram bucket, else NaN. */
  readonly le: number;
}

class Family {
  type: MetricType | null = null;
  help: string | null = null;
  unit: string | null = null;
  /** Accepted samples, and whether any of them has no timestamp. */
  count = 0;
  untimed = false;
  /** The accepted samples, when the parser collects them (parseOpenMetrics). */
  readonly samples: SampleEntry[] = [];
  /** Groups (one histogram, one summary, one stateset) and series by their keys. */
  readonly groups = new Map<string, GroupState>();
  readonly series = new Map<string, { point: number }>();
  group: GroupState | null = null;
  groupTs: number | null = null;
  /** The current point: one group at one timestamp. */
  point = 0;
  histogram: HistogramCheck | null = null;
  // The last sample name allows() said yes to: consecutive samples mostly share one.
  private allowed: string | null = null;

  constructor(
    readonly name: string,
    readonly line: number,
  ) {}

  get kind(): MetricType {
    return this.type ?? 'unknown';
  }

  setType(t: MetricType): void {
    this.type = t;
    this.allowed = null;
    this.histogram = t === 'histogram' || t === 'gaugehistogram' ? new HistogramCheck(this.name) : null;
  }

  allows(sampleName: string): boolean {
    if (sampleName === this.allowed) return true;
    const ok = sampleName.startsWith(this.name) && SUFFIXES[this.kind].includes(sampleName.slice(this.name.length));
    if (ok) this.allowed = sampleName;
    return ok;
  }

  fail(reason: string): never {
    throw new ParseError(this.line, 1, reason);
  }
}

/** Where `# EOF` starts; a ParseError when it is missing or followed by more than the final line break. */
function findEof(body: string): number {
  let at = -1;
  for (let i = body.indexOf('# EOF'); i >= 0; i = body.indexOf('# EOF', i + 1)) {
    if ((i === 0 || body.charCodeAt(i - 1) === 10) && (i + 5 === body.length || body.charCodeAt(i + 5) === 10)) {
      at = i;
      break;
    }
  }
  const lineOf = (pos: number) => {
    let n = 1;
    for (let i = body.indexOf('\n'); i >= 0 && i < pos; i = body.indexOf('\n', i + 1)) n++;
    return n;
  };
  if (at < 0) throw new ParseError(lineOf(body.length), 1, 'data does not end with # EOF');
  // After # EOF only the final line break may follow.
  if (at + 6 < body.length) throw new ParseError(lineOf(at) + 1, 1, 'unexpected data after # EOF');
  return at;
}

export function parseOpenMetrics(body: string): ParsedExposition {
  const samples: SampleEntry[] = [];
  const families = new OpenMetricsParser(body).run(null);
  for (const f of families) for (const x of f.samples) samples.push(x);
  return { samples, metadata: metadataOf(families) };
}

/**
 * Parses like parseOpenMetrics but hands each accepted sample to `sink` in file order instead of collecting
 * them family by family, and returns the metadata. The checks of a whole family (histogram consistency, clashing
 * names, units) run once the file is read, so a bad file throws after its samples went to the sink: a caller that
 * must not keep them appends through a transaction it rolls back.
 */
export function streamOpenMetrics(body: string, sink: SampleSink): Map<string, MetricMetadata> {
  return metadataOf(new OpenMetricsParser(body).run(sink));
}

function metadataOf(families: readonly Family[]): Map<string, MetricMetadata> {
  const metadata = new Map<string, MetricMetadata>();
  for (const f of families) {
    if (f.type !== null || f.help !== null || f.unit !== null) metadata.set(f.name, { type: f.kind, help: f.help ?? '', unit: f.unit ?? '' });
  }
  return metadata;
}

class OpenMetricsParser {
  // Families in the order they first appear; a timestamped sample may return to an earlier one (see reopenable).
  private readonly families: Family[] = [];
  private family: Family | null = null;
  private readonly cache = new Map<string, SeriesEntry>();
  private points = 0;
  private sink: SampleSink | null = null;
  private readonly value: ReadValue = { value: 0, ts: null, exemplar: false };

  constructor(private readonly body: string) {}

  run(sink: SampleSink | null): Family[] {
    this.sink = sink;
    const body = this.body;
    const eofAt = findEof(body);
    const r = new LineReader(body, 0);
    for (let pos = 0, lineNo = 1; pos < eofAt; lineNo++) {
      const end = body.indexOf('\n', pos);
      r.reset(pos, end, lineNo);
      pos = end + 1;
      if (r.atEnd()) r.fail('unexpected blank line');
      if (body.charCodeAt(r.start) === 35) this.metadataLine(new LineReader(body.slice(r.start, end), lineNo));
      else this.sampleLine(r);
    }
    const seenNames = new Set<string>();
    for (const f of this.families) finishFamily(f, seenNames);
    return this.families;
  }

  private open(name: string, line: number): Family {
    const f = new Family(name, line);
    this.families.push(f);
    return (this.family = f);
  }

  private metadataLine(r: LineReader): void {
    // `# (HELP|TYPE|UNIT) name text`, read without a regular expression (see isDecimal in floats.ts).
    const line = r.text;
    const keyword = line.slice(2, 6);
    const nameEnd = line.indexOf(' ', 7);
    if (!line.startsWith('# ') || !KEYWORDS.has(keyword) || line[6] !== ' ' || nameEnd <= 7) {
      r.fail(`expected "# HELP", "# TYPE", "# UNIT" or "# EOF" with a metric name and a value, got ${r.got()}`);
    }
    const name = line.slice(7, nameEnd);
    const text = line.slice(nameEnd + 1);
    if (!isMetricName(name)) {
      r.pos = keyword.length + 3;
      r.fail(`invalid metric name ${JSON.stringify(name)}`);
    }
    const current = this.family;
    if (current?.name === name && current.count > 0) r.fail(`${keyword} line for "${name}" after its samples`);
    readMetadata(r, current?.name === name ? current : this.open(name, r.lineNo), keyword, text);
  }

  /**
   * The earlier family a timestamped sample may return to. The spec keeps each family in one block, but
   * `promtool tsdb create-blocks-from openmetrics` also reads files ordered by time across series (every
   * family at t1, then every family at t2, …), so a family whose samples so far all carry timestamps (or that
   * has only metadata yet) takes more; its groups must still move forward in time (accept).
   */
  private reopenable(sampleName: string): Family | undefined {
    const f = this.families.find((x) => x.allows(sampleName));
    return f && !f.untimed ? f : undefined;
  }

  // The type a sample's labels are read for: its current family's, or that of the family it may return to.
  private typeOf(name: string): MetricType {
    const current = this.family;
    return (current?.allows(name) ? current : this.reopenable(name))?.kind ?? 'unknown';
  }

  private sampleLine(r: LineReader): void {
    const current = this.family;
    const from = r.pos;
    const seriesEnd = endOfSeries(r.text, from, r.end);
    const key = seriesEnd < 0 ? null : r.text.slice(from, seriesEnd);
    let e = key === null ? undefined : this.cache.get(key);
    let name: string;
    let labels: [string, string][];
    let type: MetricType;
    if (e !== undefined && this.typeOf(e.name) === e.type) {
      ({ name, labels, type } = e);
      r.pos = seriesEnd;
    } else {
      e = undefined;
      name = r.readMetricName();
      const t = (type = this.typeOf(name));
      labels = r.peek() === '{' ? readLabels(r, (n, v) => normalizeFloatLabel(r, t, n, canonicalInf(r, n, v))) : [];
    }
    const labelsEnd = r.pos;
    const s = readValue(r, this.value);
    if (!current?.allows(name)) {
      const earlier = s.ts === null ? undefined : this.reopenable(name);
      if (earlier) this.family = earlier;
      else this.open(name, r.lineNo);
    }
    const f = this.family!;
    if (e === undefined || e.family !== f) {
      e = seriesEntry(r, f, type, name, labels);
      if (key !== null && labelsEnd === seriesEnd) this.cache.set(key, e);
    }
    this.accept(r, f, e, s);
  }

  private accept(r: LineReader, f: Family, e: SeriesEntry, s: ReadValue): void {
    const t = f.kind;
    const g = e.group;
    const same = f.group === g;
    // A group may come back only with a later point in time (files ordered by time across series).
    if (!same && g.seen && (s.ts === null || g.lastTs === null || s.ts <= g.lastTs)) r.fail(`samples of one ${t} are not grouped together`);
    if (same) {
      if ((s.ts === null) !== (f.groupTs === null)) r.fail('some samples of a group have a timestamp and some not');
      if (f.groupTs !== null && s.ts! < f.groupTs && t !== 'info') r.fail('timestamps went backwards within a group');
    }
    if (!same || s.ts !== f.groupTs) f.point = ++this.points;
    // A repeat of a series within one point (same timestamp as written) is dropped, not an error.
    if (e.series.point !== f.point) {
      e.series.point = f.point;
      const timestamp = s.ts === null ? null : Math.trunc(s.ts * 1000);
      f.count++;
      if (s.ts === null) f.untimed = true;
      f.histogram?.add(g, s.ts, e.suffix, e.le, s.value);
      if (this.sink) this.sink(e.name, e.labels, s.value, timestamp, r.lineNo);
      else f.samples.push({ name: e.name, labels: e.labels, value: s.value, timestamp, line: r.lineNo });
    }
    f.group = g;
    f.groupTs = s.ts;
    g.seen = true;
    g.lastTs = s.ts;

    const v = s.value;
    const suffix = e.suffix;
    if (t === 'stateset' && v !== 0 && v !== 1) r.fail('stateset samples can only be 0 or 1');
    if (t === 'info' && v !== 1) r.fail('info samples can only be 1');
    if (COUNTER_LIKE.includes(suffix) && Number.isNaN(v)) r.fail(`${suffix} samples cannot be NaN`);
    if (NON_NEGATIVE.includes(suffix) && v < 0) r.fail(`${suffix} samples cannot be negative`);
    const exemplarOk = ((t === 'histogram' || t === 'gaugehistogram') && suffix === '_bucket') || (t === 'counter' && suffix === '_total');
    if (s.exemplar && !exemplarOk) r.fail('only histogram buckets and counter totals can have exemplars');
  }
}

/** The checks and keys of a series new to family f. */
function seriesEntry(r: LineReader, f: Family, type: MetricType, name: string, labels: [string, string][]): SeriesEntry {
  const t = f.kind;
  const suffix = name.slice(f.name.length);
  if (t === 'stateset' && labelValue(labels, f.name) === undefined) r.fail(`stateset sample without its "${f.name}" label`);
  let le = NaN;
  if (suffix === '_bucket' && (t === 'histogram' || t === 'gaugehistogram')) {
    const text = labelValue(labels, 'le');
    if (text === undefined || text === 'NaN') r.fail('histogram bucket without a valid "le" label');
    le = parseGoFloat(text) ?? NaN;
  }
  if (t === 'summary' && suffix === '') {
    const q = labelValue(labels, 'quantile');
    const v = q === undefined ? NaN : Number(q);
    if (!(v >= 0 && v <= 1)) r.fail('summary quantile without a "quantile" label between 0 and 1');
  }
  const gk = groupKey(f, name, labels);
  let group = f.groups.get(gk);
  if (!group) f.groups.set(gk, (group = { seen: false, lastTs: null }));
  let sk = name;
  for (const [n, v] of labels) sk += keyPart(n, v);
  let series = f.series.get(sk);
  if (!series) f.series.set(sk, (series = { point: 0 }));
  return { family: f, type, name, labels, suffix, group, series, le };
}

function readMetadata(r: LineReader, f: Family, keyword: string, text: string): void {
  r.pos = keyword.length + f.name.length + 4;
  if (keyword === 'HELP') {
    if (f.help !== null) r.fail(`second HELP line for metric name "${f.name}"`);
    f.help = unescapeHelp(text, true);
  } else if (keyword === 'TYPE') {
    if (f.type !== null) r.fail(`second TYPE line for metric name "${f.name}"`);
    if (!TYPES.has(text)) r.fail(`invalid metric type ${JSON.stringify(text)}`);
    f.setType(text as MetricType);
  } else {
    if (f.unit !== null) r.fail(`second UNIT line for metric name "${f.name}"`);
    f.unit = text;
  }
}

/** The labels that identify a sample's group (one histogram, one summary, one stateset) as a key. */
function groupKey(f: Family, name: string, labels: readonly [string, string][]): string {
  const t = f.kind;
  if (t === 'info') return '';
  let skip = '';
  if (t === 'summary' && name === f.name) skip = 'quantile';
  else if (t === 'stateset') skip = f.name;
  else if ((t === 'histogram' || t === 'gaugehistogram') && name === f.name + '_bucket') skip = 'le';
  let sorted = true;
  for (let i = 1; i < labels.length && sorted; i++) sorted = labels[i - 1][0] < labels[i][0];
  let key = '';
  for (const [n, v] of sorted ? labels : [...labels].sort(([a], [b]) => (a < b ? -1 : 1))) if (n !== skip) key += keyPart(n, v);
  return key;
}

// One label in a key: the value's length in front keeps keys apart whatever characters values hold.
const keyPart = (name: string, value: string) => `${name}=${value.length}:${value}`;

function labelValue(labels: readonly [string, string][], name: string): string | undefined {
  for (const [n, v] of labels) if (n === name) return v;
  return undefined;
}

function finishFamily(f: Family, seenNames: Set<string>): void {
  for (const suffix of new Set([...SUFFIXES[f.kind], ''])) {
    if (seenNames.has(f.name + suffix)) f.fail(`metric family "${f.name}" clashes with the earlier family of "${f.name + suffix}"`);
    seenNames.add(f.name + suffix);
  }
  if (f.unit && !f.name.endsWith(`_${f.unit}`)) f.fail(`unit "${f.unit}" is not a suffix of the metric name "${f.name}"`);
  if (f.unit && (f.kind === 'info' || f.kind === 'stateset')) f.fail(`a ${f.kind} cannot have a unit`);
  const histogram = f.histogram?.finish();
  if (histogram) f.fail(histogram);
}
