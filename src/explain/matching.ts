// Which series of a vector-to-vector binary operation found a partner on the other side, and why the others did
// not: the match signature is the label set left after `on(...)` keeps or `ignoring(...)` drops labels.

import { METRIC_NAME, labelsKey, type Labels } from '../model/labels/labels.ts';
import type { Sample, VectorMatching } from '../promql/index.ts';

export interface MatchedPair {
  readonly signature: Labels;
  readonly lhs: Labels[];
  readonly rhs: Labels[];
}

export interface MatchReport {
  /** Signatures with series on both sides. */
  readonly matched: MatchedPair[];
  /** Series without a partner on the other side, with their signature. */
  readonly unmatchedLeft: { labels: Labels; signature: Labels }[];
  readonly unmatchedRight: { labels: Labels; signature: Labels }[];
  /** Signatures where the side that must be "one" holds several series: the operation fails for them. */
  readonly manyOnOneSide: MatchedPair[];
}

export function matchSignature(metric: Labels, vm: VectorMatching): Labels {
  return vm.on
    ? metric.filter((l) => vm.matchingLabels.includes(l.name))
    : metric.filter((l) => l.name !== METRIC_NAME && !vm.matchingLabels.includes(l.name));
}

export function matchReport(lhs: readonly Sample[], rhs: readonly Sample[], vm: VectorMatching, setOp: boolean): MatchReport {
  const groups = new Map<string, { signature: Labels; lhs: Labels[]; rhs: Labels[] }>();
  const add = (s: Sample, side: 'lhs' | 'rhs') => {
    const signature = matchSignature(s.metric, vm);
    const key = labelsKey(signature);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { signature, lhs: [], rhs: [] }));
    g[side].push(s.metric);
  };
  for (const s of lhs) add(s, 'lhs');
  for (const s of rhs) add(s, 'rhs');
  const all = [...groups.values()];
  const both = all.filter((g) => g.lhs.length > 0 && g.rhs.length > 0);
  // Set operators (and, or, unless) are many-to-many; otherwise the "one" side must be unique per signature.
  const tooMany = (g: MatchedPair) =>
    !setOp &&
    ((vm.card === 'one-to-one' && (g.lhs.length > 1 || g.rhs.length > 1)) ||
      (vm.card === 'many-to-one' && g.rhs.length > 1) ||
      (vm.card === 'one-to-many' && g.lhs.length > 1));
  return {
    matched: both.filter((g) => !tooMany(g)),
    manyOnOneSide: both.filter(tooMany),
    unmatchedLeft: all.filter((g) => g.rhs.length === 0).flatMap((g) => g.lhs.map((labels) => ({ labels, signature: g.signature }))),
    unmatchedRight: all.filter((g) => g.lhs.length === 0).flatMap((g) => g.rhs.map((labels) => ({ labels, signature: g.signature }))),
  };
}
