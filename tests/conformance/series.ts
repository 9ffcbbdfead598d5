// The series notation of Prometheus' test scripts: `name{l="v"} 1+2x3 _ stale {{schema:0 sum:1}}`, as written
// by the series-description grammar in promql/parser/generated_parser.y.

import { labelsFromRecord, type Labels } from '../../src/model/labels/labels.ts';
import { unquoteString } from '../../src/promql/parser/lex.ts';

/** A native histogram as the `{{...}}` notation spells it; bucket lists are absolute counts. */
export interface HistogramSpec {
  schema: number;
  sum: number;
  count: number;
  zeroCount: number;
  zeroThreshold: number;
  offset: number;
  buckets: number[];
  nOffset: number;
  nBuckets: number[];
  customValues: number[];
  counterResetHint: string | null;
}

/** One position of a sequence: omitted (`_`), a float, a staleness marker, or a histogram. */
export type SequenceValue =
  | { readonly kind: 'omitted' }
  | { readonly kind: 'float'; readonly v: number }
  | { readonly kind: 'stale' }
  | { readonly kind: 'histogram'; readonly h: HistogramSpec };

export class SeriesSyntaxError extends Error {}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:]/;

// Reads a quoted string starting at i; returns its value and the index after the closing quote.
function readQuoted(s: string, i: number): [string, number] {
  const q = s[i];
  let j = i + 1;
  while (j < s.length && s[j] !== q) j += s[j] === '\\' && q !== '`' ? 2 : 1;
  if (j >= s.length) throw new SeriesSyntaxError(`unterminated string at column ${i + 1}`);
  return [unquoteString(s.slice(i, j + 1)), j + 1];
}

function readName(s: string, i: number): [string, number] {
  if (s[i] === '"' || s[i] === "'" || s[i] === '`') return readQuoted(s, i);
  if (!NAME_START.test(s[i] ?? '')) throw new SeriesSyntaxError(`expected a name at column ${i + 1} of ${JSON.stringify(s)}`);
  let j = i + 1;
  while (j < s.length && NAME_CHAR.test(s[j])) j++;
  return [s.slice(i, j), j];
}

function skipSpace(s: string, i: number): number {
  while (s[i] === ' ' || s[i] === '\t') i++;
  return i;
}

/** Parses `name`, `name{a="b"}`, `{__name__="n"}` or `{"utf8.name", a="b"}`; returns labels and the rest of the line. */
export function parseSeriesLabels(line: string): { labels: Labels; rest: string } {
  const rec: Record<string, string> = {};
  let i = skipSpace(line, 0);
  if (line[i] !== '{') {
    const [name, j] = readName(line, i);
    rec.__name__ = name;
    i = j;
  }
  if (line[i] === '{') {
    i = skipSpace(line, i + 1);
    while (line[i] !== '}') {
      const [name, j] = readName(line, i);
      i = skipSpace(line, j);
      if (line[i] === '=') {
        i = skipSpace(line, i + 1);
        const [value, k] = readQuoted(line, i);
        rec[name] = value;
        i = skipSpace(line, k);
      } else {
        rec.__name__ = name; // a quoted metric name alone inside the braces
      }
      if (line[i] === ',') i = skipSpace(line, i + 1);
      else if (line[i] !== '}') throw new SeriesSyntaxError(`unexpected ${JSON.stringify(line[i] ?? 'end of line')} at column ${i + 1}`);
    }
    i++;
  }
  return { labels: labelsFromRecord(rec), rest: line.slice(i).trim() };
}

// Splits the value part into items; `{{...}}` groups stay whole, with any `+{{...}}xN` tail attached.
function items(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    i = skipSpace(s, i);
    if (i >= s.length) break;
    let j = i;
    while (j < s.length && s[j] !== ' ' && s[j] !== '\t') {
      if (s.startsWith('{{', j)) {
        const end = s.indexOf('}}', j);
        if (end < 0) throw new SeriesSyntaxError(`unclosed {{ at column ${j + 1}`);
        j = end + 2;
      } else j++;
    }
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

const NUM = String.raw`[+-]?(?:inf|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)`;
const FLOAT_ITEM = new RegExp(`^(${NUM})(?:([+-])(${NUM}))?(?:x(\\d+))?$`, 'i');
const HIST_ITEM = /^(\{\{.*?\}\})(?:(?:([+-])(\{\{.*?\}\}))?x(\d+))?$/;

function parseFloatLiteral(s: string): number {
  const l = s.toLowerCase().replace(/^\+/, '');
  if (l === 'inf') return Infinity;
  if (l === '-inf') return -Infinity;
  if (l === 'nan' || l === '-nan') return NaN;
  return Number(s);
}

/** Expands the value notation into positions. */
export function parseSequence(s: string): SequenceValue[] {
  const out: SequenceValue[] = [];
  for (const item of items(s)) {
    if (item === '_') {
      out.push({ kind: 'omitted' });
      continue;
    }
    const omitted = /^_x(\d+)$/.exec(item);
    if (omitted) {
      for (let k = 0; k < Number(omitted[1]); k++) out.push({ kind: 'omitted' });
      continue;
    }
    if (item === 'stale') {
      out.push({ kind: 'stale' });
      continue;
    }
    const f = FLOAT_ITEM.exec(item);
    if (f) {
      let cur = parseFloatLiteral(f[1]);
      const step = f[3] === undefined ? 0 : (f[2] === '-' ? -1 : 1) * parseFloatLiteral(f[3]);
      if (f[3] !== undefined && f[4] === undefined) throw new SeriesSyntaxError(`missing repeat count in ${JSON.stringify(item)}`);
      const times = f[4] === undefined ? 0 : Number(f[4]);
      // Repeated addition, as the series-description parser does.
      for (let k = 0; k <= times; k++) {
        out.push({ kind: 'float', v: cur });
        cur += step;
      }
      continue;
    }
    const h = HIST_ITEM.exec(item);
    if (h) {
      const start = parseHistogram(h[1]);
      const times = h[4] === undefined ? 0 : Number(h[4]);
      const delta = h[3] === undefined ? null : parseHistogram(h[3]);
      let cur = start;
      for (let k = 0; k <= times; k++) {
        out.push({ kind: 'histogram', h: cur });
        if (delta) cur = addHistograms(cur, delta, h[2] === '-' ? -1 : 1);
      }
      continue;
    }
    throw new SeriesSyntaxError(`bad value ${JSON.stringify(item)}`);
  }
  return out;
}

/** Parses `{{schema:0 sum:5 count:4 buckets:[1 2 1]}}`. */
export function parseHistogram(s: string): HistogramSpec {
  const h: HistogramSpec = {
    schema: 0,
    sum: 0,
    count: 0,
    zeroCount: 0,
    zeroThreshold: 0,
    offset: 0,
    buckets: [],
    nOffset: 0,
    nBuckets: [],
    customValues: [],
    counterResetHint: null,
  };
  const body = s.slice(2, -2).trim();
  const re = /([a-z_]+):(\[[^\]]*\]|\S+)\s*/gy;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = re.exec(body))) {
    seen = re.lastIndex;
    const [, key, raw] = m;
    const list = () => raw.slice(1, -1).trim().split(/\s+/).filter(Boolean).map(parseFloatLiteral);
    switch (key) {
      case 'schema':
        h.schema = Number(raw);
        break;
      case 'sum':
        h.sum = parseFloatLiteral(raw);
        break;
      case 'count':
        h.count = parseFloatLiteral(raw);
        break;
      case 'z_bucket':
        h.zeroCount = parseFloatLiteral(raw);
        break;
      case 'z_bucket_w':
        h.zeroThreshold = parseFloatLiteral(raw);
        break;
      case 'offset':
        h.offset = Number(raw);
        break;
      case 'n_offset':
        h.nOffset = Number(raw);
        break;
      case 'buckets':
        h.buckets = list();
        break;
      case 'n_buckets':
        h.nBuckets = list();
        break;
      case 'custom_values':
        h.customValues = list();
        break;
      case 'counter_reset_hint':
        h.counterResetHint = raw;
        break;
      default:
        throw new SeriesSyntaxError(`unknown histogram field ${key}`);
    }
  }
  if (seen !== body.length) throw new SeriesSyntaxError(`bad histogram ${s}`);
  return h;
}

// The buckets of one side at a schema delta steps lower, neighbours merged (bucket i goes to ((i-1) >> delta) + 1).
function reduceBuckets(offset: number, b: number[], delta: number): [number, number[]] {
  if (delta <= 0 || b.length === 0) return [offset, b];
  const target = (i: number): number => ((i - 1) >> delta) + 1;
  const lo = target(offset);
  const out = new Array<number>(target(offset + b.length - 1) - lo + 1).fill(0);
  b.forEach((c, i) => (out[target(offset + i) - lo] += c));
  return [lo, out];
}

// A histogram at a lower (exponential) schema; custom-bucket ones stay as they are.
function toSchema(h: HistogramSpec, schema: number): HistogramSpec {
  if (h.schema === -53 || schema >= h.schema) return h;
  const [offset, buckets] = reduceBuckets(h.offset, h.buckets, h.schema - schema);
  const [nOffset, nBuckets] = reduceBuckets(h.nOffset, h.nBuckets, h.schema - schema);
  return { ...h, schema, offset, buckets, nOffset, nBuckets };
}

// Bucket-wise sum of start and sign·delta, on the start's layout where they overlap; like Prometheus' Add, at
// the lower of the two schemas.
function addHistograms(a: HistogramSpec, d: HistogramSpec, sign: number): HistogramSpec {
  if (a.schema !== -53 && d.schema !== -53 && a.schema !== d.schema) {
    const schema = Math.min(a.schema, d.schema);
    a = toSchema(a, schema);
    d = toSchema(d, schema);
  }
  const addSide = (ao: number, ab: number[], dOff: number, db: number[]): [number, number[]] => {
    if (ab.length === 0 && db.length === 0) return [ao, []];
    const lo = Math.min(ab.length ? ao : dOff, db.length ? dOff : ao);
    const hi = Math.max(ao + ab.length, dOff + db.length);
    const out = new Array<number>(hi - lo).fill(0);
    ab.forEach((c, i) => (out[ao + i - lo] += c));
    db.forEach((c, i) => (out[dOff + i - lo] += sign * c));
    return [lo, out];
  };
  const [offset, buckets] = addSide(a.offset, a.buckets, d.offset, d.buckets);
  const [nOffset, nBuckets] = addSide(a.nOffset, a.nBuckets, d.nOffset, d.nBuckets);
  return {
    ...a,
    sum: a.sum + sign * d.sum,
    count: a.count + sign * d.count,
    zeroCount: a.zeroCount + sign * d.zeroCount,
    offset,
    buckets,
    nOffset,
    nBuckets,
  };
}

/** Parses a whole `series values...` line. */
export function parseSeriesLine(line: string): { labels: Labels; values: SequenceValue[] } {
  const { labels, rest } = parseSeriesLabels(line);
  return { labels, values: parseSequence(rest) };
}
