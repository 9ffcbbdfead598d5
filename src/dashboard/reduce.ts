// Reducers that turn a series into one number (options.reduceOptions.calcs), with Grafana's calculation ids.

export const CALCS = ['lastNotNull', 'last', 'firstNotNull', 'first', 'mean', 'min', 'max', 'sum', 'count', 'range', 'diff'] as const;
export type Calc = (typeof CALCS)[number];

export function isCalc(s: string): s is Calc {
  return (CALCS as readonly string[]).includes(s);
}

/** Grafana 6 singlestat/gauge `valueName`s and the calcs Grafana migrates them to. */
export const LEGACY_VALUE_NAMES: Record<string, Calc> = {
  current: 'lastNotNull',
  avg: 'mean',
  first: 'firstNotNull',
  total: 'sum',
  min: 'min',
  max: 'max',
  range: 'range',
  diff: 'diff',
  last: 'last',
};

/** The calc over `values` (NaN stands for a missing point); NaN when there is nothing to reduce. */
export function reduce(values: readonly number[], calc: Calc): number {
  const present = values.filter((v) => Number.isFinite(v));
  switch (calc) {
    case 'last':
      return values.length ? values[values.length - 1] : NaN;
    case 'first':
      return values.length ? values[0] : NaN;
    case 'lastNotNull':
      return present.length ? present[present.length - 1] : NaN;
    case 'firstNotNull':
      return present.length ? present[0] : NaN;
    case 'count':
      return values.length;
    case 'sum':
      return present.reduce((a, b) => a + b, 0);
    case 'mean':
      return present.length ? present.reduce((a, b) => a + b, 0) / present.length : NaN;
    case 'min':
      return present.length ? Math.min(...present) : NaN;
    case 'max':
      return present.length ? Math.max(...present) : NaN;
    case 'range':
      return present.length ? Math.max(...present) - Math.min(...present) : NaN;
    case 'diff':
      return present.length ? present[present.length - 1] - present[0] : NaN;
  }
}
