// "Did you mean …?" for a metric name that was never scraped: ranks the known names by how many of the
// name's `_`-separated words they share (allowing a typo per word), the shared prefix and unit suffix, and
// the edit distance of the whole name.

import { METRIC_NAME } from '../model/labels/labels.ts';
import { children, type Expr } from '../promql/parser/ast.ts';

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

function words(name: string): string[] {
  return name.split(/[_:]+/).filter((w) => w !== '');
}

/** 1 for the same word, 0.7 for a word one typo away (words of 4+ letters), else 0. */
function wordMatch(a: string, b: string): number {
  if (a === b) return 1;
  if (Math.min(a.length, b.length) >= 4 && editDistance(a, b) === 1) return 0.7;
  return 0;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** How close `candidate` is to `wanted`, in [0, 1]. */
export function nameSimilarity(wanted: string, candidate: string): number {
  const ws = words(wanted);
  const cs = words(candidate);
  if (ws.length === 0 || cs.length === 0) return 0;
  let shared = 0;
  for (const w of ws) shared += Math.max(...cs.map((c) => wordMatch(w, c)));
  const coverage = shared / ws.length;
  const precision = shared / cs.length;
  const prefix = commonPrefix(wanted, candidate) / wanted.length;
  const suffix = wordMatch(ws[ws.length - 1], cs[cs.length - 1]);
  const whole = 1 - editDistance(wanted, candidate) / Math.max(wanted.length, candidate.length);
  return 0.45 * coverage + 0.15 * precision + 0.15 * prefix + 0.1 * suffix + 0.15 * whole;
}

/** Known names close to `wanted`, best first. */
export function suggestNames(wanted: string, known: readonly string[], limit = 5): string[] {
  const scored: { name: string; score: number }[] = [];
  for (const name of known) {
    if (name === wanted) continue;
    const score = nameSimilarity(wanted, name);
    if (score >= 0.5) scored.push({ name, score });
  }
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** Metric names the expression selects by equality (`name`, `{__name__="name"}`) that are not in `known`. */
export function unknownMetricNames(expr: Expr, known: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.type === 'VectorSelector') {
      const m = e.matchers.find((x) => x.name === METRIC_NAME && x.type === '=');
      if (m && !known.has(m.value)) out.add(m.value);
    }
    children(e).forEach(walk);
  };
  walk(expr);
  return [...out];
}
