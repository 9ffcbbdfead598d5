import { describe, expect, it } from 'vitest';
import { ParseError, parsePrometheusText } from '../../src/textparse/promparse.ts';
import { thrown } from '../thrown.ts';

describe('parsePrometheusText', () => {
  it('reads HELP, TYPE, labels, escapes, special floats and timestamps', () => {
    const text = [
      '# HELP http_requests_total The total number of HTTP requests.\\nSecond line with \\\\.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'http_requests_total{method="post",code="400"}    3 1395066363000',
      '',
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
      'metric_without_timestamp_and_labels 12.47',
      '# A normal comment',
      'something_weird{problem="division by zero"} +Inf -3982045',
      'nan_value NaN',
      'tomcat_threads_current_threads{name="http-nio-80",} 10.0',
      '',
    ].join('\n');
    const { samples, metadata } = parsePrometheusText(text);
    expect(metadata.get('http_requests_total')).toEqual({
      type: 'counter',
      help: 'The total number of HTTP requests.\nSecond line with \\.',
      unit: '',
    });
    expect(samples).toHaveLength(7);
    expect(samples[0]).toMatchObject({ name: 'http_requests_total', value: 1027, timestamp: 1395066363000, line: 3 });
    expect(samples[0].labels).toEqual([['method', 'post'], ['code', '200']]);
    expect(samples[2].labels).toEqual([
      ['path', 'C:\\DIR\\FILE.TXT'],
      ['error', 'Cannot find file:\n"FILE.TXT"'],
    ]);
    expect(samples[2].value).toBe(1458255915);
    expect(samples[3]).toMatchObject({ labels: [], value: 12.47, timestamp: null });
    expect(samples[4]).toMatchObject({ value: Infinity, timestamp: -3982045 });
    expect(samples[5].value).toBeNaN();
    expect(samples[6]).toMatchObject({ labels: [['name', 'http-nio-80']], value: 10 });
  });

  it('accepts prom-client output with blank lines between families', () => {
    const text = '# HELP a_total x\n# TYPE a_total counter\na_total{hostname="5349f228faab"} 32\n\n# HELP b x\n# TYPE b gauge\nb 1 1579444523567\n';
    expect(parsePrometheusText(text).samples.map((s) => s.name)).toEqual(['a_total', 'b']);
  });

  it.each([
    ['metric{a="b"} abc', 1, 15, 'expected float as value, got "abc"'],
    ['ok 1\nmetric{a=b} 1', 2, 10, 'expected label value, got "b} 1"'],
    ['ok 1\n\nmetric{a="b" 1', 3, 14, 'expected "," or "}" after label value, got "1"'],
    ['metric 1 12.5', 1, 10, 'expected integer as timestamp, got "12.5"'],
    ['metric{a="1",a="2"} 1', 1, 14, 'duplicate label name "a"'],
    ['# TYPE m summarry', 1, 18, 'invalid metric type "summarry"'],
    ['metric', 1, 7, 'expected value after metric, got end of line'],
    ['0metric 1', 1, 1, 'expected metric name, got "0metric 1"'],
    ['m{a="x', 1, 7, 'label value is missing its closing quote'],
    ['m{a="\\t"} 1', 1, 7, 'invalid escape sequence "\\t" in label value'],
    ['m{__name__="x"} 1', 1, 3, 'duplicate label name "__name__"'],
    ['m 1\n# TYPE m counter', 2, 17, 'second TYPE line for metric name "m", or TYPE reported after samples'],
    ['# TYPE h histogram\nh_bucket{le="x"} 1', 2, 16, 'expected float as value for label "le", got "x"'],
  ])('rejects %j at line %i col %i', (text, line, col, reason) => {
    const err = thrown(() => parsePrometheusText(text + '\n'));
    expect(err).toBeInstanceOf(ParseError);
    const pe = err as ParseError;
    expect(pe.reason).toBe(reason);
    expect([pe.line, pe.col]).toEqual([line, col]);
    expect(pe.message).toBe(`text format parsing error in line ${line}: ${reason}`);
  });

  it('requires a line break after the last line, like expfmt', () => {
    expect(() => parsePrometheusText('a 1\nb 2')).toThrow('text format parsing error in line 2: unexpected end of input');
    expect(parsePrometheusText('').samples).toEqual([]);
  });

  it("writes le and quantile as Prometheus 3's canonical floats, only for histograms and summaries", () => {
    const text = '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+inf"} 2\n# TYPE s summary\ns{quantile="0"} 1\ng{le="1"} 1\n';
    const labels = parsePrometheusText(text).samples.map((s) => s.labels[0][1]);
    expect(labels).toEqual(['1.0', '+Inf', '0.0', '1']);
  });

  it('reads quoted UTF-8 metric and label names (text format 1.0.0)', () => {
    const text = '# HELP "my.metric" Dotted.\n# TYPE "my.metric" gauge\n{"my.metric", "label.name"="v"} 1\nm{a="1", "b.c"="2"} 2\n{a="x", "q.name"} 3\n';
    const { samples, metadata } = parsePrometheusText(text);
    expect(samples.map((s) => [s.name, s.labels, s.value])).toEqual([
      ['my.metric', [['label.name', 'v']], 1],
      ['m', [['a', '1'], ['b.c', '2']], 2],
      ['q.name', [['a', 'x']], 3],
    ]);
    expect(metadata.get('my.metric')).toEqual({ type: 'gauge', help: 'Dotted.', unit: '' });
    expect(() => parsePrometheusText('{"a", "b"} 1\n')).toThrow('line 1: metric name already set');
    expect(() => parsePrometheusText('{a="1"} 1\n')).toThrow('line 1: metric name not set');
    expect(() => parsePrometheusText('{"a.b\\x"} 1\n')).toThrow('invalid escape sequence');
  });

  it('treats "# HELP name" without text as a comment and accepts a value right after "}"', () => {
    const { samples, metadata } = parsePrometheusText('# HELP m\n# HELP m real help\nm{a="b"}2\n');
    expect(metadata.get('m')?.help).toBe('real help');
    expect(samples[0].value).toBe(2);
  });
});
