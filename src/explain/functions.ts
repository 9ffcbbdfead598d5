// One-sentence descriptions of PromQL functions, in Korean and English, after Prometheus' function documentation.
// Functions not listed get a description built from their signature.

import { withParticle } from '../i18n/particles.ts';
import type { Localized } from '../i18n/localized.ts';

// The date functions read each sample's value as a Unix time (or the evaluation time, without an argument).
const dateFn = (ko: string, en: string): Localized => ({
  ko: `각 샘플 값을 Unix 시각(UTC)으로 보고 ${withParticle(ko, '을')} 돌려줍니다. 인자가 없으면 평가 시각을 씁니다.`,
  en: `Reads each sample value as a Unix time (UTC) and returns its ${en}; without an argument it uses the evaluation time.`,
});

const mathFn = (ko: string, en: string): Localized => ({ ko: `각 샘플 값의 ${withParticle(ko, '을')} 계산합니다.`, en: `Computes the ${en} of each sample value.` });

// The *_over_time aggregations work on each series' samples in the range.
const overTime = (ko: string, en: string): Localized => ({ ko: `시리즈마다 범위 안 ${ko}`, en: `${en} in the range, per series.` });

const TRIG = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin', 'sinh', 'tan', 'tanh'];

export const FUNCTION_TEXT: Record<string, Localized> = {
  ...Object.fromEntries(TRIG.map((f) => [f, mathFn(`${f} (라디안)`, `${f} (in radians)`)])),
  exp: mathFn('지수 함수 eˣ', 'exponential eˣ'),
  ln: mathFn('자연로그', 'natural logarithm'),
  log2: mathFn('밑이 2인 로그', 'base-2 logarithm'),
  log10: mathFn('밑이 10인 로그', 'base-10 logarithm'),
  sqrt: mathFn('제곱근', 'square root'),
  sgn: mathFn('부호(1, 0, -1)', 'sign (1, 0 or -1)'),
  deg: mathFn('라디안→도 변환', 'conversion from radians to degrees'),
  rad: mathFn('도→라디안 변환', 'conversion from degrees to radians'),
  pi: { ko: '원주율 π를 스칼라로 돌려줍니다.', en: 'Returns π as a scalar.' },
  minute: dateFn('분(0–59)', 'minute (0–59)'),
  hour: dateFn('시(0–23)', 'hour (0–23)'),
  day_of_week: dateFn('요일(0=일요일–6)', 'day of the week (0 = Sunday … 6)'),
  day_of_month: dateFn('일(1–31)', 'day of the month (1–31)'),
  day_of_year: dateFn('연중 일자(1–366)', 'day of the year (1–366)'),
  days_in_month: dateFn('그 달의 날 수(28–31)', 'number of days in the month (28–31)'),
  month: dateFn('월(1–12)', 'month (1–12)'),
  year: dateFn('연도', 'year'),
  clamp: { ko: '각 값을 [최솟값, 최댓값] 범위 안으로 자릅니다.', en: 'Clamps each value into [min, max].' },
  absent_over_time: {
    ko: '범위 안에 샘플이 하나도 없으면 값이 1인 시리즈 하나를, 있으면 빈 결과를 돌려줍니다.',
    en: 'Returns one series with value 1 if the range holds no sample at all, and nothing otherwise.',
  },
  present_over_time: { ko: '범위 안에 샘플이 있는 시리즈마다 값 1을 돌려줍니다.', en: 'Returns 1 for every series that has a sample in the range.' },
  first_over_time: overTime('첫 샘플을 고릅니다.', 'Takes the first sample'),
  stddev_over_time: overTime('샘플의 표준편차를 계산합니다.', 'Computes the standard deviation of the samples'),
  stdvar_over_time: overTime('샘플의 분산을 계산합니다.', 'Computes the variance of the samples'),
  mad_over_time: overTime('샘플의 중앙값 절대 편차를 계산합니다.', 'Computes the median absolute deviation of the samples'),
  double_exponential_smoothing: {
    ko: '범위 안 샘플을 평활 계수와 추세 계수로 이중 지수 평활해 다듬은 값을 냅니다. 게이지에 씁니다.',
    en: 'Smooths the samples in the range by double exponential smoothing with the given smoothing and trend factors. Use it on gauges.',
  },
  histogram_fraction: {
    ko: '히스토그램에서 두 경계 사이에 든 관측값의 비율을 추정합니다.',
    en: 'Estimates the fraction of observations between the two bounds of a histogram.',
  },
  sort_by_label: { ko: '주어진 레이블 값의 순서로 정렬합니다.', en: 'Sorts by the values of the given labels.' },
  sort_by_label_desc: { ko: '주어진 레이블 값의 역순으로 정렬합니다.', en: 'Sorts by the values of the given labels, descending.' },
  info: {
    ko: '같은 식별 레이블(기본은 instance, job)을 가진 info 메트릭(예: target_info)의 데이터 레이블을 각 시리즈에 붙입니다.',
    en: 'Adds the data labels of info metrics (such as target_info) that share the identifying labels (instance and job by default) to each series.',
  },
  rate: {
    ko: '범위 안 샘플로 초당 평균 증가율을 계산합니다. 카운터 재설정(재시작)을 보정하고 범위 양 끝까지 외삽합니다. 카운터에만 쓰세요.',
    en: 'Computes the per-second average rate of increase over the range, correcting for counter resets (restarts) and extrapolating to the range edges. Use it on counters only.',
  },
  irate: {
    ko: '범위 안의 마지막 두 샘플만으로 초당 증가율을 계산합니다. 빠르게 변하는 카운터의 순간 변화를 보여 줍니다.',
    en: 'Computes the per-second rate from the last two samples in the range only: the instant change of a fast-moving counter.',
  },
  increase: {
    ko: '범위 동안 카운터가 얼마나 늘었는지 계산합니다 (rate × 범위 길이). 재설정을 보정하고 외삽하므로 정수가 아닐 수 있습니다.',
    en: 'Computes how much a counter grew over the range (rate × range length). It corrects resets and extrapolates, so it can be fractional.',
  },
  delta: {
    ko: '범위의 첫 값과 마지막 값의 차이를 (외삽하여) 계산합니다. 게이지에 씁니다.',
    en: 'Computes the difference between the first and last value in the range (extrapolated). Use it on gauges.',
  },
  idelta: { ko: '범위의 마지막 두 샘플의 차이를 계산합니다.', en: 'Computes the difference between the last two samples in the range.' },
  deriv: { ko: '단순 선형 회귀로 게이지의 초당 변화율을 추정합니다.', en: 'Estimates the per-second derivative of a gauge by simple linear regression.' },
  predict_linear: {
    ko: '선형 회귀로 주어진 초만큼 뒤의 값을 예측합니다.',
    en: 'Predicts the value the given number of seconds ahead, by linear regression.',
  },
  resets: { ko: '범위 안에서 카운터가 재설정된 횟수를 셉니다.', en: 'Counts how often the counter reset within the range.' },
  changes: { ko: '범위 안에서 값이 바뀐 횟수를 셉니다.', en: 'Counts how often the value changed within the range.' },
  avg_over_time: overTime('샘플의 평균을 냅니다.', 'Averages the samples'),
  sum_over_time: overTime('샘플을 더합니다.', 'Sums the samples'),
  min_over_time: overTime('가장 작은 값을 고릅니다.', 'Takes the smallest sample'),
  max_over_time: overTime('가장 큰 값을 고릅니다.', 'Takes the largest sample'),
  count_over_time: overTime('샘플 수를 셉니다.', 'Counts the samples'),
  last_over_time: overTime('마지막 샘플을 고릅니다.', 'Takes the last sample'),
  quantile_over_time: overTime('샘플의 φ-분위수를 계산합니다.', 'Computes the φ-quantile of the samples'),
  histogram_quantile: {
    ko: '클래식 히스토그램의 _bucket 시리즈(le 레이블)에서 φ-분위수를 추정합니다. 버킷 안에서는 선형 보간합니다. le를 뺀 레이블이 같은 버킷끼리 한 히스토그램이 됩니다.',
    en: 'Estimates the φ-quantile from a classic histogram\'s _bucket series (the le label), interpolating linearly inside a bucket. Buckets whose labels other than le agree form one histogram.',
  },
  abs: { ko: '각 샘플 값을 절댓값으로 바꿉니다.', en: 'Replaces each sample value by its absolute value.' },
  ceil: { ko: '각 값을 올림합니다.', en: 'Rounds each value up.' },
  floor: { ko: '각 값을 내림합니다.', en: 'Rounds each value down.' },
  round: { ko: '각 값을 가장 가까운 정수(또는 주어진 단위)로 반올림합니다.', en: 'Rounds each value to the nearest integer (or multiple of the given unit).' },
  clamp_min: { ko: '주어진 값보다 작은 값을 그 값으로 올립니다.', en: 'Raises values below the given minimum to it.' },
  clamp_max: { ko: '주어진 값보다 큰 값을 그 값으로 내립니다.', en: 'Lowers values above the given maximum to it.' },
  absent: {
    ko: '입력 벡터가 비어 있으면 값이 1인 시리즈 하나를, 아니면 빈 결과를 돌려줍니다. "이 시리즈가 사라졌나?" 알림에 씁니다.',
    en: 'Returns one series with value 1 if the input vector is empty, and nothing otherwise: the building block of "this series is gone" alerts.',
  },
  time: { ko: '평가 시각을 Unix 초로 돌려줍니다.', en: 'Returns the evaluation time in Unix seconds.' },
  timestamp: { ko: '각 샘플의 타임스탬프를 Unix 초로 돌려줍니다.', en: 'Returns the timestamp of each sample in Unix seconds.' },
  vector: { ko: '스칼라를 레이블 없는 시리즈 하나로 바꿉니다.', en: 'Turns a scalar into one series without labels.' },
  scalar: {
    ko: '시리즈가 정확히 하나면 그 값을, 아니면 NaN을 스칼라로 돌려줍니다.',
    en: 'Returns the value of the only series as a scalar, or NaN when there is not exactly one.',
  },
  sort: { ko: '값이 작은 것부터 정렬합니다 (즉시 쿼리에서만 의미가 있습니다).', en: 'Sorts by value, ascending (meaningful in instant queries only).' },
  sort_desc: { ko: '값이 큰 것부터 정렬합니다.', en: 'Sorts by value, descending.' },
  label_replace: {
    ko: '원본 레이블 값에 정규식을 맞춰, 맞으면 대상 레이블을 치환 문자열로 설정합니다.',
    en: 'Matches a regex against a source label and, if it matches, sets the destination label to the replacement.',
  },
  label_join: { ko: '여러 레이블 값을 구분자로 이어 새 레이블에 넣습니다.', en: 'Joins several label values with a separator into a new label.' },
};
