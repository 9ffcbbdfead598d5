// One value per series for stat, gauge, bar gauge and table panels: the panel's calc over the range, formatted in
// its unit and coloured by its thresholds. A stat whose reduceOptions.fields names a label (the book's Version,
// Architecture and OS Type panels read engine_daemon_engine_info as a table) shows that label's value instead.

import { getLabel } from '../model/labels/labels.ts';
import type { Panel } from './model.ts';
import type { PanelData } from './query.ts';
import { isCalc, reduce, type Calc } from './reduce.ts';
import { DEFAULT_THRESHOLDS, thresholdColor } from './thresholds.ts';
import { formatUnit } from './units.ts';

export interface DisplayValue {
  name: string;
  /** NaN for text values and empty series. */
  value: number;
  /** null when the series has no points in the range ("No data"). */
  text: string | null;
  color: string;
}

/** The label a `/^name$/`-style fields matcher selects among `names`, or null for numeric fields. */
export function fieldLabel(fields: string | undefined, names: readonly string[]): string | null {
  if (!fields) return null;
  const m = /^\/(.*)\/([a-z]*)$/.exec(fields);
  const re = m ? new RegExp(m[1], m[2]) : null;
  return names.find((n) => (re ? re.test(n) : n === fields)) ?? null;
}

export function panelCalc(panel: Panel): Calc {
  const c = panel.options?.reduceOptions?.calcs?.[0];
  return c && isCalc(c) ? c : 'lastNotNull';
}

export function displayValues(panel: Panel, data: PanelData): DisplayValue[] {
  const d = panel.fieldConfig?.defaults ?? {};
  const thresholds = d.thresholds ?? DEFAULT_THRESHOLDS;
  const calc = panelCalc(panel);
  const fields = panel.options?.reduceOptions?.fields;
  return data.series.map((s) => {
    const label = fieldLabel(fields, s.labels.map((l) => l.name));
    if (label !== null) return { name: s.name, value: NaN, text: getLabel(s.labels, label), color: thresholdColor(NaN, thresholds) };
    const value = reduce(s.v, calc);
    return { name: s.name, value, text: Number.isNaN(value) ? null : formatUnit(value, d.unit, d.decimals), color: thresholdColor(value, thresholds, d.min, d.max) };
  });
}
