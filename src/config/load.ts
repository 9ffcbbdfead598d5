// prometheus.yml → Config, validated and defaulted like Prometheus 3's config.Load (config/config.go,
// discovery/dns/dns.go, discovery/targetgroup). Errors carry the line:col of the offending node.
import { LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { Decoder } from './decode.ts';
import type { Field } from './decode.ts';
import { DEFAULT_SCRAPE_PROTOCOLS, SCRAPE_PROTOCOLS, type ScrapeProtocol } from './protocols.ts';
import { readDNSSDConfig, readFileSDConfig, readStaticConfig, sections } from './discovery.ts';
import { checkLabel, durationField, resolvePath, sizeField } from './fields.ts';
import { readRelabelConfigs } from './relabel.ts';
import type {
  AlertingConfig, AlertmanagerConfig, Config, ConfigError, ConfigResult, GlobalConfig, ScrapeConfig, ScrapeDefaults,
} from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const DEFAULT_GLOBAL = {
  scrapeInterval: MINUTE,
  scrapeTimeout: 10 * SECOND,
  evaluationInterval: MINUTE,
} as const;
const DEFAULT_METRICS_PATH = '/metrics';
const DEFAULT_SCHEME = 'http';
const DEFAULT_ALERTMANAGER_TIMEOUT = 10 * SECOND;

// config.go's patRulePath: a `*` only in the last path element.
const RULE_PATH = /^[^*]*(\*[^/]*)?$/;

// Go type names as yaml.v2 prints them in "field x not found in type T" and type errors.
const GO_CONFIG = 'config.plain';
const GO_SCRAPE_CONFIG = 'config.ScrapeConfig';

// Settings Prometheus accepts but promlab does not simulate: refused plainly rather than ignored (and trimmed by
// config/import.ts, which lists what it took out).
export const UNSIMULATED_TOP: readonly string[] = [
  'runtime', 'scrape_config_files', 'storage', 'tracing', 'remote_write', 'remote_read', 'otlp',
];
export const UNSIMULATED_GLOBAL: readonly string[] = [
  'query_log_file', 'scrape_failure_log_file', 'metric_name_validation_scheme',
  'metric_name_escaping_scheme', 'scrape_native_histograms',
  'convert_classic_histograms_to_nhcb', 'always_scrape_classic_histograms',
];
export const UNSIMULATED_SCRAPE: readonly string[] = [
  ...UNSIMULATED_GLOBAL.filter((f) => f !== 'query_log_file'),
  'enable_compression',
  'native_histogram_bucket_limit', 'native_histogram_min_bucket_factor',
  'basic_auth', 'authorization', 'oauth2', 'tls_config', 'proxy_url', 'no_proxy', 'proxy_from_environment',
  'proxy_connect_header', 'follow_redirects', 'enable_http2', 'http_headers', 'http_sd_configs',
  'kubernetes_sd_configs', 'consul_sd_configs', 'docker_sd_configs', 'dockerswarm_sd_configs', 'ec2_sd_configs',
];
export const UNSIMULATED_ALERTMANAGER: readonly string[] = [
  'basic_auth', 'authorization', 'oauth2', 'tls_config', 'proxy_url', 'follow_redirects', 'enable_http2', 'http_headers',
  'alert_relabel_configs', 'file_sd_configs', 'dns_sd_configs', 'http_sd_configs', 'kubernetes_sd_configs', 'consul_sd_configs',
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
  const f =
    d.fields(node, GO_CONFIG, ['global', 'rule_files', 'alerting', 'scrape_configs'], UNSIMULATED_TOP) ?? new Map<string, Field>();
  const global = readGlobal(d, f.get('global')?.value ?? null);
  const ruleFiles: string[] = [];
  for (const [item, path] of d.stringList(f.get('rule_files')?.value ?? null) ?? []) {
    if (RULE_PATH.test(path)) ruleFiles.push(resolvePath(path));
    else d.fail(item, `invalid rule file path ${JSON.stringify(path)}`);
  }
  const alerting = readAlerting(d, f.get('alerting')?.value ?? null);
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
  return { global, ruleFiles, alerting, scrapeConfigs };
}

function readAlerting(d: Decoder, node: Node | null): AlertingConfig {
  const f = d.fields(node, GO_CONFIG, ['alert_relabel_configs', 'alertmanagers'], []) ?? new Map<string, Field>();
  const alertmanagers: AlertmanagerConfig[] = [];
  const field = f.get('alertmanagers');
  for (const item of (field && d.items(field.value, '[]*config.AlertmanagerConfig')) ?? []) {
    if (d.isNull(item)) {
      d.fail(item ?? field!.key, 'empty or null alertmanager config');
      continue;
    }
    const am = readAlertmanager(d, item!);
    if (am) alertmanagers.push(am);
  }
  return { alertRelabelConfigs: readRelabelConfigs(d, f.get('alert_relabel_configs'), 'empty or null alert relabeling rule'), alertmanagers };
}

function readAlertmanager(d: Decoder, node: Node): AlertmanagerConfig | undefined {
  const f = d.fields(
    node,
    GO_CONFIG,
    ['static_configs', 'scheme', 'path_prefix', 'timeout', 'api_version', 'relabel_configs'],
    UNSIMULATED_ALERTMANAGER,
  );
  if (!f) return undefined;
  const scheme = readScheme(d, f);
  const versionField = f.get('api_version');
  const version = versionField ? d.string(versionField.value) : 'v2';
  if (version === 'v1') d.fail(versionField!.value!, 'alertmanager api v1 is no longer supported');
  else if (version !== undefined && version !== 'v2') {
    d.fail(versionField!.value ?? versionField!.key, `expected Alertmanager api version to be one of [v2] but got ${version}`);
  }
  return {
    staticConfigs: sections(d, f.get('static_configs'), '[]*targetgroup.Group', 'static_configs', readStaticConfig),
    scheme,
    pathPrefix: f.has('path_prefix') ? (d.string(f.get('path_prefix')!.value) ?? '') : '',
    timeout: durationField(d, f, 'timeout') || DEFAULT_ALERTMANAGER_TIMEOUT,
    apiVersion: 'v2',
    relabelConfigs: readRelabelConfigs(d, f.get('relabel_configs'), 'empty or null Alertmanager target relabeling rule'),
  };
}

function readScheme(d: Decoder, f: Map<string, Field>): 'http' | 'https' {
  const scheme = f.has('scheme') ? d.string(f.get('scheme')!.value) : DEFAULT_SCHEME;
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    d.fail(f.get('scheme')!.value ?? f.get('scheme')!.key, `invalid scheme: ${JSON.stringify(scheme)}`);
  }
  return scheme === 'https' ? 'https' : 'http';
}

function readGlobal(d: Decoder, node: Node | null): GlobalConfig {
  const f =
    d.fields(
      node,
      GO_CONFIG,
      [
        'scrape_interval', 'scrape_timeout', 'evaluation_interval', 'rule_query_offset', 'external_labels', 'sample_limit', 'label_limit',
        'label_name_length_limit', 'label_value_length_limit', 'target_limit', 'keep_dropped_targets', 'scrape_protocols',
        'extra_scrape_metrics', 'body_size_limit',
      ],
      UNSIMULATED_GLOBAL,
    ) ??
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
    ruleQueryOffset: durationField(d, f, 'rule_query_offset'),
    externalLabels,
    ...readScrapeDefaults(d, f, PROMETHEUS_SCRAPE_DEFAULTS),
  };
}

/** What a global section that sets none of them hands every scrape config: no limits, the default protocols. */
const PROMETHEUS_SCRAPE_DEFAULTS: ScrapeDefaults = {
  scrapeProtocols: [...DEFAULT_SCRAPE_PROTOCOLS],
  sampleLimit: 0,
  labelLimit: 0,
  labelNameLengthLimit: 0,
  labelValueLengthLimit: 0,
  targetLimit: 0,
  keepDroppedTargets: 0,
  bodySizeLimit: 0,
  extraScrapeMetrics: false,
};

/**
 * The fields global sets for every scrape config and a scrape config may set for itself (the same YAML keys in
 * both): what `f` leaves unset, or sets to a zero limit, is `inherited`'s.
 */
function readScrapeDefaults(d: Decoder, f: Map<string, Field>, inherited: ScrapeDefaults): ScrapeDefaults {
  const limit = (name: string, fallback: number) => (d.uint(f.get(name)?.value ?? null) ?? 0) || fallback;
  return {
    scrapeProtocols: readProtocols(d, f.get('scrape_protocols')) ?? [...inherited.scrapeProtocols],
    sampleLimit: limit('sample_limit', inherited.sampleLimit),
    labelLimit: limit('label_limit', inherited.labelLimit),
    labelNameLengthLimit: limit('label_name_length_limit', inherited.labelNameLengthLimit),
    labelValueLengthLimit: limit('label_value_length_limit', inherited.labelValueLengthLimit),
    targetLimit: limit('target_limit', inherited.targetLimit),
    keepDroppedTargets: limit('keep_dropped_targets', inherited.keepDroppedTargets),
    bodySizeLimit: sizeField(d, f, 'body_size_limit') || inherited.bodySizeLimit,
    // A setting of its own wins, either way; absent, the inherited one applies.
    extraScrapeMetrics: f.has('extra_scrape_metrics')
      ? (d.bool(f.get('extra_scrape_metrics')!.value) ?? false)
      : inherited.extraScrapeMetrics,
  };
}

function readScrapeConfig(d: Decoder, node: Node, global: GlobalConfig): { config: ScrapeConfig; nameNode: Node } | undefined {
  const f = d.fields(
    node,
    GO_SCRAPE_CONFIG,
    [
      'job_name', 'honor_labels', 'honor_timestamps', 'track_timestamps_staleness', 'params', 'scrape_interval', 'scrape_timeout',
      'metrics_path', 'scheme', 'scrape_protocols', 'fallback_scrape_protocol', 'sample_limit', 'label_limit',
      'label_name_length_limit', 'label_value_length_limit', 'target_limit', 'keep_dropped_targets', 'static_configs',
      'dns_sd_configs', 'file_sd_configs', 'relabel_configs', 'extra_scrape_metrics', 'body_size_limit',
      'metric_relabel_configs',
    ],
    UNSIMULATED_SCRAPE,
  );
  if (!f) return undefined;
  const nameField = f.get('job_name');
  const nameNode = nameField?.value ?? nameField?.key ?? node;
  const jobName = d.string(nameField?.value ?? null) ?? '';
  if (jobName === '') d.fail(nameNode, 'job_name is empty');

  const scheme = readScheme(d, f);

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
    scheme,
    params: readParams(d, f.get('params')?.value ?? null),
    honorLabels: d.bool(f.get('honor_labels')?.value ?? null) ?? false,
    // honor_timestamps defaults to true: a bool field that is absent keeps Prometheus' default.
    honorTimestamps: f.has('honor_timestamps') ? (d.bool(f.get('honor_timestamps')!.value) ?? true) : true,
    trackTimestampsStaleness: d.bool(f.get('track_timestamps_staleness')?.value ?? null) ?? false,
    ...readScrapeDefaults(d, f, global),
    fallbackScrapeProtocol: readFallbackProtocol(d, f.get('fallback_scrape_protocol'), jobName),
    staticConfigs: sections(d, f.get('static_configs'), '[]*targetgroup.Group', 'static_configs', readStaticConfig),
    dnsSDConfigs: sections(d, f.get('dns_sd_configs'), '[]*dns.SDConfig', 'dns_sd_configs', readDNSSDConfig),
    fileSDConfigs: sections(d, f.get('file_sd_configs'), '[]*file.SDConfig', 'file_sd_configs', readFileSDConfig),
    relabelConfigs: readRelabelConfigs(d, f.get('relabel_configs'), 'empty or null target relabeling rule in scrape config'),
    metricRelabelConfigs: readRelabelConfigs(d, f.get('metric_relabel_configs'), 'empty or null metric relabeling rule in scrape config'),
  };
  return { config, nameNode };
}

const SUPPORTED_PROTOCOLS = `[${[...SCRAPE_PROTOCOLS].sort().join(' ')}]`;

/** A scrape protocol name; PrometheusProto is valid Prometheus but the playground has no protobuf parser. */
function readProtocol(d: Decoder, node: Node, text: string, prefix = ''): ScrapeProtocol | undefined {
  const p = SCRAPE_PROTOCOLS.find((x) => x === text);
  if (!p) d.fail(node, `${prefix}unknown scrape protocol ${text}, supported: ${SUPPORTED_PROTOCOLS}`);
  else if (p === 'PrometheusProto') d.fail(node, 'scrape protocol PrometheusProto is not supported by promlab');
  else return p;
  return undefined;
}

/** scrape_protocols: not empty, no repeats (config.validateAcceptScrapeProtocols); undefined when absent. */
function readProtocols(d: Decoder, field: Field | undefined): ScrapeProtocol[] | undefined {
  if (!field) return undefined;
  const items = d.stringList(field.value) ?? [];
  if (items.length === 0) d.fail(field.value ?? field.key, 'scrape_protocols cannot be empty');
  const out: ScrapeProtocol[] = [];
  for (const [node, text] of items) {
    const p = readProtocol(d, node, text);
    if (p && out.includes(p)) d.fail(node, `duplicated protocol in scrape_protocols, got [${items.map(([, t]) => t).join(' ')}]`);
    else if (p) out.push(p);
  }
  return out;
}

function readFallbackProtocol(d: Decoder, field: Field | undefined, jobName: string): ScrapeProtocol | null {
  if (!field || d.isNull(field.value)) return null;
  const text = d.string(field.value);
  if (text === undefined) return null;
  const prefix = `invalid fallback_scrape_protocol for scrape config with job name ${JSON.stringify(jobName)}: `;
  return readProtocol(d, field.value!, text, prefix) ?? null;
}

/** params: url.Values, a map from names to lists of values. */
function readParams(d: Decoder, node: Node | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of d.pairs(node, 'url.Values') ?? []) {
    const name = d.string(d.resolve(pair.key));
    const values = d.stringList(d.resolve(pair.value));
    if (name !== undefined && values) out[name] = values.map(([, v]) => v);
  }
  return out;
}
