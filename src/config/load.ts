// prometheus.yml → Config, validated and defaulted like Prometheus 3's config.Load (config/config.go,
// discovery/dns/dns.go, discovery/targetgroup). Errors carry the line:col of the offending node.
import { LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { Decoder } from './decode.ts';
import type { Field } from './decode.ts';
import type { Config, ConfigError, ConfigResult, DNSSDConfig, GlobalConfig, ScrapeConfig, StaticConfig } from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const DEFAULT_GLOBAL = {
  scrapeInterval: MINUTE,
  scrapeTimeout: 10 * SECOND,
  evaluationInterval: MINUTE,
} as const;
const DEFAULT_METRICS_PATH = '/metrics';
const DEFAULT_SCHEME = 'http';
const DEFAULT_DNS_SD = { type: 'SRV', refreshInterval: 30 * SECOND } as const;

// Go type names as yaml.v2 prints them in "field x not found in type T" and type errors.
const GO_CONFIG = 'config.plain';
const GO_SCRAPE_CONFIG = 'config.ScrapeConfig';
const GO_TARGET_GROUP = 'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }';
const GO_DNS_SD = 'dns.plain';

// Settings Prometheus accepts but promlab does not simulate: refused plainly rather than ignored.
const UNSIMULATED_TOP = [
  'runtime', 'alerting', 'rule_files', 'scrape_config_files', 'storage', 'tracing', 'remote_write', 'remote_read', 'otlp',
];
const UNSIMULATED_GLOBAL = [
  'scrape_protocols', 'rule_query_offset', 'query_log_file', 'scrape_failure_log_file', 'body_size_limit',
  'sample_limit', 'target_limit', 'label_limit', 'label_name_length_limit', 'label_value_length_limit',
  'keep_dropped_targets', 'metric_name_validation_scheme', 'metric_name_escaping_scheme', 'scrape_native_histograms',
  'convert_classic_histograms_to_nhcb', 'always_scrape_classic_histograms', 'extra_scrape_metrics',
];
const UNSIMULATED_SCRAPE = [
  ...UNSIMULATED_GLOBAL.filter((f) => !['rule_query_offset', 'query_log_file'].includes(f)),
  'honor_timestamps', 'track_timestamps_staleness', 'params', 'fallback_scrape_protocol', 'enable_compression',
  'native_histogram_bucket_limit', 'native_histogram_min_bucket_factor', 'relabel_configs', 'metric_relabel_configs',
  'basic_auth', 'authorization', 'oauth2', 'tls_config', 'proxy_url', 'no_proxy', 'proxy_from_environment',
  'proxy_connect_header', 'follow_redirects', 'enable_http2', 'http_headers', 'file_sd_configs', 'http_sd_configs',
  'kubernetes_sd_configs', 'consul_sd_configs', 'docker_sd_configs', 'dockerswarm_sd_configs', 'ec2_sd_configs',
];

/** Parses and validates prometheus.yml text; all errors found are returned, in document order. */
export function loadConfig(text: string): ConfigResult {
  const lines = new LineCounter();
  // YAML 1.1 like Go's yaml.v2 (yes/no are booleans); duplicate keys are reported by the Decoder.
  const doc = parseDocument(text, { lineCounter: lines, version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ ...lines.linePos(e.pos[0]), message: `yaml: ${e.message}` })) };
  }
  const d = new Decoder(doc, lines);
  const config = readConfig(d, d.resolve(doc.contents));
  if (d.errors.length > 0) return { ok: false, errors: [...d.errors].sort(byPosition) };
  return { ok: true, config };
}

function byPosition(a: ConfigError, b: ConfigError): number {
  return a.line - b.line || a.col - b.col;
}

function readConfig(d: Decoder, node: Node | null): Config {
  const f = d.fields(node, GO_CONFIG, ['global', 'scrape_configs'], UNSIMULATED_TOP) ?? new Map<string, Field>();
  const global = readGlobal(d, f.get('global')?.value ?? null);
  const scrapeConfigs: ScrapeConfig[] = [];
  const jobNames = new Set<string>();
  const jobs = f.get('scrape_configs');
  for (const item of (jobs && d.items(jobs.value, '[]*config.ScrapeConfig')) ?? []) {
    if (d.isNull(item)) {
      d.fail(item ?? jobs!.key, 'empty or null scrape config section');
      continue;
    }
    const job = readScrapeConfig(d, item!, global);
    if (!job) continue;
    if (jobNames.has(job.config.jobName)) {
      d.fail(job.nameNode, `found multiple scrape configs with job name ${JSON.stringify(job.config.jobName)}`);
    }
    jobNames.add(job.config.jobName);
    scrapeConfigs.push(job.config);
  }
  return { global, scrapeConfigs };
}

function readGlobal(d: Decoder, node: Node | null): GlobalConfig {
  const f =
    d.fields(node, GO_CONFIG, ['scrape_interval', 'scrape_timeout', 'evaluation_interval', 'external_labels'], UNSIMULATED_GLOBAL) ??
    new Map<string, Field>();
  const externalLabels: Record<string, string> = {};
  for (const [key, name, value] of d.stringMap(f.get('external_labels')?.value ?? null, 'map[string]string', 'string')) {
    if (checkLabel(d, key, name, value)) externalLabels[name] = value;
  }
  // A zero (unset) interval takes the default first; only then is an explicit timeout compared with it.
  const scrapeInterval = durationField(d, f, 'scrape_interval') || DEFAULT_GLOBAL.scrapeInterval;
  const timeout = durationField(d, f, 'scrape_timeout');
  if (timeout > scrapeInterval) d.fail(f.get('scrape_timeout')!.value!, 'global scrape timeout greater than scrape interval');
  return {
    scrapeInterval,
    scrapeTimeout: timeout || Math.min(DEFAULT_GLOBAL.scrapeTimeout, scrapeInterval),
    evaluationInterval: durationField(d, f, 'evaluation_interval') || DEFAULT_GLOBAL.evaluationInterval,
    externalLabels,
  };
}

function readScrapeConfig(d: Decoder, node: Node, global: GlobalConfig): { config: ScrapeConfig; nameNode: Node } | undefined {
  const f = d.fields(
    node,
    GO_SCRAPE_CONFIG,
    ['job_name', 'honor_labels', 'scrape_interval', 'scrape_timeout', 'metrics_path', 'scheme', 'static_configs', 'dns_sd_configs'],
    UNSIMULATED_SCRAPE,
  );
  if (!f) return undefined;
  const nameField = f.get('job_name');
  const nameNode = nameField?.value ?? nameField?.key ?? node;
  const jobName = d.string(nameField?.value ?? null) ?? '';
  if (jobName === '') d.fail(nameNode, 'job_name is empty');

  const scheme = f.has('scheme') ? d.string(f.get('scheme')!.value) : DEFAULT_SCHEME;
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    d.fail(f.get('scheme')!.value ?? f.get('scheme')!.key, `invalid scheme: ${JSON.stringify(scheme)}`);
  }

  // ScrapeConfig.Validate: the interval defaults to the global one; an explicit timeout may not exceed it,
  // an unset one becomes the smaller of the global timeout and this interval.
  const scrapeInterval = durationField(d, f, 'scrape_interval') || global.scrapeInterval;
  const timeout = durationField(d, f, 'scrape_timeout');
  if (timeout > scrapeInterval) {
    d.fail(
      f.get('scrape_timeout')!.value!,
      `scrape timeout greater than scrape interval for scrape config with job name ${JSON.stringify(jobName)}`,
    );
  }

  const config: ScrapeConfig = {
    jobName,
    scrapeInterval,
    scrapeTimeout: timeout || Math.min(global.scrapeTimeout, scrapeInterval),
    metricsPath: f.has('metrics_path') ? (d.string(f.get('metrics_path')!.value) ?? DEFAULT_METRICS_PATH) : DEFAULT_METRICS_PATH,
    scheme: scheme === 'https' ? 'https' : 'http',
    honorLabels: d.bool(f.get('honor_labels')?.value ?? null) ?? false,
    staticConfigs: sections(d, f.get('static_configs'), '[]*targetgroup.Group', 'static_configs', readStaticConfig),
    dnsSDConfigs: sections(d, f.get('dns_sd_configs'), '[]*dns.SDConfig', 'dns_sd_configs', readDNSSDConfig),
  };
  return { config, nameNode };
}

/** A list of service-discovery sections; null entries fail like discovery.readConfigs. */
function sections<T>(
  d: Decoder,
  field: Field | undefined,
  goType: string,
  key: string,
  read: (d: Decoder, node: Node) => T | undefined,
): T[] {
  const out: T[] = [];
  for (const item of (field && d.items(field.value, goType)) ?? []) {
    if (d.isNull(item)) {
      d.fail(item ?? field!.key, `empty or null section in ${key}`);
      continue;
    }
    const section = read(d, item!);
    if (section) out.push(section);
  }
  return out;
}

function readStaticConfig(d: Decoder, node: Node): StaticConfig | undefined {
  const f = d.fields(node, GO_TARGET_GROUP, ['targets', 'labels'], []);
  if (!f) return undefined;
  const targets: string[] = [];
  for (const [item, target] of d.stringList(f.get('targets')?.value ?? null) ?? []) {
    // config.CheckTargetAddress: a URL (scheme or path) where a host:port belongs.
    if (target.includes('/')) d.fail(item, `${JSON.stringify(target)} is not a valid hostname`);
    else targets.push(target);
  }
  const labels: Record<string, string> = {};
  for (const [key, name, value] of d.stringMap(f.get('labels')?.value ?? null, 'model.LabelSet', 'model.LabelValue')) {
    if (checkLabel(d, key, name, value)) labels[name] = value;
  }
  return { targets, labels };
}

function readDNSSDConfig(d: Decoder, node: Node): DNSSDConfig | undefined {
  const f = d.fields(node, GO_DNS_SD, ['names', 'refresh_interval', 'type', 'port'], []);
  if (!f) return undefined;
  const names = (d.stringList(f.get('names')?.value ?? null) ?? []).map(([, name]) => name);
  if (names.length === 0) {
    d.fail(node, 'DNS-SD config must contain at least one SRV record name');
  }
  const typeField = f.get('type');
  const written = typeField ? d.string(typeField.value) : DEFAULT_DNS_SD.type;
  const port = d.int(f.get('port')?.value ?? null);
  const refreshInterval = f.has('refresh_interval') ? durationField(d, f, 'refresh_interval') : DEFAULT_DNS_SD.refreshInterval;
  if (written === undefined || port === undefined) return undefined;
  const typeNode = typeField?.value ?? typeField?.key ?? node;
  const type = written.toUpperCase();
  switch (type) {
    case 'SRV':
      // The port is ignored for SRV records: they carry their own.
      return { names, type, port, refreshInterval };
    case 'A':
    case 'AAAA':
      if (port === 0) {
        d.fail(f.get('port')?.value ?? node, 'a port is required in DNS-SD configs for all record types except SRV');
      }
      return { names, type, port, refreshInterval };
    case 'MX':
    case 'NS':
      d.fail(typeNode, `DNS-SD records type ${written} is not supported by promlab`);
      return undefined;
    default:
      d.fail(typeNode, `invalid DNS-SD records type ${written}`);
      return undefined;
  }
}

/** A field's duration in ms; 0 when absent, null or invalid (the error is recorded). */
function durationField(d: Decoder, f: Map<string, Field>, name: string): number {
  const field = f.get(name);
  return (field && d.duration(field.value)) ?? 0;
}

/** Prometheus 3 validates names as UTF-8 (only "" is invalid) and values as valid UTF-8. */
function checkLabel(d: Decoder, key: Node, name: string, value: string): boolean {
  if (name === '' || !isWellFormed(name)) {
    d.fail(key, `${JSON.stringify(name)} is not a valid label name`);
    return false;
  }
  if (!isWellFormed(value)) {
    d.fail(key, `${JSON.stringify(value)} is not a valid label value`);
    return false;
  }
  return true;
}

// A JS string is valid UTF-8 once encoded unless it holds a lone surrogate (from a "\ud800" escape).
function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
