import { describe, expect, it } from 'vitest';
import { Matcher } from '../../../src/model/labels/matcher.ts';
import { LabelRegexp, RegexpError, expand, labelRegexp } from '../../../src/model/labels/regexp.ts';

describe('label regexps (RE2, anchored)', () => {
  it('match the whole value, with . matching newlines, as Prometheus anchors ^(?s:…)$', () => {
    const re = new LabelRegexp('acc.*');
    expect(re.matches('accesslog')).toBe(true);
    expect(re.matches('xaccesslog')).toBe(false);
    expect(re.matches('acc\nx')).toBe(true);
    expect(new LabelRegexp('a|b').matches('ab')).toBe(false);
  });

  it('speak RE2 syntax that JavaScript lacks: (?i) flags and (?P<name>…) groups', () => {
    expect(new Matcher('=~', 'job', '(?i)ACCESS-LOG').matches('access-log')).toBe(true);
    const m = labelRegexp('(?P<host>[^:]+):(\\d+)').submatch('172.20.0.6:80');
    expect(m && expand('${host} port $2', m)).toBe('172.20.0.6 port 80');
  });

  it("rejects what Go rejects, with Go's message", () => {
    expect(() => new LabelRegexp('(')).toThrow(new RegexpError('error parsing regexp: missing closing ): `^(?s:()$`'));
    expect(() => new LabelRegexp('a\\1')).toThrow('error parsing regexp: invalid escape sequence: `\\1`');
    expect(() => new LabelRegexp('(?=x)')).toThrow(RegexpError);
  });

  it('answers a catastrophic-backtracking pattern at once (RE2 is linear time)', () => {
    expect(new LabelRegexp('(a+)+$').matches('a'.repeat(5000) + 'b')).toBe(false);
    expect(new LabelRegexp('(x+x+)+y').matches('x'.repeat(5000))).toBe(false);
  });

  it('lists the values of a literal alternation for set lookups, and only then', () => {
    expect(new LabelRegexp('200|404|500').setMatches).toEqual(['200', '404', '500']);
    expect(new LabelRegexp('2..|404').setMatches).toBeNull();
    expect(new LabelRegexp('200|404').matches('404')).toBe(true);
    expect(new LabelRegexp('200|404').matches('4040')).toBe(false);
  });

  it("expands like Go's Regexp.Expand", () => {
    const m = labelRegexp('(a)(b)?').submatch('a')!;
    expect(expand('$1-$2-$$-$1x-${1}x-$', m)).toBe('a--$--ax-$');
  });
});

describe('set matches', () => {
  it('read escaped punctuation as the literal it stands for', () => {
    expect(new LabelRegexp('172\\.20\\.0\\.6:80|image-gallery').setMatches).toEqual(['172.20.0.6:80', 'image-gallery']);
    expect(new LabelRegexp('a\\\\|b').setMatches).toEqual(['a\\', 'b']);
    expect(new LabelRegexp('a\\|b').setMatches).toEqual(['a|b']);
    expect(new LabelRegexp('a\\|b').matches('a|b')).toBe(true);
    expect(new LabelRegexp('a||b').setMatches).toBeNull();
    expect(new LabelRegexp('a\\db').setMatches).toBeNull();
  });
});
