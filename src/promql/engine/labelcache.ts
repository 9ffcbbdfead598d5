// Label work memoised per label-set object. A series keeps one Labels object across all steps of a query, and
// the head keeps it across queries, so keys and derived label sets are computed once per series.

import { METRIC_NAME, labelsKey, type Labels } from '../../model/labels/labels.ts';

const keys = new WeakMap<Labels, string>();
const marked = new WeakSet<Labels>();
const markedCopies = new WeakMap<Labels, Labels>();
const withoutName = new WeakMap<Labels, Labels>();

/** labelsKey, computed once per label-set object. */
export function keyOf(ls: Labels): string {
  let k = keys.get(ls);
  if (k === undefined) keys.set(ls, (k = labelsKey(ls)));
  return k;
}

const hasName = (ls: Labels): boolean => ls.some((l) => l.name === METRIC_NAME);

/**
 * Delayed `__name__` removal, as Prometheus 3 does it: an operation that drops the name only marks the label
 * set, so label_replace can still read the name and `by (__name__)` can still group on it; the name goes when
 * the query's result is built (finalLabels). Returns a marked label set, the same object for the same input.
 */
export function dropName(ls: Labels): Labels {
  if (marked.has(ls) || !hasName(ls)) return ls;
  let out = markedCopies.get(ls);
  if (out === undefined) {
    out = [...ls];
    marked.add(out);
    markedCopies.set(ls, out);
  }
  return out;
}

/** Marks a freshly built label set for name removal when `drop` holds; returns it. */
export function markNameDropped(ls: Labels, drop: boolean): Labels {
  if (drop && hasName(ls)) marked.add(ls);
  return ls;
}

export function isNameDropped(ls: Labels): boolean {
  return marked.has(ls);
}

/** The name and the type-and-unit metadata labels that describe it, which go with it. */
export const NAME_LABELS: readonly string[] = [METRIC_NAME, '__type__', '__unit__'];

/** The label set as the query returns it: without `__name__` (and `__type__`, `__unit__`) when an operation dropped it. */
export function finalLabels(ls: Labels): Labels {
  if (!marked.has(ls)) return ls;
  let out = withoutName.get(ls);
  if (out === undefined) withoutName.set(ls, (out = ls.filter((l) => !NAME_LABELS.includes(l.name))));
  return out;
}

/**
 * A memo per label-set object and per operation, where an operation is what `spec` says of a query node (e.g. a
 * vector matching's labels): the same operation in a later query, parsed again, finds what an earlier one
 * worked out for the same series of the head.
 */
export class PerSeriesMemo<K extends object, V> {
  private readonly bySpec = new Map<string, WeakMap<Labels, V>>();
  private readonly byNode = new WeakMap<K, WeakMap<Labels, V>>();

  constructor(private readonly spec: (node: K) => string) {}

  get(node: K, ls: Labels): V | undefined {
    return this.memo(node).get(ls);
  }

  set(node: K, ls: Labels, v: V): void {
    this.memo(node).set(ls, v);
  }

  private memo(node: K): WeakMap<Labels, V> {
    let m = this.byNode.get(node);
    if (!m) {
      const spec = this.spec(node);
      m = this.bySpec.get(spec);
      if (!m) this.bySpec.set(spec, (m = new WeakMap()));
      this.byNode.set(node, m);
    }
    return m;
  }
}
