// Label work memoised per label-set object. A series keeps one Labels object across all steps of a query,
// so keys and derived label sets are computed once per series instead of once per step.

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

/** A memo keyed by a node of the query (e.g. its VectorMatching) and a label-set object. */
export class PerSeriesMemo<K extends object, V> {
  private readonly byNode = new WeakMap<K, WeakMap<Labels, V>>();

  get(node: K, ls: Labels): V | undefined {
    return this.byNode.get(node)?.get(ls);
  }

  set(node: K, ls: Labels, v: V): void {
    let m = this.byNode.get(node);
    if (!m) this.byNode.set(node, (m = new WeakMap()));
    m.set(ls, v);
  }
}
