// The fast path of Prometheus' FastRegexMatcher (model/labels/regexp.go): a regex that is only literal strings
// joined by `|` (`GET|POST`, `172\.20\.0\.6:80`) matches exactly that set, so the index can look each one up
// instead of running the regex over every value of the label.

const META = new Set([...'.+*?()[]{}^$|\\']);

/** The strings a fully anchored regex matches when it is a literal alternation, or null when it is not. */
export function literalAlternation(pattern: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '|') {
      out.push(cur);
      cur = '';
    } else if (c === '\\') {
      // Only an escaped metacharacter is a literal; `\d`, `\w` and friends are classes.
      const next = pattern[i + 1];
      if (next === undefined || !META.has(next)) return null;
      cur += next;
      i++;
    } else if (META.has(c)) return null;
    else cur += c;
  }
  out.push(cur);
  return out;
}
