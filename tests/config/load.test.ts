import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { defaultGlobal, errors, ok } from './helpers.ts';

function job(text: string, name: string) {
  const found = ok(text).scrapeConfigs.find((j) => j.jobName === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

describe('the chapter config', () => {
  const config = ok(DEFAULT_CONFIG_YAML);

  it('has the four jobs in file order', () => {
    expect(config.scrapeConfigs.map((j) => j.jobName)).toEqual(['image-gallery', 'iotd-api', 'access-log', 'docker']);
  });

  it('scrapes every 10s with a 10s timeout, except access-log at 3s/3s', () => {
    expect(config.global).toEqual(defaultGlobal({ scrapeInterval: 10_000 }));
    const timing = Object.fromEntries(config.scrapeConfigs.map((j) => [j.jobName, [j.scrapeInterval, j.scrapeTimeout]]));
    expect(timing).toEqual({
      'image-gallery': [10_000, 10_000],
      'iotd-api': [10_000, 10_000],
      'access-log': [3_000, 3_000],
      docker: [10_000, 10_000],
    });
  });

  it('keeps paths and targets as written', () => {
    const [gallery, iotd, accessLog, docker] = config.scrapeConfigs;
    expect(iotd.metricsPath).toBe('/actuator/prometheus');
    expect(gallery.staticConfigs).toEqual([{ targets: ['image-gallery'], labels: {} }]);
    expect(docker.staticConfigs).toEqual([{ targets: ['DOCKER_HOST:9323'], labels: {} }]);
    expect(accessLog.staticConfigs).toEqual([]);
    expect(accessLog.dnsSDConfigs).toEqual([{ names: ['accesslog'], type: 'A', port: 80, refreshInterval: 30_000 }]);
    expect(config.scrapeConfigs.every((j) => j.scheme === 'http' && !j.honorLabels)).toBe(true);
  });
});

describe('defaults', () => {
  it('an empty file is a valid config with Prometheus defaults', () => {
    for (const text of ['', '# nothing yet\n', 'global:\n']) {
      expect(ok(text)).toEqual({
        global: defaultGlobal(),
        ruleFiles: [],
        alerting: { alertRelabelConfigs: [], alertmanagers: [] },
        scrapeConfigs: [],
      });
    }
  });

  it('a job inherits the global interval and timeout, with /metrics over http', () => {
    const j = job('global:\n  scrape_interval: 15s\n  scrape_timeout: 5s\nscrape_configs:\n  - job_name: a\n', 'a');
    expect(j).toMatchObject({ scrapeInterval: 15_000, scrapeTimeout: 5_000, metricsPath: '/metrics', scheme: 'http', honorLabels: false });
  });

  it('a job interval below the global timeout shortens the timeout to the interval', () => {
    expect(job('scrape_configs:\n  - job_name: a\n    scrape_interval: 2s\n', 'a').scrapeTimeout).toBe(2_000);
  });

  it('a global interval below 10s shortens the global timeout too', () => {
    expect(ok('global:\n  scrape_interval: 5s\n').global.scrapeTimeout).toBe(5_000);
  });

  it('DNS-SD defaults to SRV records refreshed every 30s; the type is case-insensitive', () => {
    const srv = job('scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n      - names: [_x._tcp.example]\n', 'a');
    expect(srv.dnsSDConfigs).toEqual([{ names: ['_x._tcp.example'], type: 'SRV', port: 0, refreshInterval: 30_000 }]);
    const a = job('scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n      - names: [x]\n        type: aaaa\n        port: 9\n        refresh_interval: 1m\n', 'a');
    expect(a.dnsSDConfigs[0]).toMatchObject({ type: 'AAAA', port: 9, refreshInterval: 60_000 });
  });

  it('reads YAML 1.1 booleans, https, target labels and external labels', () => {
    const config = ok(
      [
        'global:',
        '  external_labels: {monitor: book, "utf-8 name": ok}',
        'scrape_configs:',
        '  - job_name: a',
        '    honor_labels: yes',
        '    scheme: https',
        '    static_configs:',
        '      - targets: [a:1, 8080]',
        '        labels: {env: test}',
      ].join('\n'),
    );
    expect(config.global.externalLabels).toEqual({ monitor: 'book', 'utf-8 name': 'ok' });
    expect(config.scrapeConfigs[0]).toMatchObject({
      honorLabels: true,
      scheme: 'https',
      staticConfigs: [{ targets: ['a:1', '8080'], labels: { env: 'test' } }],
    });
  });

  it("follows anchors and merge keys, the mapping's own keys winning", () => {
    const text = [
      'scrape_configs:',
      '  - &base',
      '    job_name: a',
      '    scrape_interval: 20s',
      '    metrics_path: /m',
      '  - <<: *base',
      '    job_name: b',
      '    scrape_interval: 30s',
    ].join('\n');
    expect(job(text, 'b')).toMatchObject({ scrapeInterval: 30_000, metricsPath: '/m' });
  });
});

describe('errors at the offending line:col', () => {
  it('invalid durations use Prometheus wording', () => {
    expect(errors('global:\n  scrape_interval: 10x\n')).toEqual([
      { line: 2, col: 20, message: 'unknown unit "x" in duration "10x"' },
    ]);
    expect(errors('global:\n  evaluation_interval: 1m1h\n')).toEqual([
      { line: 2, col: 24, message: 'not a valid duration string: "1m1h"' },
    ]);
    expect(errors('global:\n  scrape_timeout: 10\n')).toEqual([
      { line: 2, col: 19, message: 'not a valid duration string: "10"' },
    ]);
    expect(errors('global:\n  scrape_timeout: ""\n')).toEqual([{ line: 2, col: 19, message: 'empty duration string' }]);
  });

  it('a value of the wrong YAML type names the Go type', () => {
    expect(errors('global:\n  scrape_interval: [1]\n')).toEqual([
      { line: 2, col: 20, message: 'cannot unmarshal !!seq into string' },
    ]);
    expect(errors('scrape_configs:\n  - job_name: a\n    honor_labels: maybe\n')).toEqual([
      { line: 3, col: 19, message: 'cannot unmarshal !!str `maybe` into bool' },
    ]);
    expect(errors('scrape_configs:\n  job_name: a\n')).toEqual([
      { line: 2, col: 3, message: 'cannot unmarshal !!map into []*config.ScrapeConfig' },
    ]);
    expect(errors('scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n      - names: [x]\n        type: A\n        port: eighty\n')).toEqual([
      { line: 6, col: 15, message: 'cannot unmarshal !!str `eighty` into int' },
    ]);
  });

  it('unknown fields fail like Go strict unmarshalling', () => {
    expect(errors('scrape_configs:\n  - job_name: a\n    scrape_intervall: 5s\n')).toEqual([
      { line: 3, col: 5, message: 'field scrape_intervall not found in type config.ScrapeConfig' },
    ]);
    expect(errors('globl:\n  scrape_interval: 5s\n')).toEqual([
      { line: 1, col: 1, message: 'field globl not found in type config.plain' },
    ]);
    expect(errors('scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n      - names: [x]\n        prot: 80\n')[0]).toEqual({
      line: 5,
      col: 9,
      message: 'field prot not found in type dns.plain',
    });
  });

  it('Prometheus settings promlab does not simulate are refused, not ignored', () => {
    expect(errors('remote_write:\n  - url: http://x\n')).toEqual([{ line: 1, col: 1, message: 'field remote_write is not supported by promlab' }]);
    expect(errors('scrape_configs:\n  - job_name: k\n    kubernetes_sd_configs: []\n')).toEqual([
      { line: 3, col: 5, message: 'field kubernetes_sd_configs is not supported by promlab' },
    ]);
  });

  it('repeated keys are rejected', () => {
    expect(errors('scrape_configs:\n  - job_name: a\n    job_name: b\n')).toEqual([
      { line: 3, col: 5, message: 'field job_name already set in type config.ScrapeConfig' },
    ]);
  });

  it('an explicit timeout above the interval is an error; an inferred one is not', () => {
    expect(errors('scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n')).toEqual([
      { line: 4, col: 21, message: 'scrape timeout greater than scrape interval for scrape config with job name "a"' },
    ]);
    expect(errors('global:\n  scrape_interval: 5s\n  scrape_timeout: 6s\n')).toEqual([
      { line: 3, col: 19, message: 'global scrape timeout greater than scrape interval' },
    ]);
  });

  it('job names are required and unique', () => {
    expect(errors('scrape_configs:\n  - metrics_path: /m\n')).toEqual([{ line: 2, col: 5, message: 'job_name is empty' }]);
    expect(errors('scrape_configs:\n  - job_name: a\n  - job_name: "a"\n')).toEqual([
      { line: 3, col: 15, message: 'found multiple scrape configs with job name "a"' },
    ]);
    expect(errors('scrape_configs:\n  - job_name: a\n  -\n')).toEqual([
      { line: 3, col: 4, message: 'empty or null scrape config section' },
    ]);
  });

  it('targets must be host[:port], not URLs', () => {
    expect(errors('scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [ok:80, "http://x", "x/metrics"]\n')).toEqual([
      { line: 4, col: 26, message: '"http://x" is not a valid hostname' },
      { line: 4, col: 38, message: '"x/metrics" is not a valid hostname' },
    ]);
  });

  it('only http and https schemes', () => {
    expect(errors('scrape_configs:\n  - job_name: a\n    scheme: ftp\n')).toEqual([
      { line: 3, col: 13, message: 'invalid scheme: "ftp"' },
    ]);
  });

  it('DNS-SD A/AAAA records need a port; names are required; the type must be known', () => {
    const dns = (body: string) => errors(`scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n      - ${body}\n`);
    expect(dns('names: [x]\n        type: A')).toEqual([
      { line: 4, col: 9, message: 'a port is required in DNS-SD configs for all record types except SRV' },
    ]);
    expect(dns('names: [x]\n        type: A\n        port: 0')).toEqual([
      { line: 6, col: 15, message: 'a port is required in DNS-SD configs for all record types except SRV' },
    ]);
    expect(dns('type: SRV')).toEqual([{ line: 4, col: 9, message: 'DNS-SD config must contain at least one SRV record name' }]);
    expect(dns('names: [x]\n        type: TXT')).toEqual([{ line: 5, col: 15, message: 'invalid DNS-SD records type TXT' }]);
  });

  it('label names must be non-empty', () => {
    expect(errors('global:\n  external_labels:\n    "": x\n')).toEqual([
      { line: 3, col: 5, message: '"" is not a valid label name' },
    ]);
    expect(errors('scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [a]\n        labels: {"": v}\n')).toEqual([
      { line: 5, col: 18, message: '"" is not a valid label name' },
    ]);
  });

  it('YAML syntax errors carry their position', () => {
    const [first] = errors('global:\n  scrape_interval: 10s\n scrape_timeout: 5s\n');
    expect(first.line).toBe(3);
    expect(first.message.startsWith('yaml: ')).toBe(true);
  });

  it('reports every error it can find, in document order', () => {
    const found = errors(
      [
        'global:',
        '  scrape_interval: 1x',
        'scrape_configs:',
        '  - job_name: a',
        '    scheme: gopher',
        '  - job_name: a',
        '    static_configs:',
        '      - targets: ["http://a"]',
      ].join('\n'),
    );
    expect(found.map((e) => `${e.line}:${e.col}`)).toEqual(['2:20', '5:13', '6:15', '8:19']);
  });
});
