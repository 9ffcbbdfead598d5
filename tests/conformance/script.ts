// Parses a promqltest script (`load`, `clear`, `eval ...` blocks) into commands, following the language that
// Prometheus' promql/promqltest/test.go reads.

import type { Labels } from '../../src/model/labels/labels.ts';
import { parseDuration } from '../../src/promql/parser/lex.ts';
import { parseSeriesLabels, parseSequence, type SequenceValue } from './series.ts';

export interface LoadCmd {
  readonly kind: 'load';
  readonly line: number;
  readonly step: number;
  readonly withNHCB: boolean;
  /** Keyed by label set; a series listed twice keeps its last line. */
  readonly series: LoadSeries[];
}

export interface LoadSeries {
  labels: Labels;
  values: SequenceValue[];
  /** From the series' `@st` line: each position's start timestamp as an offset from its own time, or null. */
  st?: (number | null)[];
}

export interface Expectation {
  readonly kind: 'ordered' | 'fail' | 'warn' | 'no_warn' | 'info' | 'no_info';
  readonly msg?: string;
  readonly regex?: RegExp;
}

export interface ExpectedSeries {
  readonly labels: Labels;
  readonly values: SequenceValue[];
  /** Position among the expected series, for ordered comparison. */
  readonly pos: number;
}

export interface EvalCmd {
  readonly kind: 'eval';
  readonly line: number;
  readonly expr: string;
  readonly range: boolean;
  /** Instant: start = end = eval time. Range (or `expect range vector`): the step grid. */
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly expectRangeVector: boolean;
  readonly expects: Expectation[];
  readonly scalar: number | null;
  readonly expectedString: string | null;
  readonly series: ExpectedSeries[];
}

export type Command = LoadCmd | EvalCmd | { readonly kind: 'clear'; readonly line: number };

export class ScriptError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

const EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;

function duration(s: string, line: number): number {
  const neg = s.startsWith('-');
  const d = parseDuration(neg ? s.slice(1) : s);
  if (d === null) throw new ScriptError(line, `invalid duration ${JSON.stringify(s)}`);
  return neg ? -d : d;
}

// Go's strconv.ParseInt(s, 0, 64) then ParseFloat: how a bare expected scalar is read.
function parseScalar(s: string): number | null {
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$/.test(s)) return Number(s.replace(/^\+/, ''));
  if (/^[+-]?(inf(inity)?|nan)$/i.test(s)) return /nan/i.test(s) ? NaN : s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  return null;
}

function unquoteGo(s: string, line: number): string {
  try {
    if (s.startsWith('`') && s.endsWith('`') && s.length >= 2) return s.slice(1, -1);
    if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) return JSON.parse(s) as string;
  } catch {
    // fall through to the error below
  }
  throw new ScriptError(line, 'expected string literal not valid - check that the string is correctly quoted');
}

/** Go RE2 syntax is close enough to JavaScript's for the patterns the scripts use. */
function goRegex(p: string): RegExp {
  return new RegExp(p.trim());
}

export function parseScript(input: string): Command[] {
  const lines = input.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
  const cmds: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '') continue;
    const word = l.split(/[\t ]+/, 1)[0].toLowerCase();
    // Block: this line and the following non-empty ones.
    let end = i + 1;
    while (end < lines.length && lines[end] !== '') end++;
    const body = lines.slice(i + 1, end);
    if (word === 'clear') cmds.push({ kind: 'clear', line: i + 1 });
    else if (word.startsWith('load')) cmds.push(parseLoad(l, body, i + 1));
    else if (word.startsWith('eval')) cmds.push(parseEval(l, body, i + 1));
    else throw new ScriptError(i + 1, `invalid command ${JSON.stringify(l)}`);
    i = word === 'clear' ? i : end - 1;
  }
  return cmds;
}

function parseLoad(header: string, body: string[], line: number): LoadCmd {
  const m = /^load(?:_(with_nhcb))?\s+(.+?)$/.exec(header);
  if (!m) throw new ScriptError(line, 'invalid load command. (load[_with_nhcb] <step:duration>)');
  const byKey = new Map<string, LoadSeries>();
  // `name{...}@st <items>` lines, waiting for the sample line of their series that follows.
  const pendingST = new Map<string, (number | null)[]>();
  body.forEach((def, k) => {
    try {
      const { labels, rest } = parseSeriesLabels(def);
      const key = JSON.stringify(labels);
      if (rest.startsWith('@st')) {
        pendingST.set(key, parseStartTimestamps(rest.slice(3)));
        return;
      }
      const values = parseSequence(rest);
      const st = pendingST.get(key);
      pendingST.delete(key);
      if (st && st.length !== values.length) throw new Error(`@st line has ${st.length} positions, the series ${values.length}`);
      byKey.set(key, st ? { labels, values, st } : { labels, values });
    } catch (e) {
      throw new ScriptError(line + 1 + k, (e as Error).message);
    }
  });
  return { kind: 'load', line, step: duration(m[2], line), withNHCB: m[1] === 'with_nhcb', series: [...byKey.values()] };
}

// The items of an `@st` line: `_`, `_xN`, `<dur>`, `<dur>xN`, `<dur>+<dur>xN`, `<dur>-<dur>xN`, where durations
// may carry a sign. Each becomes a start-timestamp offset in ms (null for `_`).
function parseStartTimestamps(s: string): (number | null)[] {
  const out: (number | null)[] = [];
  const dur = (d: string): number => {
    const neg = d.startsWith('-');
    const ms = parseDuration(d.replace(/^[+-]/, ''));
    if (ms === null) throw new Error(`invalid start timestamp duration ${JSON.stringify(d)}`);
    return neg ? -ms : ms;
  };
  for (const item of s.trim().split(/\s+/)) {
    if (item === '') continue;
    if (item === '_') {
      out.push(null);
      continue;
    }
    const omitted = /^_x(\d+)$/.exec(item);
    if (omitted) {
      for (let k = 0; k < Number(omitted[1]); k++) out.push(null);
      continue;
    }
    const m = /^([+-]?[0-9a-z]+?)(?:([+-])([0-9a-z]+?))?(?:x(\d+))?$/.exec(item);
    if (!m) throw new Error(`invalid start timestamp item ${JSON.stringify(item)}`);
    const start = dur(m[1]);
    const step = m[2] ? dur(m[3]) * (m[2] === '-' ? -1 : 1) : 0;
    const times = m[4] === undefined ? 1 : Number(m[4]) + 1;
    for (let k = 0; k < times; k++) out.push(start + k * step);
  }
  return out;
}

function parseEval(header: string, body: string[], line: number): EvalCmd {
  const inst = EVAL_INSTANT.exec(header);
  const rng = inst ? null : EVAL_RANGE.exec(header);
  if (!inst && !rng) throw new ScriptError(line, 'invalid evaluation command');
  const mod = (inst ?? rng)![1];
  const expects: Expectation[] = [];
  if (mod === 'fail' || mod === 'warn' || mod === 'info' || mod === 'ordered') expects.push({ kind: mod });
  let start: number, end: number, step: number, expr: string;
  if (inst) {
    start = end = duration(inst[2] ?? '0', line);
    step = 0;
    expr = inst[3];
  } else {
    start = duration(rng![2], line);
    end = duration(rng![3], line);
    step = duration(rng![4], line);
    expr = rng![5];
    if (end < start) throw new ScriptError(line, 'invalid test definition, end timestamp is before start timestamp');
  }
  let expectRangeVector = false;
  let scalar: number | null = null;
  let expectedString: string | null = null;
  const series: ExpectedSeries[] = [];
  for (let k = 0; k < body.length; k++) {
    const def = body[k];
    const at = line + 1 + k;
    if (mod === 'fail' && def.startsWith('expected_fail_message')) {
      expects[0] = { kind: 'fail', msg: def.slice('expected_fail_message'.length).trim() };
      break;
    }
    if (mod === 'fail' && def.startsWith('expected_fail_regexp')) {
      expects[0] = { kind: 'fail', regex: goRegex(def.slice('expected_fail_regexp'.length)) };
      break;
    }
    const rv = EXPECT_RANGE.exec(def);
    if (rv) {
      expectRangeVector = true;
      start = duration(rv[1], at);
      end = duration(rv[2], at);
      step = duration(rv[3], at);
      continue;
    }
    if (def.startsWith('expect string')) {
      expectedString = unquoteGo(def.slice('expect string'.length).trim(), at);
      continue;
    }
    if (def.split(' ')[0] === 'expect') {
      const e = EXPECT.exec(def);
      if (!e) throw new ScriptError(at, `invalid expect statement ${JSON.stringify(def)}`);
      const kind = e[1] as Expectation['kind'];
      expects.push(e[2] === 'msg' ? { kind, msg: e[3].trim() } : e[2] === 'regex' ? { kind, regex: goRegex(e[3]) } : { kind });
      continue;
    }
    const num = parseScalar(def);
    if (num !== null) {
      scalar = num;
      break;
    }
    try {
      const { labels, rest } = parseSeriesLabels(def);
      const values = parseSequence(rest);
      if (values.length > 1 && inst && !expectRangeVector) {
        throw new Error('expecting multiple values in instant evaluation not allowed');
      }
      series.push({ labels, values, pos: series.length + 1 });
    } catch (e) {
      throw new ScriptError(at, (e as Error).message);
    }
  }
  return { kind: 'eval', line, expr, range: !inst, start, end, step, expectRangeVector, expects, scalar, expectedString, series };
}
