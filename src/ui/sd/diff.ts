// What one relabeling step changed: the label set after the step, with the labels it added, changed or
// removed marked, for the relabel visualizer.

import type { Labels } from '../../model/labels/labels.ts';

export type LabelChange = 'added' | 'changed' | 'removed' | 'same';

export interface LabelRow {
  readonly name: string;
  /** The value after the step; for a removed label, the value it had. */
  readonly value: string;
  /** The value before the step when it changed. */
  readonly before?: string;
  readonly change: LabelChange;
}

/** Rows in name order; with no `before` every label is unchanged (the starting label set). */
export function diffLabels(before: Labels | null, after: Labels): LabelRow[] {
  const prev = new Map((before ?? []).map((l) => [l.name, l.value]));
  const rows: LabelRow[] = after.map((l) => {
    if (before === null) return { name: l.name, value: l.value, change: 'same' };
    const old = prev.get(l.name);
    if (old === undefined) return { name: l.name, value: l.value, change: 'added' };
    if (old !== l.value) return { name: l.name, value: l.value, before: old, change: 'changed' };
    return { name: l.name, value: l.value, change: 'same' };
  });
  const names = new Set(after.map((l) => l.name));
  for (const [name, value] of prev) if (!names.has(name)) rows.push({ name, value, change: 'removed' });
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** How many labels a step added, changed and removed. */
export function countChanges(rows: readonly LabelRow[]): Record<Exclude<LabelChange, 'same'>, number> {
  const n = { added: 0, changed: 0, removed: 0 };
  for (const r of rows) if (r.change !== 'same') n[r.change]++;
  return n;
}
