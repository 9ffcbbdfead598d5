// Comparing a learner's result with the reference result the way a reader compares two tables: by values, and
// by labels only where they matter. Without `labelsMatter`, the labels that matter are the ones that keep the
// reference's series apart (a single-series result is judged on its value alone, so `sum(x)` and
// `sum(x) without(instance)` are the same answer). When they differ, the verdict says how: the series count and
// the label that splits or merges series, a label set, or a value.

import { formatLabels, labelsKey, labelsToRecord, type Labels } from '../model/labels/labels.ts';
import type { Value } from '../promql/index.ts';

interface Row {
  readonly labels: Record<string, string>;
  readonly key: string;
  readonly text: string;
  readonly v: number;
}

export interface Difference {
  readonly reason: string;
  readonly params: Readonly<Record<string, string | number>>;
}

function rows(v: Value): Row[] {
  const one = (ls: Labels, x: number): Row => ({ labels: labelsToRecord(ls), key: labelsKey(ls), text: formatLabels(ls), v: x });
  if (v.type === 'vector') return v.samples.map((s) => one(s.metric, s.v));
  if (v.type === 'scalar') return [{ labels: {}, key: '{}', text: '{}', v: v.v }];
  return [];
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const round = (x: number): string => String(Math.round(x * 1000) / 1000);

/** Labels whose value differs between the series (a missing label counts as ""); `__name__` never matters. */
export function apartLabels(rs: readonly { labels: Record<string, string> }[]): string[] {
  const names = new Set(rs.flatMap((r) => Object.keys(r.labels)));
  names.delete('__name__');
  return [...names].filter((n) => new Set(rs.map((r) => r.labels[n] ?? '')).size > 1).sort();
}

/** Null when `actual` answers like `expected`; otherwise what differs. */
export function compareResults(actual: Value, expected: Value, labelsMatter: boolean): Difference | null {
  const got = rows(actual);
  const want = rows(expected);
  const wantApart = apartLabels(want);
  if (got.length !== want.length) {
    // More series: a label the reference does not split by keeps them apart. Fewer: a label it splits by was summed away.
    const gotApart = apartLabels(got);
    const split = got.length > want.length ? gotApart.find((n) => !wantApart.includes(n)) : wantApart.find((n) => !gotApart.includes(n));
    const params = { have: got.length, want: want.length };
    if (split === undefined) return { reason: 'answer.count', params };
    return { reason: got.length > want.length ? 'answer.tooMany' : 'answer.tooFew', params: { ...params, label: split } };
  }
  const keyOf = (r: Row): string => (labelsMatter ? r.key : JSON.stringify(wantApart.map((n) => r.labels[n] ?? '')));
  const byKey = new Map(got.map((r) => [keyOf(r), r]));
  for (const w of want) {
    const g = byKey.get(keyOf(w));
    if (g === undefined) {
      const other = got.find((r) => !want.some((x) => keyOf(x) === keyOf(r)));
      if (labelsMatter) return { reason: 'answer.labelsDiffer', params: { want: w.text, have: other?.text ?? '' } };
      const label = wantApart.find((n) => !got.some((r) => r.labels[n] === w.labels[n])) ?? wantApart[0];
      return { reason: 'answer.apart', params: { label, want: w.labels[label] ?? '' } };
    }
    // The reference value stays hidden: it would be an answer in itself (`vector(3)`).
    if (!close(g.v, w.v)) return { reason: want.length === 1 ? 'answer.value' : 'answer.seriesValue', params: { series: g.text, have: round(g.v) } };
  }
  return null;
}
