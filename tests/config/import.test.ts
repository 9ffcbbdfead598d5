import { describe, expect, it } from 'vitest';
import { importConfig } from '../../src/config/import.ts';
import { loadConfig } from '../../src/config/load.ts';

// A production prometheus.yml, trimmed only in length: Kubernetes pods found through the API server and relabeled,
// remote storage, a basic_auth-protected job with static targets, and a plain static job.
const PRODUCTION = `# Production Prometheus (cluster eu-1)
global:
  scrape_interval: 30s
  evaluation_interval: 30s
  scrape_native_histograms: true
  external_labels:
    cluster: eu-1

rule_files:
  - rules/*.yml

alerting:
  alertmanagers:
    - kubernetes_sd_configs:
        - role: pod
          namespaces:
            names: [monitoring]
      relabel_configs:
        - source_labels: [__meta_kubernetes_pod_label_app]
          regex: alertmanager
          action: keep

# Long-term storage
remote_write:
  - url: https://mimir.example.com/api/v1/push
    basic_auth:
      username: prometheus
      password_file: /etc/secrets/mimir

scrape_configs:
  # Every pod that asks to be scraped.
  - job_name: kubernetes-pods
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        action: keep
        regex: "true"
      - source_labels: [__meta_kubernetes_namespace]
        target_label: namespace

  - job_name: node # bare-metal hosts
    basic_auth:
      username: scraper
      password_file: /etc/secrets/node
    tls_config:
      ca_file: /etc/ssl/ca.pem
    scheme: https
    static_configs:
      - targets: ['node-1:9100', 'node-2:9100']

  - job_name: image-gallery
    metrics_path: /metrics
    static_configs:
      - targets: ['image-gallery']
        labels:
          team: web
`;

describe('importConfig', () => {
  it('lists every unsimulated part of a production config with its place in the pasted text', () => {
    expect(loadConfig(PRODUCTION).ok).toBe(false);
    const r = importConfig(PRODUCTION);
    if (!r.ok) throw new Error('yaml errors');
    expect(r.removed.map(({ path, line, col, kind }) => ({ path, line, col, kind }))).toEqual([
      { path: 'global.scrape_native_histograms', line: 5, col: 3, kind: 'setting' },
      { path: 'alerting.alertmanagers[0]', line: 14, col: 7, kind: 'alertmanager' },
      { path: 'alerting.alertmanagers[0].kubernetes_sd_configs', line: 14, col: 7, kind: 'discovery' },
      { path: 'remote_write', line: 24, col: 1, kind: 'section' },
      { path: 'scrape_configs[0]', line: 32, col: 5, kind: 'job' },
      { path: 'scrape_configs[0].kubernetes_sd_configs', line: 33, col: 5, kind: 'discovery' },
      { path: 'scrape_configs[1].basic_auth', line: 43, col: 5, kind: 'http' },
      { path: 'scrape_configs[1].tls_config', line: 46, col: 5, kind: 'http' },
    ]);
    const job = r.removed.find((p) => p.path === 'scrape_configs[0]')!;
    expect(job.name).toBe('kubernetes-pods');
    expect(job.what).toContain('job "kubernetes-pods" is removed: without kubernetes_sd_configs it has no way to find targets');
    expect(r.removed.find((p) => p.path === 'remote_write')!.what).toBe('the remote_write section is not supported by promlab');
    expect(r.removed.find((p) => p.path === 'scrape_configs[1].tls_config')!.what).toMatch(/^tls_config is not supported by promlab/);
  });

  it('loads what is left, keeping its comments and order', () => {
    const r = importConfig(PRODUCTION);
    if (!r.ok) throw new Error('yaml errors');
    if (!r.result.ok) throw new Error(JSON.stringify(r.result.errors));
    const config = r.result.config;
    expect(config.scrapeConfigs.map((c) => c.jobName)).toEqual(['node', 'image-gallery']);
    expect(config.scrapeConfigs[0]).toMatchObject({ scheme: 'https', staticConfigs: [{ targets: ['node-1:9100', 'node-2:9100'] }] });
    expect(config.scrapeConfigs[1].staticConfigs).toEqual([{ targets: ['image-gallery'], labels: { team: 'web' } }]);
    expect(config.global).toMatchObject({ scrapeInterval: 30_000, externalLabels: { cluster: 'eu-1' } });
    expect(config.alerting.alertmanagers).toEqual([]);
    expect(config.ruleFiles).toEqual(['/etc/prometheus/rules/*.yml']);

    expect(r.text).toContain('# Production Prometheus (cluster eu-1)');
    expect(r.text).toContain('- job_name: node # bare-metal hosts');
    expect(r.text).not.toMatch(/kubernetes_sd_configs|remote_write|basic_auth|tls_config|scrape_native_histograms|mimir/);
    expect(r.text.indexOf('job_name: node')).toBeLessThan(r.text.indexOf('job_name: image-gallery'));
    expect(r.text.indexOf('global:')).toBeLessThan(r.text.indexOf('scrape_configs:'));
  });

  it('keeps a job that still has a discovery promlab simulates', () => {
    const r = importConfig(`scrape_configs:
  - job_name: mixed
    consul_sd_configs: [{server: 'consul:8500'}]
    dns_sd_configs: [{names: [accesslog], type: A, port: 80}]
`);
    if (!r.ok || !r.result.ok) throw new Error('should load');
    expect(r.removed.map((p) => p.path)).toEqual(['scrape_configs[0].consul_sd_configs']);
    expect(r.result.config.scrapeConfigs[0].dnsSDConfigs).toHaveLength(1);
  });

  it('returns a config with nothing to remove unchanged, and its validation errors with line:col', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 10s\n';
    const r = importConfig(text);
    if (!r.ok) throw new Error('yaml errors');
    expect(r.text).toBe(text);
    expect(r.removed).toEqual([]);
    expect(r.result).toEqual({
      ok: false,
      errors: [{ line: 4, col: 21, message: 'scrape timeout greater than scrape interval for scrape config with job name "a"' }],
    });
  });

  it('places the errors left after trimming in the pasted text too', () => {
    const pasted = `# jobs
remote_read:
  - url: http://thanos:10902/api/v1/read
scrape_configs:
  - job_name: k8s
    kubernetes_sd_configs: [{role: node}]
  - job_name: x   # bad timeout
    tls_config: {insecure_skip_verify: true}
    scrape_interval: 5s
    scrape_timeout: 9s
    static_configs:
      - targets: ['a:1', "http://b:2/metrics"]
`;
    const r = importConfig(pasted);
    if (!r.ok || r.result.ok) throw new Error('should fail to load');
    const timeout = 'scrape timeout greater than scrape interval for scrape config with job name "x"';
    const target = '"http://b:2/metrics" is not a valid hostname';
    expect(r.result.errors.map((e) => e.message)).toEqual([timeout, target]);
    expect(r.errors).toEqual([
      { line: 10, col: 21, message: timeout },
      { line: 12, col: 26, message: target },
    ]);
    // Nothing removed: the positions are the pasted text's already.
    const plain = importConfig('scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 10s\n');
    if (!plain.ok || plain.result.ok) throw new Error('should fail to load');
    expect(plain.errors).toEqual(plain.result.errors);
  });

  it('keeps aliases working when their anchor was in a removed part', () => {
    const r = importConfig(`scrape_configs:
  - &base
    job_name: k8s
    scrape_interval: 7s
    kubernetes_sd_configs: [{role: pod}]
  - <<: *base
    job_name: gallery
    static_configs: [{targets: ['image-gallery']}]
  - job_name: docker
    tls_config: &tls {ca_file: /etc/ca.pem}
    static_configs: [{targets: ['docker:9323']}]
  - job_name: iotd
    tls_config: *tls
    static_configs: [{targets: ['iotd']}]
`);
    if (!r.ok) throw new Error('yaml errors');
    if (!r.result.ok) throw new Error(JSON.stringify(r.result.errors));
    expect(r.removed.map((p) => p.path)).toEqual([
      'scrape_configs[0]',
      'scrape_configs[0].kubernetes_sd_configs',
      'scrape_configs[2].tls_config',
      'scrape_configs[3].tls_config',
    ]);
    expect(r.result.config.scrapeConfigs.map((c) => [c.jobName, c.scrapeInterval])).toEqual([
      ['gallery', 7000],
      ['docker', 60_000],
      ['iotd', 60_000],
    ]);
  });

  it('takes PrometheusProto out of the scrape protocols, keeping the text formats', () => {
    const r = importConfig(`global:
  scrape_protocols: [PrometheusProto, OpenMetricsText1.0.0, PrometheusText0.0.4]
scrape_configs:
  - job_name: a
    scrape_protocols: [PrometheusProto]
    fallback_scrape_protocol: PrometheusProto
    static_configs: [{targets: ['a:1']}]
`);
    if (!r.ok) throw new Error('yaml errors');
    if (!r.result.ok) throw new Error(JSON.stringify(r.result.errors));
    expect(r.removed.map((p) => `${p.path}@${p.line}:${p.col} ${p.kind}`)).toEqual([
      'global.scrape_protocols[0]@2:22 protocol',
      'scrape_configs[0].scrape_protocols@5:5 protocol',
      'scrape_configs[0].fallback_scrape_protocol@6:5 protocol',
    ]);
    expect(r.result.config.global.scrapeProtocols).toEqual(['OpenMetricsText1.0.0', 'PrometheusText0.0.4']);
    expect(r.result.config.scrapeConfigs[0].scrapeProtocols).toEqual(['OpenMetricsText1.0.0', 'PrometheusText0.0.4']);
  });

  it('reports YAML syntax errors with their line and column', () => {
    const r = importConfig('scrape_configs:\n  - job_name: a\n   bad: [\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].line).toBeGreaterThan(1);
    expect(r.errors[0].message).toMatch(/^yaml: /);
  });

  it('removes top-level sections, global settings and a config left with no scrape jobs', () => {
    const r = importConfig(`storage:
  tsdb:
    out_of_order_time_window: 10m
global:
  query_log_file: /prometheus/query.log
scrape_configs:
  - job_name: ec2
    ec2_sd_configs: [{region: eu-west-1}]
`);
    if (!r.ok || !r.result.ok) throw new Error('should load');
    expect(r.removed.map((p) => `${p.path}@${p.line}:${p.col}`)).toEqual([
      'storage@1:1',
      'global.query_log_file@5:3',
      'scrape_configs[0]@7:5',
      'scrape_configs[0].ec2_sd_configs@8:5',
    ]);
    expect(r.result.config.scrapeConfigs).toEqual([]);
  });
});
