// Label matchers (=, !=, =~, !~). Regexes are RE2, fully anchored, as in Prometheus.

import { labelRegexp, type LabelRegexp } from './regexp.ts';

export type MatchType = '=' | '!=' | '=~' | '!~';

export class Matcher {
  readonly re: LabelRegexp | null;

  constructor(
    readonly type: MatchType,
    readonly name: string,
    readonly value: string,
  ) {
    // Throws RegexpError on a bad pattern; callers turn that into a positioned error.
    this.re = type === '=~' || type === '!~' ? labelRegexp(value) : null;
  }

  matches(v: string): boolean {
    switch (this.type) {
      case '=':
        return v === this.value;
      case '!=':
        return v !== this.value;
      case '=~':
        return this.re!.matches(v);
      case '!~':
        return !this.re!.matches(v);
    }
  }

  /** True when the matcher accepts the empty string, i.e. series lacking the label. */
  matchesEmpty(): boolean {
    return this.matches('');
  }

  toString(): string {
    return `${this.name}${this.type}${JSON.stringify(this.value)}`;
  }
}
