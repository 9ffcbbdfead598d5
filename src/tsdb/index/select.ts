// Which series match a list of matchers (Prometheus' tsdb/querier.go PostingsForMatchers): intersect the
// postings of what must match, subtract the postings of what must not. A matcher that accepts the empty string
// also matches series without the label, so it can only subtract.

import type { Matcher } from '../../model/labels/matcher.ts';
import { intersect, merge, without, type MemPostings } from './postings.ts';

export function postingsForMatchers(index: MemPostings, matchers: readonly Matcher[]): readonly number[] {
  let result: readonly number[] | null = null;
  const subtract: (readonly number[])[] = [];
  for (const m of matchers) {
    if (m.matchesEmpty()) {
      const rejected = valuePostings(index, m, true);
      if (rejected.length) subtract.push(rejected);
      continue;
    }
    const p = valuePostings(index, m, false);
    result = result === null ? p : intersect(result, p);
    if (result.length === 0) return result;
  }
  let refs = result ?? index.allPostings();
  for (const s of subtract) refs = without(refs, s);
  return refs;
}

// The union of the postings of the label's values that the matcher accepts (or, with `rejected`, refuses).
function valuePostings(index: MemPostings, m: Matcher, rejected: boolean): readonly number[] {
  const wanted = rejected ? m.type === '!=' || m.type === '!~' : m.type === '=' || m.type === '=~';
  if (m.type === '=' || m.type === '!=') {
    // `a="x"` accepts x; `a!="x"` refuses x: either way, only x's list is involved when it is the one wanted.
    if (wanted) return index.get(m.name, m.value);
  } else if (wanted) {
    // A literal alternation (`GET|POST`) is looked up value by value, not matched against every value.
    const set = m.re!.setMatches;
    if (set) return merge(set.map((v) => index.get(m.name, v)));
  }
  const lists: number[][] = [];
  for (const [value, list] of index.values(m.name)) if (m.matches(value) !== rejected) lists.push(list);
  return merge(lists);
}
