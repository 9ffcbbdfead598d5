// The pieces of one OpenMetrics line below the family rules: where the series text ends, labels, the value,
// the timestamp, an exemplar, HELP's escapes. Each fails through the LineReader, with the line and column.

import { parseGoFloat } from './floats.ts';
import type { LineReader } from './reader.ts';

const EXEMPLAR_MAX_RUNES = 128;

/**
 * Where `name{labels}` ends (after `}`, or at the space after a bare name), skipping quoted values; -1 when the
 * line has another shape, which the full parse then reports.
 */
export function endOfSeries(text: string, from: number, end: number): number {
  let i = from;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) break;
    if (c === 32) return i;
  }
  if (i === end) return -1;
  let quoted = false;
  for (i++; i < end; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 92) i++;
      else if (c === 34) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 125) return i + 1;
  }
  return -1;
}

/** What follows a sample's series; one object the parser fills line by line. */
export interface ReadValue {
  value: number;
  /** Seconds as written, or null. */
  ts: number | null;
  exemplar: boolean;
}

/** ` value [timestamp] [# exemplar]` after the series. */
export function readValue(r: LineReader, out: ReadValue): ReadValue {
  if (r.peek() !== ' ') r.fail(`expected a space and a value after the metric, got ${r.got()}`);
  r.pos++;
  const valueAt = r.pos;
  const value = readNumber(r);
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
  out.value = value;
  out.ts = ts;
  out.exemplar = exemplar;
  return out;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A number up to the next space, as parseGoFloat reads it. Plain decimals of at most 15 digits are computed from
 * the characters (Clinger's fast path: the digits fit a float exactly, and so does 10^k for k ≤ 22, so one
 * division rounds correctly, to the same float as Number()); anything else goes through parseGoFloat.
 */
function readNumber(r: LineReader): number | null {
  const text = r.text;
  const from = r.pos;
  let to = text.indexOf(' ', from);
  if (to < 0 || to > r.end) to = r.end;
  r.pos = to;
  let i = from;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < to; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && fraction < 0) fraction = digits;
    else break;
  }
  if (i === to && digits > 0 && digits <= 15) {
    const v = fraction < 0 ? m : m / POW10[digits - fraction];
    return negative ? -v : v;
  }
  return parseGoFloat(text.slice(from, to));
}

/** OpenMetrics spells infinity only "+Inf" and "-Inf" in le and quantile. */
export function canonicalInf(r: LineReader, name: string, value: string): string {
  if ((name === 'le' || name === 'quantile') && value.toLowerCase().includes('inf') && value !== '+Inf' && value !== '-Inf') {
    r.fail(`${name}="${value}" is not canonical: write +Inf or -Inf`);
  }
  return value;
}

/** `{name="value",…}`: no spaces, no trailing comma, escapes \\ \" \n (others kept as written). */
export function readLabels(r: LineReader, normalize: (name: string, value: string) => string): [string, string][] {
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
    const value = r.readQuoted(false);
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
  const ts = readNumber(r);
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
  if (parseGoFloat(r.readToSpace()) === null) {
    r.pos = valueAt;
    r.fail(`expected float as exemplar value, got ${r.got()}`);
  }
  if (r.atEnd()) return;
  r.pos++;
  readTimestamp(r);
  if (!r.atEnd()) r.fail(`unexpected text after the exemplar: ${r.got()}`);
}
