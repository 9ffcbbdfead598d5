// A parser for the Prometheus text exposition format 0.0.4 (Prometheus' model/textparse/promparse.go, with the
// checks of prometheus/common's expfmt): the whole payload becomes entries, or a ParseError naming line and column.

import { normalizeFloatLabel, parseGoFloat } from './floats.ts';
import { LineReader, isBlank, unescapeHelp } from './reader.ts';
import { ParseError, type MetricMetadata, type MetricType, type ParsedExposition, type SampleEntry } from './types.ts';

export { ParseError } from './types.ts';

const TEXT_TYPES: Record<string, MetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'unknown',
};

/** -?[0-9]+, checked by hand: a regular expression would keep its last input, a slice of the body, alive. */
function isInteger(s: string): boolean {
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === s.length) return false;
  for (; i < s.length; i++) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return false;
  return true;
}

/** The family a sample belongs to given the types declared so far: `x_bucket` is family `x` when x is a histogram. */
function hasLabel(labels: readonly [string, string][], name: string): boolean {
  for (const [n] of labels) if (n === name) return true;
  return false;
}

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
  // Every line ends with a line break, the last one too (expfmt: "unexpected end of input stream").
  const lastBreak = body.lastIndexOf('\n');
  if (lastBreak !== body.length - 1) {
    let line = 1;
    for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) line++;
    throw new ParseError(line, body.length - lastBreak, 'unexpected end of input: the last line has no line break');
  }
  // One reader walks the body line by line: no line strings.
  const r = new LineReader(body, 0);
  let lastName = '';
  for (let pos = 0, lineNo = 1; pos < body.length; lineNo++) {
    const next = body.indexOf('\n', pos);
    r.reset(pos, next > pos && body.charCodeAt(next - 1) === 13 ? next - 1 : next, lineNo);
    pos = next + 1;
    r.skipBlanks();
    if (r.atEnd()) continue;
    if (r.peek() === '#') {
      parseComment(r, help, types, sampled);
      lastName = '';
      continue;
    }
    const s = parseSample(r, types);
    // Consecutive samples mostly share a name; types change only on comment lines, which start over.
    if (s.name !== lastName) sampled.add(familyOf((lastName = s.name), types));
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
    help.set(name, unescapeHelp(r.text.slice(r.pos, r.end), false));
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
  const labels: [string, string][] = [];
  // Where each le or quantile value ends, for its error once the family's type is known.
  const numeric: number[] = [];
  const afterName = r.pos;
  r.skipBlanks();
  const braced = r.peek() === '{';
  if (!braced) r.pos = afterName;
  else {
    r.pos++;
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
      if (lname === '' || lname === '__name__' || hasLabel(labels, lname)) {
        r.pos = nameAt;
        r.fail(lname === '' ? 'empty label name' : `duplicate label name "${lname}"`);
      }
      if (lname === 'le' || lname === 'quantile') numeric.push(labels.length, r.pos);
      labels.push([lname, value]);
      r.skipBlanks();
      if (r.peek() === ',') r.pos++;
      else if (r.peek() !== '}') r.fail(`expected "," or "}" after label value, got ${r.got()}`);
    }
  }
  const end = r.pos;
  if (name === '') {
    r.pos = r.start;
    r.fail('metric name not set');
  }
  // le and quantile are checked once the name (and so the family's type) is known; errors point at the value.
  const type = types.get(familyOf(name, types));
  for (let i = 0; i < numeric.length; i += 2) {
    const label = labels[numeric[i]];
    r.pos = numeric[i + 1];
    label[1] = normalizeFloatLabel(r, type, label[0], label[1]);
  }
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
    if (!isInteger(tsText)) {
      r.pos = tsStart;
      r.fail(`expected integer as timestamp, got ${JSON.stringify(tsText)}`);
    }
    timestamp = Number(tsText);
    r.skipBlanks();
    if (!r.atEnd()) r.fail(`unexpected text after timestamp: ${r.got()}`);
  }
  return { name, labels, value, timestamp, line: r.lineNo };
}
