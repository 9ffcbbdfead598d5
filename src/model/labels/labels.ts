// Label sets as in Prometheus' model/labels: a list of name/value pairs sorted by name.

export interface Label {
  readonly name: string;
  readonly value: string;
}

export type Labels = readonly Label[];

export const METRIC_NAME = '__name__';

const SEP = '\xff';

/** Builds a sorted label set; empty values are dropped, as Prometheus treats `a=""` as an absent label. */
export function labelsFromRecord(rec: Record<string, string>): Labels {
  return Object.keys(rec)
    .filter((k) => rec[k] !== '')
    .sort()
    .map((name) => ({ name, value: rec[name] }));
}

/** A label set from an exposition's metric name and its labels (in any order). */
export function labelsFromPairs(name: string, pairs: readonly (readonly [string, string])[]): Labels {
  const out: Label[] = name === '' ? [] : [{ name: METRIC_NAME, value: name }];
  for (const [n, v] of pairs) if (v !== '' && n !== METRIC_NAME) out.push({ name: n, value: v });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The label set with strings that own their characters. A label read out of a scrape body or a file is a V8
 * slice of that text and would keep all of it alive; the head copies each series' labels once, at creation.
 */
export function ownLabels(ls: Labels): Labels {
  return ls.map((l) => ({ name: ownString(l.name), value: ownString(l.value) }));
}

// Concatenating makes a new string; slicing it copies (short) or flattens it into a fresh one (long).
const ownString = (s: string): string => (' ' + s).slice(1);

export function labelsToRecord(ls: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of ls) out[l.name] = l.value;
  return out;
}

export function getLabel(ls: Labels, name: string): string {
  for (const l of ls) if (l.name === name) return l.value;
  return '';
}

/** A string that identifies the label set; equal sets give equal keys. */
export function labelsKey(ls: Labels): string {
  let s = '';
  for (const l of ls) s += l.name + SEP + l.value + SEP;
  return s;
}

export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i].name !== b[i].name) return a[i].name < b[i].name ? -1 : 1;
    if (a[i].value !== b[i].value) return a[i].value < b[i].value ? -1 : 1;
  }
  return a.length - b.length;
}

/** Prometheus' `{a="b", c="d"}` rendering, with the metric name in front when present. */
export function formatLabels(ls: Labels): string {
  const name = getLabel(ls, METRIC_NAME);
  const rest = ls.filter((l) => l.name !== METRIC_NAME);
  const inner = rest.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ');
  if (name && rest.length === 0) return name;
  return `${name}{${inner}}`;
}

/** Incremental editor, like labels.Builder: set/delete then labels(). */
export class LabelsBuilder {
  private readonly m = new Map<string, string>();

  constructor(base: Labels = []) {
    for (const l of base) this.m.set(l.name, l.value);
  }

  get(name: string): string {
    return this.m.get(name) ?? '';
  }

  set(name: string, value: string): this {
    if (value === '') this.m.delete(name);
    else this.m.set(name, value);
    return this;
  }

  del(name: string): this {
    this.m.delete(name);
    return this;
  }

  has(name: string): boolean {
    return this.m.has(name);
  }

  names(): string[] {
    return [...this.m.keys()];
  }

  labels(): Labels {
    return [...this.m.keys()].sort().map((name) => ({ name, value: this.m.get(name)! }));
  }
}
