// A cursor over one line of an exposition, shared by both parsers: names, quoted values, positioned errors.

import { ParseError } from './types.ts';

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58; // a-z A-Z _ :
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number) => isLabelStart(c) || (c >= 48 && c <= 57);
/** Whether s is a metric name: [a-zA-Z_:][a-zA-Z0-9_:]*. */
export function isMetricName(s: string): boolean {
  if (s === '' || !isNameStart(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) if (!isNameChar(s.charCodeAt(i))) return false;
  return true;
}

/**
 * HELP text with its escapes undone: \\ and \n, and \" too in OpenMetrics; any other backslash stays as
 * written. By hand: a regular expression would keep its last input, a slice of the whole body, alive.
 */
export function unescapeHelp(text: string, quote: boolean): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const next = text[i + 1];
    if (text[i] === '\\' && (next === '\\' || next === 'n' || (quote && next === '"'))) {
      out += next === 'n' ? '\n' : next;
      i++;
    } else out += text[i];
  }
  return out;
}

export const isBlank = (c: number) => c === 32 || c === 9;

/**
 * A cursor over one line, [start, end) of `text`: reads names and quoted values, fails with the line and column.
 * `text` may be the whole body, so a parser walks it without cutting it into line strings (reset per line).
 */
export class LineReader {
  pos: number;

  constructor(
    readonly text: string,
    public lineNo: number,
    public start = 0,
    public end = text.length,
  ) {
    this.pos = start;
  }

  /** Moves to another line of the same text. */
  reset(start: number, end: number, lineNo: number): this {
    this.start = this.pos = start;
    this.end = end;
    this.lineNo = lineNo;
    return this;
  }

  fail(reason: string): never {
    throw new ParseError(this.lineNo, this.pos - this.start + 1, reason);
  }

  got(): string {
    const rest = this.text.slice(this.pos, this.end);
    return rest === '' ? 'end of line' : JSON.stringify(rest.length > 20 ? rest.slice(0, 20) + '…' : rest);
  }

  peek(): string {
    return this.pos < this.end ? this.text[this.pos] : '';
  }

  skipBlanks(): void {
    while (this.pos < this.end && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  readWhile(pred: (c: number) => boolean): string {
    const start = this.pos;
    while (this.pos < this.end && pred(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Up to the next space or the end of the line. */
  readToSpace(): string {
    const start = this.pos;
    let j = this.text.indexOf(' ', start);
    if (j < 0 || j > this.end) j = this.end;
    this.pos = j;
    return this.text.slice(start, j);
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

  /**
   * A quoted label value: up to the closing quote, one slice when there is no escape; with `strict`, only the
   * format's three escapes (\\, \", \n) are allowed, otherwise any other escape is kept as written.
   */
  readQuoted(strict: boolean): string {
    if (this.peek() !== '"') this.fail(`expected label value, got ${this.got()}`);
    const from = ++this.pos;
    for (let i = from; i < this.end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return this.text.slice(from, i);
      }
      if (c === 92) break;
    }
    let out = '';
    for (;;) {
      if (this.atEnd()) this.fail('label value is missing its closing quote');
      const ch = this.text[this.pos++];
      if (ch === '"') return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.pos < this.end ? this.text[this.pos] : '';
      if (esc === 'n') out += '\n';
      else if (esc === '\\' || esc === '"') out += esc;
      else if (strict) this.fail(`invalid escape sequence "\\${esc}" in label value`);
      else if (esc === '') continue;
      else out += '\\' + esc;
      this.pos++;
    }
  }

  /** A quoted label value with the format's three escapes (\\, \", \n); any other escape is an error. */
  readLabelValue(): string {
    return this.readQuoted(true);
  }
}
