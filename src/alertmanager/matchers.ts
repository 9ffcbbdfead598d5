// Alertmanager's matchers (pkg/labels): `severity="critical"`, `job=~"image.*"`, `{a="b", c!=d}`; values may
// be unquoted. Used by routes, inhibit rules and silences.

import { Matcher, type MatchType } from '../model/labels/matcher.ts';

export class MatcherParseError extends Error {}

const ONE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^,}"]*?)\s*$/;

function parseOne(text: string, whole: string): Matcher {
  const m = ONE.exec(text);
  if (!m) throw new MatcherParseError(`bad matcher format: ${whole}`);
  let value = m[3];
  if (value.startsWith('"')) {
    try {
      value = JSON.parse(value) as string;
    } catch {
      throw new MatcherParseError(`bad matcher format: ${whole}`);
    }
  }
  try {
    return new Matcher(m[2] as MatchType, m[1], value);
  } catch (err) {
    throw new MatcherParseError(`error parsing regexp: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Parses one matchers string (a list item of `matchers:`), which may hold several in braces. */
export function parseMatchers(text: string): Matcher[] {
  let s = text.trim();
  if (s.startsWith('{')) {
    if (!s.endsWith('}')) throw new MatcherParseError(`bad matcher format: ${text}`);
    s = s.slice(1, -1);
  }
  const out: Matcher[] = [];
  // Split on commas outside quotes.
  let part = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quoted) {
      part += c + (s[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      if (part.trim() !== '') out.push(parseOne(part, text));
      part = '';
      continue;
    }
    part += c;
  }
  if (part.trim() !== '') out.push(parseOne(part, text));
  return out;
}

export function matchesAll(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => m.matches(labels[m.name] ?? ''));
}

/** `{a="b", c=~"d"}`, as Alertmanager prints matchers in group keys. */
export function formatMatchers(matchers: readonly Matcher[]): string {
  return `{${matchers.map((m) => m.toString()).join(', ')}}`;
}
