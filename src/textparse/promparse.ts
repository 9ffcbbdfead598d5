// A parser for the Prometheus text exposition format 0.0.4 (Prometheus' model/textparse/promparse.go, with the
// checks of prometheus/common's expfmt): the whole payload becomes entries, or a ParseError naming line and column.

import { formatOpenMetricsFloat, parseGoFloat } from './floats.ts';
import { ParseError, type MetricMetadata, type MetricType, type ParsedExposition, type SampleEntry } from './types.ts';

export { ParseError } from './types.ts';

const TEXT_TYPES: Record<string, MetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'unknown',
};

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58; // a-z A-Z _ :
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number) => isLabelStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number) => c === 32 || c === 9;

/** A cursor over one line, shared with the OpenMetrics parser. */
export class LineReader {
  pos = 0;

  constructor(
    readonly text: string,
    readonly lineNo: number,
  ) {}

  fail(reason: string): never {
    throw new ParseError(this.lineNo, this.pos + 1, reason);
  }

  got(): string {
    const rest = this.text.slice(this.pos);
    return rest === '' ? 'end of line' : JSON.stringify(rest.length > 20 ? rest.slice(0, 20) + '…' : rest);
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  skipBlanks(): void {
    while (this.pos < this.text.length && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  readWhile(pred: (c: number) => boolean): string {
    const start = this.pos;
    while (this.pos < this.text.length && pred(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  readName(what: string, start: (c: number) => boolean, rest: (c: number) => boolean): string {
    if (this.atEnd() || !start(this.text.charCodeAt(this.pos))) this.fail(`expected ${what}, got ${this.got()}`);
    return this.readWhile(rest);
  }

  readMetricName(what = 'metric name'): string {
    return this.readName(what, isNameStart, isNameChar);
  }

  readLabelName(what: string): string {
    return this.readName(what, isLabelStart, isLabelChar);
  }

  readToken(): string {
    return this.readWhile((c) => !isBlank(c));
  }

  /** A quoted label value with the format's three escapes (\\, \", \n); any other escape is an error. */
  readLabelValue(): string {
    if (this.peek() !== '"') this.fail(`expected label value, got ${this.got()}`);
    this.pos++;
    let out = '';
    for (;;) {
      if (this.atEnd()) this.fail('label value is missing its closing quote');
      const ch = this.text[this.pos++];
      if (ch === '"') return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos] ?? '';
      if (esc === 'n') out += '\n';
      else if (esc === '\\' || esc === '"') out += esc;
      else this.fail(`invalid escape sequence "\\${esc}" in label value`);
      this.pos++;
    }
  }
}

/**
 * Label names that carry numbers and get Prometheus 3's canonical float text: `le` of histogram buckets and
 * `quantile` of summaries. A value that is not a float is an error.
 */
export function normalizeFloatLabel(r: LineReader, type: MetricType | undefined, name: string, value: string): string {
  const numeric = (name === 'le' && (type === 'histogram' || type === 'gaugehistogram')) || (name === 'quantile' && type === 'summary');
  if (!numeric) return value;
  const v = parseGoFloat(value.trim());
  if (v === null) r.fail(`expected float as value for label "${name}", got ${JSON.stringify(value)}`);
  return formatOpenMetricsFloat(v);
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** The family a sample belongs to given the types declared so far: `x_bucket` is family `x` when x is a histogram. */
function familyOf(name: string, types: Map<string, MetricType>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const t = types.get(base);
    if (t === 'histogram' || (t === 'summary' && suffix !== '_bucket')) return base;
  }
  return name;
}

export function parsePrometheusText(body: string): ParsedExposition {
  const samples: SampleEntry[] = [];
  const help = new Map<string, string>();
  const types = new Map<string, MetricType>();
  const sampled = new Set<string>();
  const lines = body.split('\n');
  // Every line ends with a line break, the last one too (expfmt: "unexpected end of input stream").
  const last = lines.length - 1;
  if (lines[last] !== '') throw new ParseError(last + 1, lines[last].length + 1, 'unexpected end of input: the last line has no line break');
  for (let i = 0; i < last; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const r = new LineReader(raw, i + 1);
    r.skipBlanks();
    if (r.atEnd()) continue;
    if (r.peek() === '#') {
      parseComment(r, help, types, sampled);
      continue;
    }
    const s = parseSample(r, types);
    sampled.add(familyOf(s.name, types));
    samples.push(s);
  }
  const metadata = new Map<string, MetricMetadata>();
  for (const name of new Set([...types.keys(), ...help.keys()])) {
    metadata.set(name, { type: types.get(name) ?? 'unknown', help: help.get(name) ?? '', unit: '' });
  }
  return { samples, metadata };
}

function parseComment(r: LineReader, help: Map<string, string>, types: Map<string, MetricType>, sampled: Set<string>): void {
  r.pos++;
  r.skipBlanks();
  const keyword = r.readToken();
  if (keyword !== 'HELP' && keyword !== 'TYPE') return; // any other comment is ignored
  r.skipBlanks();
  if (r.atEnd()) return; // a bare "# HELP" is an ordinary comment, as in expfmt
  const name = r.peek() === '"' ? r.readLabelValue() : r.readMetricName();
  if (!r.atEnd() && !isBlank(r.text.charCodeAt(r.pos))) r.fail(`invalid metric name in ${keyword} line, got ${r.got()}`);
  r.skipBlanks();
  if (r.atEnd()) return; // "# HELP name" with no text is a comment too: it sets nothing
  if (keyword === 'HELP') {
    if (help.has(name)) r.fail(`second HELP line for metric name "${name}"`);
    help.set(name, unescapeHelp(r.text.slice(r.pos)));
    return;
  }
  const typeText = r.readToken();
  const type = TEXT_TYPES[typeText.toLowerCase()];
  if (!type) r.fail(`invalid metric type "${typeText}"`);
  if (types.has(name) || sampled.has(name)) r.fail(`second TYPE line for metric name "${name}", or TYPE reported after samples`);
  r.skipBlanks();
  if (!r.atEnd()) r.fail(`unexpected text after metric type: ${r.got()}`);
  types.set(name, type);
}

function parseSample(r: LineReader, types: Map<string, MetricType>): SampleEntry {
  // Prometheus 3 (text format 1.0.0) lets a UTF-8 name be quoted inside the braces: {"my.metric", a="b"}.
  let name = r.peek() === '{' ? '' : r.readMetricName();
  const raw: [string, string, number][] = [];
  const afterName = r.pos;
  r.skipBlanks();
  const braced = r.peek() === '{';
  if (!braced) r.pos = afterName;
  else {
    r.pos++;
    const seen = new Set<string>();
    for (;;) {
      r.skipBlanks();
      if (r.peek() === '}') {
        r.pos++;
        break;
      }
      const nameAt = r.pos;
      const quoted = r.peek() === '"';
      const lname = quoted ? r.readLabelValue() : r.readLabelName('label name or "}"');
      r.skipBlanks();
      if (quoted && (r.peek() === ',' || r.peek() === '}')) {
        if (name !== '') {
          r.pos = nameAt;
          r.fail('metric name already set');
        }
        name = lname;
        if (r.peek() === ',') r.pos++;
        continue;
      }
      if (r.peek() !== '=') r.fail(`expected "=" after label name, got ${r.got()}`);
      r.pos++;
      r.skipBlanks();
      const value = r.readLabelValue();
      if (lname === '' || seen.has(lname) || lname === '__name__') {
        r.pos = nameAt;
        r.fail(lname === '' ? 'empty label name' : `duplicate label name "${lname}"`);
      }
      seen.add(lname);
      raw.push([lname, value, r.pos]);
      r.skipBlanks();
      if (r.peek() === ',') r.pos++;
      else if (r.peek() !== '}') r.fail(`expected "," or "}" after label value, got ${r.got()}`);
    }
  }
  const end = r.pos;
  if (name === '') {
    r.pos = 0;
    r.fail('metric name not set');
  }
  // le and quantile are checked once the name (and so the family's type) is known; errors point at the value.
  const type = types.get(familyOf(name, types));
  const labels = raw.map(([lname, value, at]): [string, string] => {
    r.pos = at;
    return [lname, normalizeFloatLabel(r, type, lname, value)];
  });
  r.pos = end;
  // After a closing brace the value may follow without a blank, as both Prometheus and expfmt accept.
  if (!braced && !r.atEnd() && !isBlank(r.text.charCodeAt(r.pos))) r.fail(`expected value after metric, got ${r.got()}`);
  r.skipBlanks();
  const valueStart = r.pos;
  const valueText = r.readToken();
  const value = parseGoFloat(valueText);
  if (value === null) {
    r.pos = valueStart;
    r.fail(valueText === '' ? 'expected value after metric, got end of line' : `expected float as value, got ${JSON.stringify(valueText)}`);
  }
  r.skipBlanks();
  let timestamp: number | null = null;
  if (!r.atEnd()) {
    const tsStart = r.pos;
    const tsText = r.readToken();
    if (!/^-?\d+$/.test(tsText)) {
      r.pos = tsStart;
      r.fail(`expected integer as timestamp, got ${JSON.stringify(tsText)}`);
    }
    timestamp = Number(tsText);
    r.skipBlanks();
    if (!r.atEnd()) r.fail(`unexpected text after timestamp: ${r.got()}`);
  }
  return { name, labels, value, timestamp, line: r.lineNo };
}
