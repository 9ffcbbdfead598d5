// Label regexes as Prometheus compiles them: RE2 syntax (Go's regexp), fully anchored as ^(?s:…)$ so `.` matches a
// newline too. re2js is a port of RE2: Go's syntax ((?i), (?P<name>…), \z …), Go's error messages, and matching in
// time linear in the input, so no pattern a learner types can hang the page with backtracking.

import { RE2JS } from 're2js';

/** A pattern RE2 rejects; the message is Go's, e.g. "error parsing regexp: missing closing ): `^(?s:()$`". */
export class RegexpError extends Error {
  override name = 'RegexpError';
}

/** The capture groups of a full match: [0] is the whole input; unmatched optional groups are ''. */
export interface Submatch {
  readonly groups: readonly string[];
  readonly named: Readonly<Record<string, number>>;
}

export class LabelRegexp {
  private readonly re: RE2JS;
  /** The values of a pattern that is only an alternation of literals (`a|b|c`), for set lookups like Prometheus' setMatches. */
  readonly setMatches: readonly string[] | null;
  private readonly set: ReadonlySet<string> | null;

  constructor(readonly source: string) {
    try {
      this.re = RE2JS.compile(`^(?s:${source})$`);
    } catch (err) {
      throw new RegexpError(err instanceof Error ? err.message : String(err));
    }
    this.setMatches = literalAlternation(source);
    this.set = this.setMatches ? new Set(this.setMatches) : null;
  }

  matches(s: string): boolean {
    return this.set ? this.set.has(s) : this.re.matches(s);
  }

  submatch(s: string): Submatch | null {
    const m = this.re.matcher(s);
    if (!m.matches()) return null;
    const groups: string[] = [];
    for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? '');
    return { groups, named: this.re.namedGroups() };
  }
}

const PLAIN = /[\w:\-/ ]/;
const ESCAPABLE = /[.+*?()|[\]{}^$\\]/;

/** The values of `200|404` or `172\.20\.0\.6:80|image-gallery`: alternatives of plain characters and escaped punctuation. */
function literalAlternation(source: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && ESCAPABLE.test(source[i + 1] ?? '')) cur += source[++i];
    else if (c === '|') {
      if (cur === '') return null;
      out.push(cur);
      cur = '';
    } else if (PLAIN.test(c)) cur += c;
    else return null;
  }
  if (cur === '') return null;
  out.push(cur);
  return out;
}

const cache = new Map<string, LabelRegexp>();
const CACHE_SIZE = 512;

/** A compiled regexp, shared: the same selector is parsed again at every refresh of a graph or rule. */
export function labelRegexp(source: string): LabelRegexp {
  let re = cache.get(source);
  if (re) return re;
  re = new LabelRegexp(source);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, re);
  return re;
}

/**
 * Go's Regexp.Expand, as relabeling and label_replace use it: `$1`, `${1}`, `$name`, `${name}` and `$$`; a name
 * takes the longest run of letters, digits and `_` (so `$1x` names group "1x", which is empty); a malformed `$`
 * stays as written.
 */
export function expand(template: string, m: Submatch): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const ref = /^(?:\{(\w+)\}|(\w+))/.exec(template.slice(i));
    if (!ref) {
      out += '$';
      continue;
    }
    i += ref[0].length;
    const name = ref[1] ?? ref[2];
    const index = /^\d+$/.test(name) ? Number(name) : m.named[name];
    out += index !== undefined ? (m.groups[index] ?? '') : '';
  }
  return out + template.slice(i);
}
