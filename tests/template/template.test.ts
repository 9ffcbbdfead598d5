import { describe, expect, it } from 'vitest';
import { formatFloat } from '../../src/model/strconv.ts';
import { ALERTMANAGER_FUNCS, PROMETHEUS_FUNCS, execute, parseTemplate } from '../../src/template/index.ts';

const formatG = (v: number, prec = -1): string => formatFloat(v, 'g', prec);

const prom = (text: string, data: unknown) => execute(parseTemplate('t', text), data, { funcs: PROMETHEUS_FUNCS });

describe('Go text/template', () => {
  it('prints floats as Go does', () => {
    expect([0.1, 100000, 1e6, 1234567, 0.0001, 0.00001, 3, NaN, Infinity].map((v) => formatG(v))).toEqual([
      '0.1', '100000', '1e+06', '1.234567e+06', '0.0001', '1e-05', '3', 'NaN', '+Inf',
    ]);
    expect(formatG(0.0723456, 4)).toBe('0.07235');
    expect(formatG(12346, 4)).toBe('1.235e+04');
  });

  it('expands labels, value, pipelines and printf', () => {
    const data = { Labels: { instance: 'image-gallery', job: 'image-gallery' }, Value: 0.0725 };
    const pre = '{{$labels := .Labels}}{{$value := .Value}}';
    expect(prom(`${pre}{{ $labels.instance }} errors {{ $value | humanizePercentage }}`, data)).toBe('image-gallery errors 7.25%');
    expect(prom(`${pre}{{ printf "%.2f" $value }} {{ $labels.missing }}|`, data)).toBe('0.07 |');
    expect(prom(`${pre}{{ if gt $value 0.05 }}high{{ else if gt $value 0.01 }}mid{{ else }}low{{ end }}`, data)).toBe('high');
    expect(prom('{{ humanize 1234567 }} {{ humanizeDuration 3725 }} {{ humanize 0.00123 }}', {})).toBe('1.235M 1h 2m 5s 1.23m');
  });

  it('ranges, trims and calls methods', () => {
    const data = { Alerts: [{ Annotations: { summary: 'a' } }, { Annotations: { summary: 'b' } }], Names: () => ['x', 'y'] };
    const text = '{{ range .Alerts -}}\n* {{ .Annotations.summary }}\n{{ end }}{{ .Names | join "," }}';
    expect(execute(parseTemplate('n', text), data, { funcs: ALERTMANAGER_FUNCS })).toBe('* a\n* b\nx,y');
  });

  it('reports syntax and execution errors with the template name and line', () => {
    expect(() => parseTemplate('__alert_X', 'ok\n{{ if .A }}')).toThrow('template: __alert_X:2: unexpected EOF');
    expect(() => parseTemplate('x', '{{ .A ')).toThrow('template: x:1: unclosed action');
    expect(() => prom('{{ nosuch 1 }}', {})).toThrow('function "nosuch" not defined');
  });
});
