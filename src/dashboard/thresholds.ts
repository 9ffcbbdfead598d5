// Which threshold step a value falls in: the last step whose value is at or below it (the base step has null).

import { cssColor } from './colors.ts';
import type { Thresholds } from './model.ts';

/** Grafana's default: green, red from 80. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  mode: 'absolute',
  steps: [
    { color: 'green', value: null },
    { color: 'red', value: 80 },
  ],
};

/** The step colour for `v` (percentage mode measures v within [min, max]); the base colour for NaN. */
export function thresholdColor(v: number, t: Thresholds, min = 0, max = 100): string {
  const x = t.mode === 'percentage' ? ((v - min) / (max - min || 1)) * 100 : v;
  let color = t.steps[0]?.color ?? 'green';
  for (const s of t.steps) {
    if (s.value === null || (Number.isFinite(x) && x >= s.value)) color = s.color;
  }
  return cssColor(color) ?? cssColor('text')!;
}
