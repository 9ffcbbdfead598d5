// Static type checks, like checkAST in Prometheus' parser/parse.go. Throws the first error found.

import { documentedType, exprType, isComparisonOp, isSetOp, type Expr, type ValueType } from './ast.ts';
import { parseError } from './lex.ts';
import type { PositionRange } from '../value.ts';

export function checkAST(input: string, root: Expr): void {
  const fail = (pos: PositionRange, msg: string): never => {
    throw parseError(input, pos, msg);
  };
  const expectType = (e: Expr, want: ValueType, context: string): void => {
    const t = check(e);
    if (t !== want) fail(e.pos, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  };

  function check(n: Expr): ValueType {
    switch (n.type) {
      case 'AggregateExpr':
        expectType(n.expr, 'vector', 'aggregation expression');
        if (n.op === 'topk' || n.op === 'bottomk' || n.op === 'quantile' || n.op === 'limitk' || n.op === 'limit_ratio') expectType(n.param!, 'scalar', 'aggregation parameter');
        if (n.op === 'count_values') expectType(n.param!, 'string', 'aggregation parameter');
        break;
      case 'BinaryExpr': {
        const lt = check(n.lhs);
        const rt = check(n.rhs);
        // The operator's own range, between the operands with surrounding whitespace trimmed.
        const opRange = (): PositionRange => {
          let start = n.lhs.pos.end;
          let end = n.rhs.pos.start - 1;
          while (/\s/.test(input[start])) start++;
          while (/\s/.test(input[end])) end--;
          return { start, end };
        };
        if (n.returnBool && !isComparisonOp(n.op)) fail(opRange(), 'bool modifier can only be used on comparison operators');
        if (isComparisonOp(n.op) && !n.returnBool && lt === 'scalar' && rt === 'scalar') {
          fail(opRange(), 'comparisons between scalars must use BOOL modifier');
        }
        let vm = n.matching!;
        if (isSetOp(n.op) && vm.card === 'one-to-one') vm = { ...vm, card: 'many-to-many' };
        if (vm.on) {
          for (const l of vm.matchingLabels) {
            if (vm.include.includes(l)) fail(opRange(), `label "${l}" must not occur in ON and GROUP clause at once`);
          }
        }
        if (lt !== 'scalar' && lt !== 'vector') fail(n.lhs.pos, 'binary expression must contain only scalar and instant vector types');
        if (rt !== 'scalar' && rt !== 'vector') fail(n.rhs.pos, 'binary expression must contain only scalar and instant vector types');
        if (lt !== 'vector' || rt !== 'vector') {
          if (vm.matchingLabels.length > 0) fail(n.pos, 'vector matching only allowed between instant vectors');
          n.matching = null;
        } else {
          if (isSetOp(n.op)) {
            if (vm.card === 'one-to-many' || vm.card === 'many-to-one') fail(n.pos, `no grouping allowed for "${n.op}" operation`);
            if (vm.card !== 'many-to-many') fail(n.pos, 'set operations must always be many-to-many');
          }
          n.matching = vm;
        }
        if ((lt === 'scalar' || rt === 'scalar') && isSetOp(n.op)) {
          fail(n.pos, `set operator "${n.op}" not allowed in binary scalar expression`);
        }
        break;
      }
      case 'Call': {
        const f = n.func;
        const nargs = f.argTypes.length;
        if (f.variadic === 0) {
          if (nargs !== n.args.length) fail(n.pos, `expected ${nargs} argument(s) in call to "${f.name}", got ${n.args.length}`);
        } else {
          const na = nargs - 1;
          if (na > n.args.length) fail(n.pos, `expected at least ${na} argument(s) in call to "${f.name}", got ${n.args.length}`);
          else if (f.variadic > 0 && na + f.variadic < n.args.length) {
            fail(n.pos, `expected at most ${na + f.variadic} argument(s) in call to "${f.name}", got ${n.args.length}`);
          }
        }
        n.args.forEach((arg, i) => {
          const want = f.argTypes[Math.min(i, nargs - 1)];
          if (f.name === 'info' && i === 1) {
            // Label selectors whose matchers may all accept empty values: they filter data labels.
            if (arg.type !== 'VectorSelector') fail(arg.pos, 'expected label selectors as the second argument to "info" function');
            return;
          }
          const t = check(arg);
          if (t !== want) fail(arg.pos, `expected type ${documentedType(want)} in call to function "${f.name}", got ${documentedType(t)}`);
        });
        break;
      }
      case 'ParenExpr':
        check(n.expr);
        break;
      case 'UnaryExpr': {
        const t = check(n.expr);
        if (t !== 'scalar' && t !== 'vector') {
          fail(n.pos, `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(t)}"`);
        }
        break;
      }
      case 'SubqueryExpr': {
        const t = check(n.expr);
        if (t !== 'vector') fail(n.pos, `subquery is only allowed on instant vector, got ${t} instead`);
        break;
      }
      case 'MatrixSelector':
        check(n.vectorSelector);
        break;
      case 'VectorSelector':
        if (n.name !== '') {
          for (const m of n.matchers.slice(0, -1)) {
            if (m.name === '__name__') fail(n.pos, `metric name must not be set twice: "${n.name}" or "${m.value}"`);
          }
        } else if (!n.matchers.some((m) => !m.matchesEmpty())) {
          fail(n.pos, 'vector selector must contain at least one non-empty matcher');
        }
        break;
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
    }
    return exprType(n);
  }

  check(root);
}
