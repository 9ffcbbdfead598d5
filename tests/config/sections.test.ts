// The prometheus.yml sections beyond the chapter's: relabeling, file_sd, limits, params, rule files, alerting.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELABEL_CONFIG } from '../../src/relabel/relabel.ts';
import { errors, ok } from './helpers.ts';

const scrape = (body: string) => `scrape_configs:\n  - job_name: j\n${body}`;

describe('relabel_configs and metric_relabel_configs', () => {
  it("fill in Prometheus' defaults: replace, ';', (.*), $1", () => {
    const [j] = ok(scrape('    relabel_configs:\n      - source_labels: [__address__]\n        target_label: host\n')).scrapeConfigs;
    expect(j.relabelConfigs).toEqual([{ ...DEFAULT_RELABEL_CONFIG, sourceLabels: ['__address__'], targetLabel: 'host' }]);
  });

  it('read every field and accept actions in any case', () => {
    const text = scrape(
      '    metric_relabel_configs:\n' +
        '      - action: HashMod\n        source_labels: [a, b]\n        separator: "-"\n        modulus: 4\n        target_label: shard\n' +
        '      - action: labelmap\n        regex: __meta_(.+)\n        replacement: meta_$1\n',
    );
    expect(ok(text).scrapeConfigs[0].metricRelabelConfigs).toEqual([
      { ...DEFAULT_RELABEL_CONFIG, action: 'hashmod', sourceLabels: ['a', 'b'], separator: '-', modulus: 4, targetLabel: 'shard' },
      { ...DEFAULT_RELABEL_CONFIG, action: 'labelmap', regex: '__meta_(.+)', replacement: 'meta_$1' },
    ]);
  });

  it.each([
    ['      - action: bogus\n', 4, 17, 'unknown relabel action "bogus"'],
    ['      - action: hashmod\n        target_label: s\n', 4, 9, 'relabel configuration for hashmod requires non-zero modulus'],
    ['      - source_labels: [a]\n', 4, 9, "relabel configuration for replace action requires 'target_label' value"],
    ['      - action: lowercase\n        target_label: x\n        replacement: y\n', 4, 9, "'replacement' can not be set for lowercase action"],
    ['      - action: labeldrop\n        source_labels: [a]\n', 4, 9, "labeldrop action requires only 'regex', and no other fields"],
    ['      - action: keepequal\n        target_label: x\n        regex: a\n', 4, 9, "keepequal action requires only 'source_labels' and `target_label`, and no other fields"],
    ['      - target_label: "${1"\n', 4, 9, '"${1" is invalid \'target_label\' for replace action'],
    ['      - action: labelmap\n        replacement: "-$1"\n', 4, 9, '"-$1" is invalid \'replacement\' for labelmap action'],
    ['      - regex: "(a"\n        target_label: x\n', 4, 16, 'error parsing regexp: missing closing ): `^(?s:(a)$`'],
    ['      - modulus: -1\n', 4, 18, 'cannot unmarshal !!int `-1` into uint64'],
    ['      - source_labels: [""]\n        target_label: x\n', 4, 25, '"" is not a valid label name'],
    ['      - foo: 1\n', 4, 9, 'field foo not found in type relabel.plain'],
    ['      -\n', 4, 8, 'empty or null target relabeling rule in scrape config'],
  ])('reject %j at %i:%i', (rules, line, col, message) => {
    expect(errors(scrape(`    relabel_configs:\n${rules}`))).toEqual([{ line, col, message }]);
  });
});

describe('scrape config fields', () => {
  it('honor_timestamps defaults to true; limits inherit the global ones; params are lists', () => {
    const [a, b] = ok(
      'global:\n  sample_limit: 100\n  label_limit: 30\nscrape_configs:\n  - job_name: a\n' +
        '  - job_name: b\n    honor_timestamps: false\n    sample_limit: 5\n    params:\n      module: [http_2xx, tcp]\n',
    ).scrapeConfigs;
    expect([a.honorTimestamps, a.sampleLimit, a.labelLimit, a.params]).toEqual([true, 100, 30, {}]);
    expect([b.honorTimestamps, b.sampleLimit, b.labelLimit, b.params]).toEqual([false, 5, 30, { module: ['http_2xx', 'tcp'] }]);
  });

  it('file_sd_configs: paths against /etc/prometheus, refresh 5m by default, only .json/.yml/.yaml', () => {
    const [j] = ok(scrape('    file_sd_configs:\n      - files: [targets/*.json, /srv/x.yml]\n')).scrapeConfigs;
    expect(j.fileSDConfigs).toEqual([{ files: ['/etc/prometheus/targets/*.json', '/srv/x.yml'], refreshInterval: 300_000 }]);
    expect(errors(scrape('    file_sd_configs:\n      - files: [targets.txt]\n'))).toEqual([
      { line: 4, col: 17, message: 'path name "targets.txt" is not valid for file discovery' },
    ]);
    expect(errors(scrape('    file_sd_configs:\n      - refresh_interval: 1m\n'))).toEqual([
      { line: 4, col: 9, message: 'file service discovery config must contain at least one path name' },
    ]);
  });

  it('body_size_limit is a base-2 size with a unit', () => {
    const sizes = ['1KB', '1.5KiB', '2MB', '1GB512MB', '0', '512B'].map(
      (s) => ok(scrape(`    body_size_limit: ${s}\n`)).scrapeConfigs[0].bodySizeLimit,
    );
    expect(sizes).toEqual([1024, 1536, 2 * 1024 ** 2, 1024 ** 3 + 512 * 1024 ** 2, 0, 512]);
    expect(errors(scrape('    body_size_limit: 100\n'))).toEqual([{ line: 3, col: 22, message: 'units: unknown unit  in 100' }]);
    expect(errors(scrape('    body_size_limit: 10XB\n'))).toEqual([{ line: 3, col: 22, message: 'units: unknown unit XB in 10XB' }]);
  });

  it('sample_limit must be a non-negative integer', () => {
    expect(errors(scrape('    sample_limit: -3\n'))).toEqual([{ line: 3, col: 19, message: 'cannot unmarshal !!int `-3` into uint' }]);
  });
});

describe('scrape protocols', () => {
  it("default to Prometheus 3's order and are inherited from global", () => {
    const [a, b] = ok(
      'global:\n  scrape_protocols: [PrometheusText0.0.4]\nscrape_configs:\n  - job_name: a\n  - job_name: b\n' +
        '    scrape_protocols: [OpenMetricsText1.0.0, PrometheusText0.0.4]\n    fallback_scrape_protocol: PrometheusText0.0.4\n',
    ).scrapeConfigs;
    expect([a.scrapeProtocols, a.fallbackScrapeProtocol]).toEqual([['PrometheusText0.0.4'], null]);
    expect([b.scrapeProtocols, b.fallbackScrapeProtocol]).toEqual([['OpenMetricsText1.0.0', 'PrometheusText0.0.4'], 'PrometheusText0.0.4']);
    expect(ok(scrape('')).scrapeConfigs[0].scrapeProtocols).toEqual([
      'OpenMetricsText1.0.0',
      'OpenMetricsText0.0.1',
      'PrometheusText1.0.0',
      'PrometheusText0.0.4',
    ]);
  });

  it.each([
    ['    scrape_protocols: [Text]\n', 3, 24, 'unknown scrape protocol Text, supported: [OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0]'],
    ['    scrape_protocols: []\n', 3, 23, 'scrape_protocols cannot be empty'],
    ['    scrape_protocols: [PrometheusText0.0.4, PrometheusText0.0.4]\n', 3, 45, 'duplicated protocol in scrape_protocols, got [PrometheusText0.0.4 PrometheusText0.0.4]'],
    ['    scrape_protocols: [PrometheusProto]\n', 3, 24, 'scrape protocol PrometheusProto is not supported by promlab'],
    ['    fallback_scrape_protocol: text\n', 3, 31, 'invalid fallback_scrape_protocol for scrape config with job name "j": unknown scrape protocol text, supported: [OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0]'],
  ])('reject %j', (body, line, col, message) => {
    expect(errors(scrape(body))).toEqual([{ line, col, message }]);
  });
});

describe('rule_files and alerting', () => {
  it('resolve rule file patterns against the config directory; a * only in the last element', () => {
    expect(ok('rule_files:\n  - rules/*.yml\n  - /etc/x.yml\n').ruleFiles).toEqual(['/etc/prometheus/rules/*.yml', '/etc/x.yml']);
    expect(errors('rule_files:\n  - "*/a.yml"\n')).toEqual([{ line: 2, col: 5, message: 'invalid rule file path "*/a.yml"' }]);
  });

  it('read Alertmanager targets and global.evaluation_interval', () => {
    const c = ok(
      'global:\n  evaluation_interval: 15s\n  rule_query_offset: 30s\nalerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["alertmanager:9093"]\n',
    );
    expect([c.global.evaluationInterval, c.global.ruleQueryOffset]).toEqual([15_000, 30_000]);
    expect(c.alerting.alertmanagers).toEqual([
      {
        staticConfigs: [{ targets: ['alertmanager:9093'], labels: {} }],
        scheme: 'http',
        pathPrefix: '',
        timeout: 10_000,
        apiVersion: 'v2',
        relabelConfigs: [],
      },
    ]);
    expect(errors('alerting:\n  alertmanagers:\n    - api_version: v1\n')).toEqual([
      { line: 3, col: 20, message: 'alertmanager api v1 is no longer supported' },
    ]);
  });
});
