// A parser for the Prometheus text exposition format 0.0.4 (Prometheus' model/textparse/promparse.go).
// It reads the whole payload into entries, or throws a ParseError naming the line and column.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface SampleEntry {
  /** Metric name and labels in exposition order (not yet sorted); `name` is the metric name. */
  readonly name: string;
  readonly labels: [string, string][];
  readonly value: number;
  /** Explicit timestamp in ms, or null. */
  readonly timestamp: number | null;
  readonly line: number;
}

export interface ParsedExposition {
  readonly samples: SampleEntry[];
  readonly help: Map<string, string>;
  readonly types: Map<string, MetricType>;
}

export class ParseError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`text format parsing error in line ${line}: ${reason}`);
    this.name = 'ParseError';
  }
}

const METRIC_TYPES = new Set<string>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

const isNameStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58; // a-z A-Z _ :
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number) => isLabelStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number) => c === 32 || c === 9;

/** Parses a Go-style float: decimal, exponent, Inf/NaN in any case, with optional sign. */
export function parseGoFloat(s: string): number | null {
  if (s === '') return null;
  const lower = s.toLowerCase();
  const unsigned = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  const sign = lower[0] === '-' ? -1 : 1;
  if (unsigned === 'inf' || unsigned === 'infinity') return sign * Infinity;
  if (unsigned === 'nan') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) return null;
  return Number(s);
}

class LineReader {
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

  readToken(): string {
    return this.readWhile((c) => !isBlank(c));
  }

  /** A quoted label value with the format's three escapes (\\, \", \n). */
  readLabelValue(): string {
    if (this.text[this.pos] !== '"') this.fail(`expected label value, got ${this.got()}`);
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
      if (this.atEnd()) this.fail('label value is missing its closing quote');
      const esc = this.text[this.pos++];
      out += esc === 'n' ? '\n' : esc === '\\' ? '\\' : esc === '"' ? '"' : '\\' + esc;
    }
  }
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

export function parsePrometheusText(body: string): ParsedExposition {
  const samples: SampleEntry[] = [];
  const help = new Map<string, string>();
  const types = new Map<string, MetricType>();
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const r = new LineReader(raw, i + 1);
    r.skipBlanks();
    if (r.atEnd()) continue;
    if (raw[r.pos] === '#') {
      parseComment(r, help, types);
      continue;
    }
    samples.push(parseSample(r));
  }
  return { samples, help, types };
}

function parseComment(r: LineReader, help: Map<string, string>, types: Map<string, MetricType>): void {
  r.pos++;
  r.skipBlanks();
  const keyword = r.readToken();
  if (keyword !== 'HELP' && keyword !== 'TYPE') return; // any other comment is ignored
  r.skipBlanks();
  const name = r.readName('metric name', isNameStart, isNameChar);
  if (!r.atEnd() && !isBlank(r.text.charCodeAt(r.pos))) r.fail(`invalid metric name in ${keyword} line, got ${r.got()}`);
  r.skipBlanks();
  if (keyword === 'HELP') {
    if (help.has(name)) r.fail(`second HELP line for metric name "${name}"`);
    help.set(name, unescapeHelp(r.text.slice(r.pos)));
    return;
  }
  const type = r.readToken().toLowerCase();
  if (!METRIC_TYPES.has(type)) r.fail(`invalid metric type "${type}"`);
  if (types.has(name)) r.fail(`second TYPE line for metric name "${name}", or TYPE reported after samples`);
  r.skipBlanks();
  if (!r.atEnd()) r.fail(`unexpected text after metric type: ${r.got()}`);
  types.set(name, type as MetricType);
}

function parseSample(r: LineReader): SampleEntry {
  const name = r.readName('metric name', isNameStart, isNameChar);
  const labels: [string, string][] = [];
  const afterName = r.pos;
  r.skipBlanks();
  if (r.text[r.pos] !== '{') r.pos = afterName;
  else {
    r.pos++;
    const seen = new Set<string>();
    for (;;) {
      r.skipBlanks();
      if (r.text[r.pos] === '}') {
        r.pos++;
        break;
      }
      const lname = r.readName('label name or "}"', isLabelStart, isLabelChar);
      r.skipBlanks();
      if (r.text[r.pos] !== '=') r.fail(`expected "=" after label name, got ${r.got()}`);
      r.pos++;
      r.skipBlanks();
      const value = r.readLabelValue();
      if (seen.has(lname)) r.fail(`duplicate label name "${lname}"`);
      seen.add(lname);
      labels.push([lname, value]);
      r.skipBlanks();
      if (r.text[r.pos] === ',') r.pos++;
      else if (r.text[r.pos] !== '}') r.fail(`expected "," or "}" after label value, got ${r.got()}`);
    }
  }
  if (!r.atEnd() && !isBlank(r.text.charCodeAt(r.pos))) r.fail(`expected value after metric, got ${r.got()}`);
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
