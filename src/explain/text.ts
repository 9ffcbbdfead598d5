// What each kind of PromQL node does, in one paragraph, Korean and English. Counts come from the node's own result
// and its children's, evaluated at the same time, so the text speaks about the learner's data.

import {
  documentedType,
  exprType,
  formatDuration,
  formatExpr,
  isComparisonOp,
  isSetOp,
  type AggregateExpr,
  type BinaryExpr,
  type Expr,
  type VectorSelector,
} from '../promql/index.ts';
import { FUNCTION_TEXT } from './functions.ts';
import type { Localized } from '../i18n/localized.ts';
import { withParticle } from '../i18n/particles.ts';

const say = (ko: string, en: string): Localized => ({ ko, en });
const join = (parts: Localized[]): Localized => say(parts.map((p) => p.ko).join(' '), parts.map((p) => p.en).join(' '));

function matchers(sel: VectorSelector): string {
  return `{${sel.matchers.map((m) => m.toString()).join(', ')}}`;
}

function modifiers(sel: { offset: number; timestamp: number | null; startOrEnd: string | null }): Localized[] {
  const out: Localized[] = [];
  if (sel.offset !== 0) {
    const d = formatDuration(Math.abs(sel.offset));
    out.push(sel.offset > 0 ? say(`offset으로 ${d} 전의 값을 봅니다.`, `The offset shifts it ${d} into the past.`) : say(`offset으로 ${d} 뒤의 값을 봅니다.`, `The offset shifts it ${d} ahead.`));
  }
  if (sel.timestamp !== null) {
    const at = new Date(sel.timestamp).toISOString();
    out.push(say(`@ 수정자로 평가 시각과 상관없이 ${at} 시점을 봅니다.`, `The @ modifier pins it to ${at}, whatever the evaluation time.`));
  } else if (sel.startOrEnd) {
    out.push(say(`@ ${sel.startOrEnd}()로 쿼리 범위의 ${sel.startOrEnd === 'start' ? '시작' : '끝'} 시점을 봅니다.`, `@ ${sel.startOrEnd}() pins it to the query's ${sel.startOrEnd} time.`));
  }
  return out;
}

const AGG: Record<AggregateExpr['op'], Localized> = {
  sum: say('값을 더합니다', 'adds up the values'),
  avg: say('값의 평균을 냅니다', 'averages the values'),
  count: say('시리즈 수를 셉니다', 'counts the series'),
  min: say('가장 작은 값을 고릅니다', 'takes the smallest value'),
  max: say('가장 큰 값을 고릅니다', 'takes the largest value'),
  group: say('값을 모두 1로 하여 그룹만 남깁니다', 'keeps one series of value 1'),
  stddev: say('표준편차를 계산합니다', 'computes the standard deviation'),
  stdvar: say('분산을 계산합니다', 'computes the variance'),
  topk: say('값이 가장 큰 k개 시리즈를 원래 레이블 그대로 남깁니다', 'keeps the k largest series with their original labels'),
  bottomk: say('값이 가장 작은 k개 시리즈를 원래 레이블 그대로 남깁니다', 'keeps the k smallest series with their original labels'),
  quantile: say('φ-분위수를 계산합니다', 'computes the φ-quantile'),
  count_values: say('같은 값을 가진 시리즈 수를 값별로 셉니다', 'counts the series per distinct value'),
  limitk: say('시리즈 k개를 원래 레이블과 값 그대로 남깁니다 (어느 것인지는 정해져 있지 않습니다)', 'keeps k series with their labels and values (which ones is not specified)'),
  limit_ratio: say('시리즈 중 주어진 비율만큼을 레이블 해시로 골라 그대로 남깁니다', 'keeps the given ratio of the series, picked by a hash of their labels, unchanged'),
};

function aggregation(e: AggregateExpr, inputs: number, outputs: number): Localized {
  const labels = e.grouping.join(', ');
  const scope =
    e.grouping.length === 0 && !e.without
      ? say('모든 입력 시리즈를 하나로 모아', 'Across all input series, into one result without labels, it')
      : e.without
        ? say(`레이블 ${withParticle(labels, '을')} 뺀 나머지 레이블이 같은 시리즈끼리 묶어`, `For each group of series that agree on all labels except ${labels}, it`)
        : say(`${labels} 값의 조합마다 묶어 (다른 레이블은 버리고)`, `For each distinct value of ${labels} (all other labels are dropped), it`);
  return join([
    say(`${scope.ko} ${AGG[e.op].ko}.`, `${scope.en} ${AGG[e.op].en}.`),
    say(`입력 시리즈 ${inputs}개 → 결과 ${outputs}개.`, `${inputs} input series → ${outputs} output series.`),
  ]);
}

function binary(e: BinaryExpr): Localized {
  const lt = exprType(e.lhs);
  const rt = exprType(e.rhs);
  const op = e.op;
  if (lt === 'scalar' && rt === 'scalar') return say(`두 스칼라로 ${op} 연산을 합니다.`, `Computes ${op} of two scalars.`);
  if (lt === 'scalar' || rt === 'scalar') {
    if (isComparisonOp(op) && !e.returnBool) {
      return say(`각 샘플에 "${op}" 비교를 해서 참인 샘플만 남기는 필터입니다 (값은 그대로).`, `Compares every sample with "${op}" and keeps only those where it holds: a filter, values unchanged.`);
    }
    if (isComparisonOp(op)) return say(`각 샘플에 "${op}" 비교를 해서 참이면 1, 거짓이면 0을 냅니다.`, `Compares every sample with "${op}" and yields 1 where it holds, 0 where not.`);
    return say(`각 샘플 값에 스칼라와 ${op} 연산을 합니다. 메트릭 이름은 빠집니다.`, `Applies ${op} with the scalar to every sample; the metric name is dropped.`);
  }
  const vm = e.matching;
  const on = vm && vm.on ? `on(${vm.matchingLabels.join(', ')})` : vm && vm.matchingLabels.length ? `ignoring(${vm.matchingLabels.join(', ')})` : '';
  const how = on
    ? say(`${on} 기준으로 레이블이 같은 시리즈끼리 짝짓습니다.`, `Series are paired when their labels agree under ${on}.`)
    : say('메트릭 이름을 뺀 모든 레이블이 같은 시리즈끼리 짝짓습니다.', 'Series are paired when all their labels except the metric name agree.');
  if (isSetOp(op)) {
    const what: Record<string, Localized> = {
      and: say('왼쪽 시리즈 중 오른쪽에 짝이 있는 것만 남깁니다.', 'Keeps the left series that have a partner on the right.'),
      or: say('왼쪽 시리즈 전부와, 왼쪽에 짝이 없는 오른쪽 시리즈를 합칩니다.', 'Keeps all left series plus the right series without a partner on the left.'),
      unless: say('왼쪽 시리즈 중 오른쪽에 짝이 없는 것만 남깁니다.', 'Keeps the left series that have no partner on the right.'),
    };
    return join([what[op], how]);
  }
  const card =
    vm?.card === 'many-to-one'
      ? say('group_left: 왼쪽 여러 시리즈가 오른쪽 한 시리즈와 짝지어질 수 있습니다.', 'group_left: many left series may pair with one right series.')
      : vm?.card === 'one-to-many'
        ? say('group_right: 오른쪽 여러 시리즈가 왼쪽 한 시리즈와 짝지어질 수 있습니다.', 'group_right: many right series may pair with one left series.')
        : say('일대일 매칭: 한쪽에 같은 짝이 둘 이상이면 오류입니다.', 'One-to-one: a signature with more than one series on a side is an error.');
  const act = isComparisonOp(op)
    ? e.returnBool
      ? say(`짝마다 "${op}" 비교 결과를 1/0으로 냅니다.`, `For each pair it yields 1 or 0 for "${op}".`)
      : say(`짝마다 "${op}" 비교가 참인 왼쪽 샘플만 남깁니다.`, `For each pair it keeps the left sample where "${op}" holds.`)
    : say(`짝마다 왼쪽 ${op} 오른쪽을 계산합니다. 짝이 없는 시리즈는 결과에서 빠집니다.`, `For each pair it computes left ${op} right; series without a partner drop out.`);
  return join([how, card, act]);
}

/**
 * The paragraph for one node; `inputs` is the series count of its vector input, `outputs` its own, `lookback` the
 * lookback delta (ms): how far back an instant selector looks for a sample.
 */
export function explainText(e: Expr, inputs: number, outputs: number, lookback: number): Localized {
  switch (e.type) {
    case 'VectorSelector': {
      const within = formatDuration(lookback);
      return join([
        say(`레이블이 ${matchers(e)}에 맞는 시리즈마다 ${within} 이내의 가장 최근 샘플 하나를 고릅니다 (instant vector).`, `Selects, for every series whose labels match ${matchers(e)}, its latest sample at most ${within} old (an instant vector).`),
        ...modifiers(e),
        say(`맞는 시리즈 ${outputs}개.`, `${outputs} series match.`),
      ]);
    }
    case 'MatrixSelector':
      return join([
        say(`레이블이 ${matchers(e.vectorSelector)}에 맞는 시리즈마다 지난 ${formatDuration(e.range)} 동안의 모든 샘플을 고릅니다 (range vector). rate() 같은 함수의 입력입니다.`, `Selects, for every series whose labels match ${matchers(e.vectorSelector)}, all its samples of the last ${formatDuration(e.range)} (a range vector): the input of functions like rate().`),
        ...modifiers(e.vectorSelector),
      ]);
    case 'SubqueryExpr':
      return join([
        say(`${formatExpr(e.expr)}를 지난 ${formatDuration(e.range)} 동안 ${e.step ? formatDuration(e.step) : '기본 평가 간격'}마다 평가해 range vector로 만듭니다.`, `Evaluates ${formatExpr(e.expr)} every ${e.step ? formatDuration(e.step) : 'default evaluation interval'} over the last ${formatDuration(e.range)}, giving a range vector.`),
        ...modifiers(e),
      ]);
    case 'NumberLiteral':
      return say('숫자 상수(스칼라)입니다.', 'A number literal (a scalar).');
    case 'StringLiteral':
      return say('문자열 상수입니다.', 'A string literal.');
    case 'Call': {
      const known = FUNCTION_TEXT[e.func.name];
      const type = documentedType(e.func.returnType);
      return join([
        known ?? say(`함수 ${e.func.name}()를 부릅니다.`, `Calls the function ${e.func.name}().`),
        say(`결과는 ${type}입니다.`, `It returns a ${type}.`),
      ]);
    }
    case 'AggregateExpr':
      return aggregation(e, inputs, outputs);
    case 'BinaryExpr':
      return binary(e);
    case 'UnaryExpr':
      return e.op === '-' ? say('각 값의 부호를 바꿉니다.', 'Negates every value.') : say('값을 그대로 둡니다.', 'Leaves the values as they are.');
    case 'ParenExpr':
      return say('괄호는 묶기만 합니다. 결과는 안쪽 식과 같습니다.', 'Parentheses only group; the result is the inner expression\'s.');
  }
}
