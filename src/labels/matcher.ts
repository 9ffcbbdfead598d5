// Label matchers (=, !=, =~, !~). Regexes are fully anchored, as in Prometheus.

export type MatchType = '=' | '!=' | '=~' | '!~';

export class Matcher {
  private readonly re: RegExp | null;

  constructor(
    readonly type: MatchType,
    readonly name: string,
    readonly value: string,
  ) {
    // Throws SyntaxError on a bad pattern; callers turn that into a positioned error.
    this.re = type === '=~' || type === '!~' ? new RegExp(`^(?:${value})$`, 's') : null;
  }

  matches(v: string): boolean {
    switch (this.type) {
      case '=':
        return v === this.value;
      case '!=':
        return v !== this.value;
      case '=~':
        return this.re!.test(v);
      case '!~':
        return !this.re!.test(v);
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
