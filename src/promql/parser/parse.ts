// Builds the AST from @prometheus-io/lezer-promql's syntax tree, then type-checks it (check.ts). The lezer
// grammar is looser than Prometheus' yacc grammar, so the rules it does not enforce are checked here with
// Prometheus' messages.

import { parser } from './grammar.ts';
import type { SyntaxNode } from '@lezer/common';
import { Matcher } from '../../model/labels/matcher.ts';
import { METRIC_NAME } from '../../model/labels/labels.ts';
import type { PositionRange } from '../value.ts';
import type {
  AggregateOp,
  BinaryExpr,
  Expr,
  MatrixSelector,
  NumberLiteral,
  SubqueryExpr,
  VectorMatchCardinality,
  VectorSelector,
} from './ast.ts';
import { checkAST } from './check.ts';
import { dependsOnQuery, evalDuration, type DurationExpr } from './duration.ts';
import { isComparisonOp, isSetOp, isTrimOp } from './ast.ts';
import { FUNCTIONS } from './functions.ts';
import { blankTrailingDots, parseDuration, parseError, parseNumber, preScan, unquoteString } from './lex.ts';
import { AGGREGATORS, AGGREGATORS_WITH_PARAM, BINARY_OPS, MATCH_OPS, associate, describeSyntaxError, firstError } from './syntax.ts';

/** Parses a PromQL expression; throws PromQLError with a Prometheus-style message and position. */
export function parseExpr(query: string): Expr {
  preScan(query);
  const input = blankTrailingDots(query);
  const tree = parser.parse(input);
  const top = tree.topNode;
  const syntaxError = firstError(top);
  if (syntaxError) throw describeSyntaxError(input, syntaxError);
  const root = top.firstChild;
  if (!root) throw parseError(input, { start: 0, end: input.length }, 'no expression found in input');
  const expr = new Builder(input).expr(root);
  checkAST(input, expr);
  return expr;
}


function named(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

class Builder {
  constructor(private readonly input: string) {}

  private text(n: SyntaxNode): string {
    return this.input.slice(n.from, n.to);
  }

  private fail(pos: PositionRange, message: string): never {
    throw parseError(this.input, pos, message);
  }

  expr(n: SyntaxNode): Expr {
    const pos = { start: n.from, end: n.to };
    const kids = named(n);
    switch (n.name) {
      case 'ParenExpr':
        return { type: 'ParenExpr', expr: this.expr(kids[0]), pos };
      case 'NumberDurationLiteral':
        return { type: 'NumberLiteral', value: this.number(n), pos };
      case 'StringLiteral':
        return { type: 'StringLiteral', value: this.string(n), pos };
      case 'VectorSelector':
        return this.vectorSelector(n);
      case 'MatrixSelector':
        return this.matrixSelector(n, kids);
      case 'SubqueryExpr':
        return this.subquery(n, kids);
      case 'OffsetExpr':
        return this.offset(n, kids);
      case 'StepInvariantExpr':
        return this.at(n, kids);
      case 'UnaryExpr': {
        const op = this.text(kids[0]) as '+' | '-';
        const inner = this.expr(kids[1]);
        if (inner.type === 'NumberLiteral') return { type: 'NumberLiteral', value: op === '-' ? -inner.value : inner.value, pos };
        return { type: 'UnaryExpr', op, expr: inner, pos };
      }
      case 'BinaryExpr':
        return this.binary(n, kids);
      case 'FunctionCall':
        return this.call(n, kids);
      case 'AggregateExpr':
        return this.aggregate(n, kids);
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return this.extended(n, kids);
      default:
        return this.fail(pos, `unexpected ${n.name}`);
    }
  }

  private number(n: SyntaxNode): number {
    const v = parseNumber(this.text(n).replace(/^\+/, ''));
    if (v === null) {
      // lezer folds a sign into the literal, possibly with blanks between (`- 1`).
      const s = this.text(n).replace(/\s+/g, '');
      const neg = s.startsWith('-');
      const inner = parseNumber(s.slice(1));
      if (neg && inner !== null) return -inner;
      this.fail({ start: n.from, end: n.to }, `error parsing number: ${s}`);
    }
    return v;
  }

  private string(n: SyntaxNode): string {
    const lit = this.text(n);
    try {
      return unquoteString(lit);
    } catch (e) {
      return this.fail({ start: n.from, end: n.to }, `error unquoting string ${JSON.stringify(lit)}: ${(e as Error).message}`);
    }
  }

  private vectorSelector(n: SyntaxNode): VectorSelector {
    const pos = { start: n.from, end: n.to };
    let name = '';
    const matchers: Matcher[] = [];
    for (const c of named(n)) {
      if (c.name === 'Identifier') name = this.text(c);
      else if (c.name === 'LabelMatchers') for (const m of named(c)) matchers.push(this.matcher(m));
    }
    if (name !== '') matchers.push(new Matcher('=', METRIC_NAME, name));
    return { type: 'VectorSelector', name, matchers, offset: 0, timestamp: null, startOrEnd: null, pos };
  }

  private matcher(n: SyntaxNode): Matcher {
    const kids = named(n);
    if (n.name === 'QuotedLabelName') return new Matcher('=', METRIC_NAME, this.string(kids[0]));
    const label = kids[0].name === 'QuotedLabelName' ? this.string(named(kids[0])[0]) : this.text(kids[0]);
    const type = MATCH_OPS[named(kids[1])[0].name];
    const value = this.string(kids[2]);
    try {
      return new Matcher(type, label, value);
    } catch (e) {
      // Go's own wording, e.g. "error parsing regexp: missing closing ): `^(?s:()$`".
      return this.fail({ start: n.from, end: n.to }, (e as Error).message);
    }
  }

  // A range, step or offset: a duration literal (or number of seconds), or a duration expression. A constant
  // expression is computed now; one using step() or range() is resolved per query (ms is then 0).
  private duration(n: SyntaxNode): { ms: number; expr?: DurationExpr } {
    const pos = { start: n.from, end: n.to };
    const expr = this.durationExpr(n);
    if (expr.type === 'DurationNumber') return { ms: Math.round(expr.seconds * 1000) };
    if (dependsOnQuery(expr)) return { ms: 0, expr };
    try {
      return { ms: evalDuration(expr, { step: 0, range: 0 }), expr };
    } catch (e) {
      return this.fail(pos, (e as Error).message);
    }
  }

  private durationExpr(n: SyntaxNode): DurationExpr {
    const pos = { start: n.from, end: n.to };
    const kids = named(n);
    if (n.name === 'NumberDurationLiteralInDurationContext') {
      const s = this.text(n);
      const d = parseDuration(s);
      if (d !== null) return { type: 'DurationNumber', seconds: d / 1000, text: s };
      const secs = parseNumber(s);
      if (secs === null || !Number.isFinite(secs)) return this.fail(pos, `unexpected number "${s}"`);
      return { type: 'DurationNumber', seconds: secs, text: s };
    }
    const [first, second, third] = kids;
    if (kids.length === 1) {
      if (first.name === 'DurationStep') return { type: 'DurationCall', func: 'step', args: [] };
      if (first.name === 'DurationRange') return { type: 'DurationCall', func: 'range', args: [] };
      const inner = this.durationExpr(first);
      // lezer keeps no node for parentheses; a node wider than its only child is that child in parentheses.
      return this.text(n).trim() !== this.text(first).trim() ? { type: 'DurationParen', expr: inner } : inner;
    }
    if (first?.name === 'UnaryOp') return { type: 'DurationUnary', op: this.text(first) as '+' | '-', expr: this.durationExpr(second) };
    if (first?.name === 'DurationMinOf' || first?.name === 'DurationMaxOf') {
      return { type: 'DurationCall', func: first.name === 'DurationMinOf' ? 'min_of' : 'max_of', args: [this.durationExpr(second), this.durationExpr(third)] };
    }
    const op = second ? BINARY_OPS[second.name] : undefined;
    if (kids.length === 3 && op && op !== 'atan2' && !isComparisonOp(op) && !isSetOp(op) && !isTrimOp(op)) {
      return { type: 'DurationBinary', op, lhs: this.durationExpr(first), rhs: this.durationExpr(third) };
    }
    return this.fail(pos, `unexpected ${n.name} in duration expression`);
  }

  private matrixSelector(n: SyntaxNode, kids: SyntaxNode[]): MatrixSelector {
    const pos = { start: n.from, end: n.to };
    const vs = this.expr(kids[0]);
    if (vs.type !== 'VectorSelector') return this.fail(pos, 'ranges only allowed for vector selectors');
    if (vs.offset !== 0) return this.fail(pos, 'no offset modifiers allowed before range');
    if (vs.timestamp !== null || vs.startOrEnd !== null) return this.fail(pos, 'no @ modifiers allowed before range');
    const range = this.duration(kids[1]);
    if (!range.expr && range.ms <= 0) this.fail({ start: kids[1].from, end: kids[1].to }, 'range must be greater than 0');
    return { type: 'MatrixSelector', vectorSelector: vs, range: range.ms, ...(range.expr && { rangeExpr: range.expr }), pos };
  }

  private subquery(n: SyntaxNode, kids: SyntaxNode[]): SubqueryExpr {
    const pos = { start: n.from, end: n.to };
    const inner = this.expr(kids[0]);
    const range = this.duration(kids[1]);
    const step = kids[2] ? this.duration(kids[2]) : { ms: 0 };
    if (!range.expr && range.ms <= 0) this.fail({ start: kids[1].from, end: kids[1].to }, 'range must be greater than 0');
    return {
      type: 'SubqueryExpr',
      expr: inner,
      range: range.ms,
      step: step.ms,
      ...(range.expr && { rangeExpr: range.expr }),
      ...(step.expr && { stepExpr: step.expr }),
      offset: 0,
      timestamp: null,
      startOrEnd: null,
      pos,
    };
  }

  // The node that carries offset and @ for `e offset d` / `e @ t`, per Prometheus' addOffset/getAtModifierVars.
  private modifierTarget(e: Expr, what: string): VectorSelector | SubqueryExpr {
    if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') return e;
    if (e.type === 'MatrixSelector') return e.vectorSelector;
    return this.fail(e.pos, `${what} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
  }

  // lezer attaches `offset`/`@` to a whole preceding binary or unary expression (`a + b offset 5m`); in
  // Prometheus they bind to the operand right before them, so the modifier goes down to that operand.
  private modified(n: SyntaxNode, e: Expr, apply: (operand: Expr) => Expr): Expr {
    if (e.type === 'BinaryExpr') {
      const rhs = this.modified(n, e.rhs, apply);
      return { ...e, rhs, pos: { start: e.pos.start, end: n.to } };
    }
    if (e.type === 'UnaryExpr') return { ...e, expr: this.modified(n, e.expr, apply), pos: { start: e.pos.start, end: n.to } };
    const modified = apply(e) as VectorSelector | MatrixSelector | SubqueryExpr;
    modified.pos = { start: e.pos.start, end: n.to };
    return modified;
  }

  private offset(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    return this.modified(n, this.expr(kids[0]), (e) => {
      const target = this.modifierTarget(e, 'offset');
      if (target.offset !== 0 || target.offsetExpr) this.fail(e.pos, 'offset may not be set multiple times');
      const d = this.duration(kids[2]);
      target.offset = d.ms;
      if (d.expr) target.offsetExpr = d.expr;
      return e;
    });
  }

  private at(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    return this.modified(n, this.expr(kids[0]), (e) => {
      const target = this.modifierTarget(e, '@');
      if (target.timestamp !== null || target.startOrEnd !== null) this.fail(e.pos, '@ <timestamp> may not be set multiple times');
      const arg = kids[2];
      if (arg.name === 'AtModifierPreprocessors') {
        target.startOrEnd = named(arg)[0].name === 'AtStart' ? 'start' : 'end';
      } else {
        const ts = this.number(arg);
        if (!Number.isFinite(ts)) this.fail(e.pos, `timestamp out of bounds for @ modifier: ${ts}`);
        target.timestamp = Math.round(ts * 1000);
      }
      return e;
    });
  }

  // `sel[5m] anchored`, `sel smoothed`: a flag on the selector, as Prometheus' VectorSelector carries it.
  private extended(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const e = this.expr(kids[0]);
    const vs = e.type === 'MatrixSelector' ? e.vectorSelector : e.type === 'VectorSelector' ? e : null;
    const which = n.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
    if (!vs) return this.fail(e.pos, `${which} modifier must be preceded by an instant vector selector or range vector selector`);
    if (which === 'anchored') vs.anchored = true;
    else vs.smoothed = true;
    (e as VectorSelector | MatrixSelector).pos = { start: e.pos.start, end: n.to };
    return e;
  }

  private groupingLabels(n: SyntaxNode): string[] {
    return named(n).map((c) => (c.name === 'QuotedLabelName' ? this.string(named(c)[0]) : this.text(c)));
  }

  private binary(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const op = BINARY_OPS[kids[1].name];
    // lezer reads `-2` in `-2 ^ 2` as one signed literal; in Prometheus the sign is a unary operator binding
    // looser than `^`, so the result is -(2 ^ 2).
    const sign = this.text(kids[0])[0];
    if (op === '^' && kids[0].name === 'NumberDurationLiteral' && (sign === '-' || sign === '+')) {
      const unsigned: NumberLiteral = { type: 'NumberLiteral', value: Math.abs(this.number(kids[0])), pos: { start: kids[0].from + 1, end: kids[0].to } };
      const inner = this.binaryOf(n, kids, unsigned);
      inner.pos = { start: unsigned.pos.start, end: n.to };
      return { type: 'UnaryExpr', op: sign, expr: inner, pos: { start: n.from, end: n.to } };
    }
    return this.binaryOf(n, kids, this.expr(kids[0]));
  }

  private binaryOf(n: SyntaxNode, kids: SyntaxNode[], lhs: Expr): BinaryExpr {
    const pos = { start: n.from, end: n.to };
    const op = BINARY_OPS[kids[1].name];
    let returnBool = false;
    let card: VectorMatchCardinality = 'one-to-one';
    let on = false;
    let matchingLabels: string[] = [];
    let include: string[] = [];
    let fill: { lhs: number | null; rhs: number | null } | undefined;
    for (const m of kids.slice(2, -1)) {
      if (m.name === 'BoolModifier') returnBool = true;
      else if (m.name === 'FillModifier') {
        fill = { lhs: null, rhs: null };
        for (const clause of named(m)) {
          const v = this.number(named(clause)[1]);
          if (clause.name !== 'FillRightClause') fill.lhs = v;
          if (clause.name !== 'FillLeftClause') fill.rhs = v;
        }
      }
      else if (m.name === 'MatchingModifierClause') {
        const parts = named(m);
        on = parts[0].name === 'On';
        matchingLabels = this.groupingLabels(parts[1]);
        if (parts[2]) card = parts[2].name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
        if (parts[3]) include = this.groupingLabels(parts[3]);
      }
    }
    const rhs = this.expr(kids[kids.length - 1]);
    return associate(lhs, { type: 'BinaryExpr', op, lhs, rhs, returnBool, matching: { card, on, matchingLabels, include, ...(fill && { fill }) }, pos });
  }

  private args(body: SyntaxNode): Expr[] {
    return named(body).map((c) => this.expr(c));
  }

  private call(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const pos = { start: n.from, end: n.to };
    const name = this.text(kids[0]);
    const func = FUNCTIONS.get(name);
    if (!func) return this.fail({ start: kids[0].from, end: kids[0].to }, `unknown function with name "${name}"`);
    return { type: 'Call', func, args: this.args(kids[1]), pos };
  }

  private aggregate(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const pos = { start: n.from, end: n.to };
    const op = this.text(kids[0]).toLowerCase() as AggregateOp;
    let grouping: string[] = [];
    let without = false;
    let body: SyntaxNode | null = null;
    for (const c of kids.slice(1)) {
      if (c.name === 'AggregateModifier') {
        const parts = named(c);
        without = parts[0].name === 'Without';
        grouping = this.groupingLabels(parts[1]);
      } else if (c.name === 'FunctionCallBody') body = c;
    }
    const args = body ? this.args(body) : [];
    if (!AGGREGATORS.has(op)) return this.fail(pos, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`);
    if (args.length === 0) return this.fail(pos, 'no arguments for aggregate expression provided');
    const want = AGGREGATORS_WITH_PARAM.has(op) ? 2 : 1;
    if (args.length !== want) {
      return this.fail(pos, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`);
    }
    return { type: 'AggregateExpr', op, param: want === 2 ? args[0] : null, expr: args[want - 1], grouping, without, pos };
  }
}
