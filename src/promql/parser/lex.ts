// Lexical helpers: durations, numbers, quoted strings, and a bracket/string pre-scan that reports the errors
// Prometheus' lexer reports (unclosed parentheses, stray characters) before the grammar sees the input.

import { DurationError, parseDuration as parseModelDuration } from '../../model/duration.ts';
import { PromQLError, type PositionRange } from '../value.ts';

/** A duration literal's length in ms (model.ParseDuration's rules), or null when the text is not one. */
export function parseDuration(s: string): number | null {
  try {
    return parseModelDuration(s);
  } catch (err) {
    if (err instanceof DurationError) return null;
    throw err;
  }
}

/**
 * A number literal's value: Go's ParseInt(s, 0, 64) first (hex, octal with leading 0), then ParseFloat
 * (decimals, exponents, Inf, NaN). A duration literal is its length in seconds. Returns null if invalid.
 */
export function parseNumber(s: string): number | null {
  const clean = s.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0[oO]?[0-7]+$/.test(clean)) return parseInt(clean.replace(/^0[oO]?/, ''), 8);
  if (/^0[bB][01]+$/.test(clean)) return parseInt(clean.slice(2), 2);
  if (/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(clean)) return Number(clean);
  const lower = clean.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  const d = parseDuration(s);
  return d === null ? null : d / 1000;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Unquotes a "…", '…' or `…` literal with Go's escape rules (strconv.Unquote); throws Error on a bad escape. */
export function unquoteString(lit: string): string {
  const q = lit[0];
  const body = lit.slice(1, -1);
  if (q === '`') return body;
  let out = '';
  // \x and octal escapes are bytes in Go: consecutive ones are decoded together as UTF-8.
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += decodeGoBytes(bytes);
    bytes = [];
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      flush();
      out += c;
      continue;
    }
    const e = body[++i];
    if (e !== 'x' && !(e !== undefined && e >= '0' && e <= '7')) flush();
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === q) out += q;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Error('invalid syntax');
      if (e === 'x') bytes.push(parseInt(hex, 16));
      else out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
      const b = parseInt(oct, 8);
      if (b > 255) throw new Error('invalid syntax');
      bytes.push(b);
      i += 2;
    } else throw new Error('invalid syntax');
  }
  flush();
  return out;
}

/**
 * Decodes bytes as UTF-8 the way Go ranges over a string. A byte that starts no valid sequence stands for
 * itself; JS strings cannot hold raw bytes, so it becomes the lone surrogate U+DC00+byte (as in Python's
 * surrogateescape), which goQuote prints back as \xNN.
 */
function decodeGoBytes(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let cp = n === 1 ? b : n === 2 ? b & 0x1f : n === 3 ? b & 0x0f : b & 0x07;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    const min = n === 3 ? 0x800 : n === 4 ? 0x10000 : 0;
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += n;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i++;
    }
  }
  return out;
}

/** Go's %q for a string from unquoteString: printable runes as they are, raw bytes (see decodeGoBytes) as \xNN. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xdc80 && cp <= 0xdcff) out += '\\x' + (cp - 0xdc00).toString(16).padStart(2, '0');
    else if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
      const esc = Object.entries(SIMPLE_ESCAPES).find(([, v]) => v === ch);
      out += esc ? '\\' + esc[0] : cp < 0x100 ? '\\x' + cp.toString(16).padStart(2, '0') : '\\u' + cp.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** Go's %q-style quoting used when printing strings back as PromQL. */
export function quoteString(s: string): string {
  return JSON.stringify(s);
}

/** `line:col` of a character offset, both 1-based, like PositionRange.StartPosInput. */
export function positionString(input: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < input.length; i++) {
    if (input[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${pos - lineStart + 1}`;
}

export function parseError(input: string, pos: PositionRange, message: string): PromQLError {
  return new PromQLError(`${positionString(input, pos.start)}: parse error: ${message}`, pos);
}

/** Go's %q of a single character, as in `unexpected character: '$'`. */
function quoteRune(c: string): string {
  return c === "'" ? `'\\''` : `'${c}'`;
}

const CLOSE_NAMES: Record<string, string> = { ')': 'right parenthesis', ']': 'right bracket', '}': 'right brace' };
const OPEN_FOR: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const OPERATOR_CHARS = '+-*/%^=!<>~,.:@';

/**
 * Prometheus reads `2.` and `1./6.` as floats; lezer-promql does not. A dot that ends a number outside
 * strings becomes a blank, which keeps every position in the input where it was.
 */
export function blankTrailingDots(input: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quote) {
      if (c === '\\' && quote !== '`') {
        out += c + (input[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '.' && /\d/.test(input[i - 1] ?? '') && !/[\w.]/.test(input[i + 1] ?? '') && startsNumber(input, i - 1)) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

// True when the digit run ending at i is a number of its own, not the tail of a name like `x1`.
function startsNumber(input: string, i: number): boolean {
  while (i >= 0 && /\d/.test(input[i])) i--;
  return i < 0 || !/[\w:.]/.test(input[i]);
}

/** Throws the first error Prometheus' lexer would raise, or returns normally when the input lexes cleanly. */
export function preScan(input: string): void {
  const stack: { ch: string; pos: number }[] = [];
  const end = input.length;
  const fail = (at: number, msg: string): never => {
    throw parseError(input, { start: at, end }, msg);
  };
  for (let i = 0; i < end; i++) {
    const c = input[i];
    const inBraces = stack.length > 0 && stack[stack.length - 1].ch === '{';
    if (c === '#') {
      while (i < end && input[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      for (i++; i < end && input[i] !== c; i++) {
        if (c !== '`' && input[i] === '\\') i++;
        else if (c !== '`' && input[i] === '\n') break;
      }
      if (i >= end || input[i] !== c) fail(start, c === '`' ? 'unterminated raw string' : 'unterminated quoted string');
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (inBraces) fail(i, `unexpected left brace ${quoteRune(c)} inside braces`);
      stack.push({ ch: c, pos: i });
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      const top = stack[stack.length - 1];
      if (!top || top.ch !== OPEN_FOR[c]) fail(i, `unexpected ${CLOSE_NAMES[c]} ${quoteRune(c)}`);
      stack.pop();
      continue;
    }
    if (/\s/.test(c) || /[\w]/.test(c) || OPERATOR_CHARS.includes(c)) continue;
    fail(i, inBraces ? `unexpected character inside braces: ${quoteRune(c)}` : `unexpected character: ${quoteRune(c)}`);
  }
  const open = stack[stack.length - 1];
  if (!open) return;
  if (open.ch === '(') fail(end, 'unclosed left parenthesis');
  if (open.ch === '[') fail(end, 'unclosed left bracket');
  fail(end, 'unexpected end of input inside braces');
}
