// AST → canonical PromQL text, like the String() methods in Prometheus' parser/printer.go.

import { METRIC_NAME } from '../../model/labels/labels.ts';
import type { Expr, SubqueryExpr, VectorSelector } from './ast.ts';
import { durationText, formatDurationExpr } from './duration.ts';
import { formatDuration } from '../../model/duration.ts';
import { quoteString } from './lex.ts';

export function formatExpr(e: Expr): string {
  switch (e.type) {
    case 'NumberLiteral':
      return formatNumber(e.value);
    case 'StringLiteral':
      return quoteString(e.value);
    case 'VectorSelector':
      return selectorText(e) + extension(e) + modifiers(e);
    case 'MatrixSelector':
      return `${selectorText(e.vectorSelector)}[${durationText(e.range, e.rangeExpr)}]${extension(e.vectorSelector)}${modifiers(e.vectorSelector)}`;
    case 'SubqueryExpr':
      return `${formatExpr(e.expr)}[${durationText(e.range, e.rangeExpr)}:${e.step || e.stepExpr ? durationText(e.step, e.stepExpr) : ''}]${modifiers(e)}`;
    case 'Call':
      return `${e.func.name}(${e.args.map(formatExpr).join(', ')})`;
    case 'AggregateExpr': {
      let s = e.op;
      if (e.without || e.grouping.length > 0) s += ` ${e.without ? 'without' : 'by'} (${e.grouping.join(', ')}) `;
      const args = e.param ? `${formatExpr(e.param)}, ${formatExpr(e.expr)}` : formatExpr(e.expr);
      return `${s}(${args})`;
    }
    case 'BinaryExpr': {
      let s = `${formatExpr(e.lhs)} ${e.op}`;
      if (e.returnBool) s += ' bool';
      const vm = e.matching;
      const grouped = vm !== null && (vm.card === 'many-to-one' || vm.card === 'one-to-many');
      if (vm && (vm.matchingLabels.length > 0 || vm.on || grouped)) {
        s += ` ${vm.on ? 'on' : 'ignoring'} (${vm.matchingLabels.join(', ')})`;
        if (grouped) s += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${vm.include.join(', ')})`;
      }
      if (vm?.fill) s += fillText(vm.fill.lhs, vm.fill.rhs);
      return `${s} ${formatExpr(e.rhs)}`;
    }
    case 'UnaryExpr':
      return `${e.op}${formatExpr(e.expr)}`;
    case 'ParenExpr':
      return `(${formatExpr(e.expr)})`;
  }
}

function fillText(lhs: number | null, rhs: number | null): string {
  if (lhs !== null && rhs !== null && Object.is(lhs, rhs)) return ` fill(${formatNumber(lhs)})`;
  return (lhs !== null ? ` fill_left(${formatNumber(lhs)})` : '') + (rhs !== null ? ` fill_right(${formatNumber(rhs)})` : '');
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function selectorText(vs: VectorSelector): string {
  const shown = vs.name === '' ? vs.matchers : vs.matchers.filter((m) => !(m.name === METRIC_NAME && m.type === '=' && m.value === vs.name));
  const inner = shown.map((m) => `${m.name}${m.type}${quoteString(m.value)}`).join(', ');
  if (vs.name !== '' && inner === '') return vs.name;
  return `${vs.name}{${inner}}`;
}

function extension(vs: VectorSelector): string {
  return vs.anchored ? ' anchored' : vs.smoothed ? ' smoothed' : '';
}

function modifiers(e: VectorSelector | SubqueryExpr): string {
  let s = '';
  if (e.offsetExpr) s += ` offset ${formatDurationExpr(e.offsetExpr)}`;
  else if (e.offset !== 0) s += ` offset ${e.offset < 0 ? '-' : ''}${formatDuration(Math.abs(e.offset))}`;
  if (e.timestamp !== null) s += ` @ ${(e.timestamp / 1000).toFixed(3)}`;
  else if (e.startOrEnd) s += ` @ ${e.startOrEnd}()`;
  return s;
}
