import { describe, expect, it } from 'vitest';
import { PromQLError, formatExpr, parseExpr, type Expr } from '../../src/promql/index.ts';

function parseFails(q: string): PromQLError {
  try {
    parseExpr(q);
  } catch (e) {
    expect(e).toBeInstanceOf(PromQLError);
    return e as PromQLError;
  }
  throw new Error(`expected ${q} to fail`);
}

describe('parseExpr', () => {
  it('accepts a trailing comma inside braces', () => {
    const e = parseExpr('tomcat_threads_busy{name="http-nio-80",}');
    expect(e.type).toBe('VectorSelector');
    if (e.type !== 'VectorSelector') return;
    expect(e.name).toBe('tomcat_threads_busy');
    expect(e.matchers.map(String)).toEqual(['name="http-nio-80"', '__name__="tomcat_threads_busy"']);
  });

  it('parses durations into milliseconds', () => {
    const ranges: Record<string, number> = { '1h30m': 5_400_000, '5m': 300_000, '1ms': 1, '1y': 365 * 86_400_000, '1w': 604_800_000, '1d': 86_400_000, '90': 90_000 };
    for (const [d, ms] of Object.entries(ranges)) {
      const e = parseExpr(`rate(x[${d}])`);
      expect(e.type === 'Call' && e.args[0].type === 'MatrixSelector' && e.args[0].range).toBe(ms);
    }
  });

  it('parses number literals: hex, exponents, Inf, NaN, and folds a leading minus', () => {
    const value = (q: string) => {
      const e = parseExpr(q);
      return e.type === 'NumberLiteral' ? e.value : undefined;
    };
    expect(value('0x1F')).toBe(31);
    expect(value('1e3')).toBe(1000);
    expect(value('Inf')).toBe(Infinity);
    expect(value('-Inf')).toBe(-Infinity);
    expect(value('NaN')).toBeNaN();
    expect(value('-5')).toBe(-5);
  });

  it('unquotes double, single and backtick strings', () => {
    const str = (q: string) => {
      const e = parseExpr(q);
      return e.type === 'StringLiteral' ? e.value : undefined;
    };
    expect(str('"a\\"b\\n"')).toBe('a"b\n');
    expect(str("'it\\'s'")).toBe("it's");
    expect(str('`raw\\n`')).toBe('raw\\n');
  });

  it('parses offset (also negative), @ and metric names with colons', () => {
    const e = parseExpr('job:requests:rate5m offset -5m');
    expect(e.type === 'VectorSelector' && [e.name, e.offset]).toEqual(['job:requests:rate5m', -300_000]);
    const at = parseExpr('x[5m] @ 100 offset 1m');
    expect(at.type === 'MatrixSelector' && [at.vectorSelector.timestamp, at.vectorSelector.offset]).toEqual([100_000, 60_000]);
    const end = parseExpr('x @ end()');
    expect(end.type === 'VectorSelector' && end.startOrEnd).toBe('end');
  });

  it('builds aggregations and vector matching', () => {
    const agg = parseExpr('sum(access_log_total) without(hostname, instance)');
    expect(agg.type === 'AggregateExpr' && [agg.op, agg.without, agg.grouping]).toEqual(['sum', true, ['hostname', 'instance']]);
    const bin = parseExpr('a * on(job) group_left(version) b');
    expect(bin.type === 'BinaryExpr' && bin.matching).toEqual({ card: 'many-to-one', on: true, matchingLabels: ['job'], include: ['version'] });
    const set = parseExpr('a and b');
    expect(set.type === 'BinaryExpr' && set.matching?.card).toBe('many-to-many');
    expect((parseExpr('a > 1') as Extract<Expr, { type: 'BinaryExpr' }>).matching).toBeNull();
  });

  it('gives -2 ^ 2 the Prometheus precedence: -(2 ^ 2)', () => {
    expect(formatExpr(parseExpr('-2 ^ 2'))).toBe('-2 ^ 2');
    const e = parseExpr('-2 ^ 2');
    expect(e.type).toBe('UnaryExpr');
  });

  it('reports syntax errors with line:col and position', () => {
    const cases: [string, string, number][] = [
      ['1 +', '1:4: parse error: unexpected end of input', 3],
      ['sum(x', '1:6: parse error: unclosed left parenthesis', 5],
      ['x{a="b"', '1:8: parse error: unexpected end of input inside braces', 7],
      ['1 $ 2', "1:3: parse error: unexpected character: '$'", 2],
      ['foo(bar)', '1:1: parse error: unknown function with name "foo"', 0],
      ['x)', "1:2: parse error: unexpected right parenthesis ')'", 1],
      ['"abc', '1:1: parse error: unterminated quoted string', 0],
      ['x +\n  foo(1)', '2:3: parse error: unknown function with name "foo"', 6],
    ];
    for (const [q, msg, start] of cases) {
      const err = parseFails(q);
      expect(err.message).toBe(msg);
      expect(err.position?.start).toBe(start);
    }
  });

  it('rejects selectors that could match everything', () => {
    expect(parseFails('{}').message).toBe('1:1: parse error: vector selector must contain at least one non-empty matcher');
    expect(parseFails('{job=~".*"}').message).toContain('vector selector must contain at least one non-empty matcher');
    expect(parseExpr('{__name__=~"access_log.+"}').type).toBe('VectorSelector');
  });

  it('reports an invalid regex at the matcher', () => {
    const err = parseFails('x{a=~"[", b="c"}');
    expect(err.message).toMatch(/^1:3: parse error: error parsing regexp: /);
    expect(err.position).toEqual({ start: 2, end: 8 });
  });

  it('type-checks like Prometheus', () => {
    const cases: [string, string][] = [
      ['rate(x)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
      ['abs(x[5m])', '1:5: parse error: expected type instant vector in call to function "abs", got range vector'],
      ['sum(x[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector'],
      ['topk(x, y)', '1:6: parse error: expected type scalar in aggregation parameter, got instant vector'],
      ['1 < 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
      ['x + bool y', '1:3: parse error: bool modifier can only be used on comparison operators'],
      ['1 and x', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
      ['x and on(a) group_left y', '1:1: parse error: no grouping allowed for "and" operation'],
      ['1 + on(a) x', '1:1: parse error: vector matching only allowed between instant vectors'],
      ['x[5m] + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
      ['round()', '1:1: parse error: expected at least 1 argument(s) in call to "round", got 0'],
      ['time(1)', '1:1: parse error: expected 0 argument(s) in call to "time", got 1'],
      ['sum()', '1:1: parse error: no arguments for aggregate expression provided'],
      ['(x + 1)[5m]', '1:1: parse error: ranges only allowed for vector selectors'],
      ['x offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
      ['-"a"', '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"'],
    ];
    for (const [q, msg] of cases) expect(parseFails(q).message, q).toBe(msg);
  });
});

describe('formatExpr', () => {
  const queries = [
    'access_log_total',
    'access_log_total{instance="172.20.0.6:80"}',
    'sum without (hostname, instance) (access_log_total)',
    'sum by (code) (rate(image_gallery_requests_total{code="200"}[5m] offset 1m))',
    'a / on (job) group_left (version) b',
    'a > bool ignoring (instance) b',
    'x unless y',
    'topk(3, x)',
    'count_values("value", x)',
    'max_over_time(rate(x[1m])[1h:5m] @ end())',
    'x @ 100.000',
    '-(x + 1) * 2 ^ 3',
    'label_replace(up, "a", "$1", "b", "(.*)")',
    '{__name__=~"access_log.+", hostname!=""}',
    '+Inf',
  ];
  it.each(queries)('round-trips %s', (q) => {
    const printed = formatExpr(parseExpr(q));
    expect(printed).toBe(q);
    expect(formatExpr(parseExpr(printed))).toBe(printed);
  });

  it('canonicalises spacing, trailing commas and modifier order', () => {
    expect(formatExpr(parseExpr('sum(x)by(a,)'))).toBe('sum by (a) (x)');
    expect(formatExpr(parseExpr('x{a="b",}[1h30m] @ start() offset 90s'))).toBe('x{a="b"}[1h30m] offset 1m30s @ start()');
  });
});

describe('string escapes', () => {
  it('decodes \\x and octal escapes as UTF-8 bytes, keeping invalid bytes printable by goQuote', async () => {
    const { unquoteString, goQuote } = await import('../../src/promql/parser/lex.ts');
    expect(unquoteString('"\\xc3\\x85"')).toBe('Å');
    expect(unquoteString('"\\303\\205x"')).toBe('Åx');
    expect(unquoteString('"\\u00c5"')).toBe('Å');
    expect(goQuote(unquoteString('"a\\xc5z"'))).toBe('"a\\xc5z"');
    expect(goQuote('a"\n')).toBe('"a\\"\\n"');
  });
});
