import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/sim/metrics/registry.ts';
import { formatFloat } from '../../src/model/strconv.ts';
import { javaDouble, jsNumber } from '../../src/sim/metrics/floats.ts';

const goFloat = (v: number): string => formatFloat(v, 'g');
import { writeGoText } from '../../src/sim/metrics/text-go.ts';
import { writeMicrometerText } from '../../src/sim/metrics/text-micrometer.ts';
import { writePromClientText } from '../../src/sim/metrics/text-promclient.ts';

describe('float formatting', () => {
  it('prints Go %g shortest: exponent from 1e6 up and below 1e-4', () => {
    expect(goFloat(557056)).toBe('557056');
    expect(goFloat(2112000)).toBe('2.112e+06');
    expect(goFloat(71500024)).toBe('7.1500024e+07');
    expect(goFloat(1576861056.7062879)).toBe('1.5768610567062879e+09');
    expect(goFloat(0.0001)).toBe('0.0001');
    expect(goFloat(1.0016e-5)).toBe('1.0016e-05');
    expect(goFloat(0.11)).toBe('0.11');
    expect([goFloat(NaN), goFloat(Infinity), goFloat(-Infinity)]).toEqual(['NaN', '+Inf', '-Inf']);
  });

  it('prints Java Double.toString', () => {
    expect(javaDouble(1)).toBe('1.0');
    expect(javaDouble(557056)).toBe('557056.0');
    expect(javaDouble(134217728)).toBe('1.34217728E8');
    expect(javaDouble(1e7)).toBe('1.0E7');
    expect(javaDouble(0.004711)).toBe('0.004711');
    expect(javaDouble(0.0001)).toBe('1.0E-4');
    expect([javaDouble(0), javaDouble(NaN), javaDouble(Infinity)]).toEqual(['0.0', 'NaN', '+Inf']);
  });

  it("prints prom-client 11's value strings", () => {
    expect([jsNumber(32), jsNumber(0.184), jsNumber(NaN), jsNumber(-Infinity)]).toEqual(['32', '0.184', 'Nan', '-Inf']);
  });
});

function smallRegistry(): Registry {
  const reg = new Registry();
  reg.counter({ name: 'zeta_total', help: 'Last by name.', labelNames: ['method', 'code'] }).labels('get', '500').inc(2);
  const c = reg.counter({ name: 'zeta_total_x', help: '' });
  c.labels().inc(1e7);
  const h = reg.histogram({ name: 'alpha_seconds', help: 'A "histogram"\\ with\nnewline.', labelNames: ['path'], buckets: [0.1, 1] });
  h.labels('/a\\b"c\nd').observe(0.5);
  return reg;
}

describe('exposition writers', () => {
  it('writes client_golang text: sorted families, sorted label names, le last, escaping', () => {
    expect(writeGoText(smallRegistry().collect(0))).toBe(
      [
        '# HELP alpha_seconds A "histogram"\\\\ with\\nnewline.',
        '# TYPE alpha_seconds histogram',
        'alpha_seconds_bucket{path="/a\\\\b\\"c\\nd",le="0.1"} 0',
        'alpha_seconds_bucket{path="/a\\\\b\\"c\\nd",le="1"} 1',
        'alpha_seconds_bucket{path="/a\\\\b\\"c\\nd",le="+Inf"} 1',
        'alpha_seconds_sum{path="/a\\\\b\\"c\\nd"} 0.5',
        'alpha_seconds_count{path="/a\\\\b\\"c\\nd"} 1',
        '# HELP zeta_total Last by name.',
        '# TYPE zeta_total counter',
        'zeta_total{code="500",method="get"} 2',
        '# HELP zeta_total_x ',
        '# TYPE zeta_total_x counter',
        'zeta_total_x 1e+07',
        '',
      ].join('\n'),
    );
  });

  it('writes Micrometer/simpleclient text: registry order, trailing commas, Java doubles, blank HELP', () => {
    expect(writeMicrometerText(smallRegistry().collect(0))).toBe(
      [
        '# HELP zeta_total Last by name.',
        '# TYPE zeta_total counter',
        'zeta_total{method="get",code="500",} 2.0',
        '# HELP zeta_total_x  ',
        '# TYPE zeta_total_x counter',
        'zeta_total_x 1.0E7',
        '# HELP alpha_seconds A "histogram"\\\\ with\\nnewline.',
        '# TYPE alpha_seconds histogram',
        'alpha_seconds_bucket{path="/a\\\\b\\"c\\nd",le="0.1",} 0.0',
        'alpha_seconds_bucket{path="/a\\\\b\\"c\\nd",le="1.0",} 1.0',
        'alpha_seconds_bucket{path="/a\\\\b\\"c\\nd",le="+Inf",} 1.0',
        'alpha_seconds_sum{path="/a\\\\b\\"c\\nd",} 0.5',
        'alpha_seconds_count{path="/a\\\\b\\"c\\nd",} 1.0',
        '',
      ].join('\n'),
    );
  });

  it('writes prom-client 11 text: blank lines, default labels last, timestamps, empty families', () => {
    const reg = new Registry();
    reg.counter({ name: 'access_log_total', help: 'Access Log - total log requests' }).labels().inc(32);
    reg.gauge({ name: 'nodejs_active_handles', help: 'Handles.', labelNames: ['type'] }).labels('Socket').set(3, 1579444523567);
    reg.gauge({ name: 'nodejs_active_requests', help: 'Requests.', labelNames: ['type'] });
    reg.gauge({ name: 'odd', help: 'back\\slash \\n kept', labelNames: ['v'] }).labels('a"b').set(NaN);
    expect(writePromClientText(reg.collect(0), { hostname: '5349f228faab' })).toBe(
      [
        '# HELP access_log_total Access Log - total log requests',
        '# TYPE access_log_total counter',
        'access_log_total{hostname="5349f228faab"} 32',
        '',
        '# HELP nodejs_active_handles Handles.',
        '# TYPE nodejs_active_handles gauge',
        'nodejs_active_handles{type="Socket",hostname="5349f228faab"} 3 1579444523567',
        '',
        '# HELP nodejs_active_requests Requests.',
        '# TYPE nodejs_active_requests gauge',
        '',
        '# HELP odd back\\\\slash \\n kept',
        '# TYPE odd gauge',
        'odd{v="a\\"b",hostname="5349f228faab"} Nan',
        '',
      ].join('\n'),
    );
  });
});
