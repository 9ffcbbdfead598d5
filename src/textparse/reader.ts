// A cursor over one line of an exposition, shared by both parsers: names, quoted values, positioned errors.

import { ParseError } from './types.ts';

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58; // a-z A-Z _ :
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number) => isLabelStart(c) || (c >= 48 && c <= 57);
export const isBlank = (c: number) => c === 32 || c === 9;

/** A cursor over one line: reads names and quoted values, fails with the line and column. */
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
