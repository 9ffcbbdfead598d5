// The token side of the PromQL grammar: lezer's node names mapped to operators, operator precedence (lezer's
// tree re-associated where modifiers bind differently), and syntax errors described like Prometheus' parser.

import type { SyntaxNode } from '@lezer/common';
import type { MatchType } from '../../model/labels/matcher.ts';
import type { BinaryExpr, BinaryOp, Expr } from './ast.ts';
import { parseError } from './lex.ts';

export const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  TrimUpper: '</',
  TrimLower: '>/',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

export const MATCH_OPS: Record<string, MatchType> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

export const AGGREGATORS = new Set<string>([
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'limitk',
  'limit_ratio',
]);
export const AGGREGATORS_WITH_PARAM = new Set<string>(['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio']);

// Words that cannot be a function name in `word(`, so an error there is not an unknown function.
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless']);

export function firstError(node: SyntaxNode): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  node.toTree().iterate({
    enter(n) {
      if (found) return false;
      if (n.type.isError) {
        found = n.node;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

export function describeSyntaxError(input: string, err: SyntaxNode) {
  const at = err.from;
  const before = /([a-zA-Z_:][\w:]*)\s*$/.exec(input.slice(0, at));
  if (before && /^\s*\(/.test(input.slice(at)) && !KEYWORDS.has(before[1].toLowerCase())) {
    const start = at - before[0].length;
    return parseError(input, { start, end: start + before[1].length }, `unknown function with name "${before[1]}"`);
  }
  const rest = input.slice(at);
  const skip = rest.length - rest.trimStart().length;
  if (at + skip >= input.length) return parseError(input, { start: input.length, end: input.length }, 'unexpected end of input');
  const start = at + skip;
  const token = tokenAt(input, start);
  return parseError(input, { start, end: start + token.text.length }, `unexpected ${token.desc}`);
}

// Describes the token at pos the way Prometheus' Item.desc() does in "unexpected ..." messages.
function tokenAt(input: string, pos: number): { text: string; desc: string } {
  const rest = input.slice(pos);
  let m = /^[a-zA-Z_:][\w:]*/.exec(rest);
  if (m) {
    const word = m[0];
    if (KEYWORDS.has(word.toLowerCase())) return { text: word, desc: `<${word}>` };
    if (AGGREGATORS.has(word.toLowerCase())) return { text: word, desc: `<aggr:${word}>` };
    return { text: word, desc: `identifier "${word}"` };
  }
  m = /^(?:0[xX][0-9a-fA-F]+|[\d.][\w.]*)/.exec(rest);
  if (m) return { text: m[0], desc: `number "${m[0]}"` };
  m = /^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)/.exec(rest);
  if (m) return { text: m[0], desc: `string ${JSON.stringify(m[0])}` };
  m = /^(?:==|!=|>=|<=|=~|!~|[-+*/%^<>=])/.exec(rest);
  if (m) return { text: m[0], desc: `<op:${m[0]}>` };
  return { text: rest[0], desc: JSON.stringify(rest[0]) };
}

// Binding strength of binary operators, loosest first, as in Prometheus' grammar.
const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '<=': 3,
  '<': 3,
  '>=': 3,
  '>': 3,
  '</': 3,
  '>/': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};

/**
 * lezer applies `@`/`offset` to the whole expression on its left, so `a + b @ t * c` arrives as
 * `(a + b @ t) * c`; once the modifier sits on `b` (Builder.modified), the tighter operator goes back down
 * to `b`. A well-formed tree never has a looser operator unparenthesised on the left, so it is left alone.
 */
export function associate(lhs: Expr, e: BinaryExpr): BinaryExpr {
  const tighter = lhs.type === 'BinaryExpr' && (PRECEDENCE[e.op] > PRECEDENCE[lhs.op] || (e.op === '^' && lhs.op === '^'));
  if (!tighter) return e;
  const inner = associate(lhs.rhs, { ...e, lhs: lhs.rhs, pos: { start: lhs.rhs.pos.start, end: e.pos.end } });
  return { ...lhs, rhs: inner, pos: { start: lhs.pos.start, end: e.pos.end } };
}
