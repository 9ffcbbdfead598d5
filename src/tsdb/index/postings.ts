// Postings: for each label pair, the sorted list of series refs that carry it (Prometheus' tsdb/index/postings.go).

import type { Labels } from '../../model/labels/labels.ts';

export class MemPostings {
  private readonly m = new Map<string, Map<string, number[]>>();
  private all: number[] = [];

  add(ref: number, ls: Labels): void {
    insertSorted(this.all, ref);
    for (const l of ls) {
      let values = this.m.get(l.name);
      if (!values) this.m.set(l.name, (values = new Map()));
      let list = values.get(l.value);
      if (!list) values.set(l.value, (list = []));
      insertSorted(list, ref);
    }
  }

  /** Removes dropped series; `labels` gives each one's label set so only its lists are rewritten. */
  delete(dropped: ReadonlyMap<number, Labels>): void {
    if (dropped.size === 0) return;
    this.all = this.all.filter((r) => !dropped.has(r));
    const touched = new Set<string>();
    for (const ls of dropped.values()) {
      for (const l of ls) {
        const key = `${l.name}\xff${l.value}`;
        if (touched.has(key)) continue;
        touched.add(key);
        const values = this.m.get(l.name)!;
        const kept = values.get(l.value)!.filter((r) => !dropped.has(r));
        if (kept.length) values.set(l.value, kept);
        else values.delete(l.value);
        if (values.size === 0) this.m.delete(l.name);
      }
    }
  }

  get(name: string, value: string): readonly number[] {
    return this.m.get(name)?.get(value) ?? [];
  }

  allPostings(): readonly number[] {
    return this.all;
  }

  labelNames(): string[] {
    return [...this.m.keys()].sort();
  }

  labelValues(name: string): string[] {
    return [...(this.m.get(name)?.keys() ?? [])].sort();
  }

  /** Every value of `name` with its postings list. */
  values(name: string): IterableIterator<[string, number[]]> {
    return (this.m.get(name) ?? new Map<string, number[]>()).entries();
  }

  /** Like MemPostings.Stats: where the index's series and label bytes go, top `limit` of each, for /tsdb-status. */
  stats(metricLabel: string, limit: number): PostingsStats {
    const byMetric: Count[] = [];
    const valueCounts: Count[] = [];
    const memory: Count[] = [];
    const pairs: Count[] = [];
    for (const [name, values] of this.m) {
      valueCounts.push({ name, value: values.size });
      let bytes = 0;
      for (const [value, list] of values) {
        if (name === metricLabel) byMetric.push({ name: value, value: list.length });
        pairs.push({ name: `${name}=${value}`, value: list.length });
        bytes += value.length * list.length;
      }
      memory.push({ name, value: bytes });
    }
    const top = (xs: Count[]) => xs.sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : 1)).slice(0, limit);
    return {
      seriesCountByMetricName: top(byMetric),
      labelValueCountByLabelName: top(valueCounts),
      memoryInBytesByLabelName: top(memory),
      seriesCountByLabelValuePair: top(pairs),
    };
  }
}

export interface Count {
  readonly name: string;
  readonly value: number;
}

/** The field names of Prometheus' /api/v1/status/tsdb. */
export interface PostingsStats {
  readonly seriesCountByMetricName: Count[];
  readonly labelValueCountByLabelName: Count[];
  /** Bytes of label values per label name, each value counted once per series that carries it. */
  readonly memoryInBytesByLabelName: Count[];
  readonly seriesCountByLabelValuePair: Count[];
}

// New refs are always the largest, so this is a push except when a dropped series comes back under its old ref.
function insertSorted(list: number[], ref: number): void {
  if (list.length === 0 || list[list.length - 1] < ref) {
    list.push(ref);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < ref) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== ref) list.splice(lo, 0, ref);
}

export function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

/** The sorted union of sorted lists. */
export function merge(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return [...lists[0]];
  let total = 0;
  for (const l of lists) total += l.length;
  // A typed array sorts numbers natively, far faster than a k-way merge or Array#sort with a comparator.
  const all = new Float64Array(total);
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return out;
}

export function without(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const r of a) {
    while (j < b.length && b[j] < r) j++;
    if (j < b.length && b[j] === r) continue;
    out.push(r);
  }
  return out;
}
