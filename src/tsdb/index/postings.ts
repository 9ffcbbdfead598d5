// Postings: for each label pair, the sorted list of series refs that carry it (Prometheus' tsdb/index/postings.go).

import type { Labels } from '../labels/labels.ts';

export class MemPostings {
  private readonly m = new Map<string, Map<string, number[]>>();
  private readonly all: number[] = [];

  add(ref: number, ls: Labels): void {
    // Refs are handed out in increasing order, so pushing keeps every list sorted.
    this.all.push(ref);
    for (const l of ls) {
      let values = this.m.get(l.name);
      if (!values) this.m.set(l.name, (values = new Map()));
      let list = values.get(l.value);
      if (!list) values.set(l.value, (list = []));
      list.push(ref);
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

export function merge(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 1) return [...lists[0]];
  const set = new Set<number>();
  for (const l of lists) for (const r of l) set.add(r);
  return [...set].sort((x, y) => x - y);
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
