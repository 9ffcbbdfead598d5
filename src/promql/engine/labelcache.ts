// Label work memoised per label-set object. A series keeps one Labels object across all steps of a query,
// so keys and derived label sets are computed once per series instead of once per step.

import { METRIC_NAME, labelsKey, type Labels } from '../../labels/labels.ts';

const keys = new WeakMap<Labels, string>();
const withoutName = new WeakMap<Labels, Labels>();

/** labelsKey, computed once per label-set object. */
export function keyOf(ls: Labels): string {
  let k = keys.get(ls);
  if (k === undefined) keys.set(ls, (k = labelsKey(ls)));
  return k;
}

/** The label set without `__name__`; the same object for the same input, so later caches keep hitting. */
export function dropName(ls: Labels): Labels {
  let out = withoutName.get(ls);
  if (out === undefined) {
    out = ls.some((l) => l.name === METRIC_NAME) ? ls.filter((l) => l.name !== METRIC_NAME) : ls;
    withoutName.set(ls, out);
  }
  return out;
}

/** A memo keyed by a node of the query (e.g. its VectorMatching) and a label-set object. */
export class PerSeriesMemo<K extends object, V> {
  private readonly byNode = new WeakMap<K, WeakMap<Labels, V>>();

  get(node: K, ls: Labels, compute: () => V): V {
    let m = this.byNode.get(node);
    if (!m) this.byNode.set(node, (m = new WeakMap()));
    let v = m.get(ls);
    if (v === undefined) m.set(ls, (v = compute()));
    return v;
  }
}
