// The parsed prometheus.yml, with Prometheus' defaults filled in. Durations are milliseconds.

import type { RelabelConfig } from '../relabel/relabel.ts';
import type { ScrapeProtocol } from './protocols.ts';

/** What every scrape config inherits from `global` unless it sets its own. */
export interface ScrapeDefaults {
  /** Formats to ask for, in order of preference (the Accept header). */
  scrapeProtocols: ScrapeProtocol[];
  /** 0 means no limit; over a limit the whole scrape fails. */
  sampleLimit: number;
  labelLimit: number;
  labelNameLengthLimit: number;
  labelValueLengthLimit: number;
  /** Over this many targets every scrape of the pool fails; 0 means no limit. */
  targetLimit: number;
  /** How many dropped targets to keep for the pages; 0 keeps all. */
  keepDroppedTargets: number;
  /** Bytes; a larger response body fails the scrape; 0 means no limit. */
  bodySizeLimit: number;
  /** Also report scrape_timeout_seconds, scrape_sample_limit and scrape_body_size_bytes. */
  extraScrapeMetrics: boolean;
}

export interface GlobalConfig extends ScrapeDefaults {
  scrapeInterval: number;
  scrapeTimeout: number;
  evaluationInterval: number;
  /** How far back rule groups evaluate by default (a group's query_offset overrides it). */
  ruleQueryOffset: number;
  externalLabels: Record<string, string>;
}

export interface StaticConfig {
  targets: string[];
  labels: Record<string, string>;
}

export interface DNSSDConfig {
  names: string[];
  type: 'A' | 'AAAA' | 'SRV';
  port: number;
  refreshInterval: number;
}

/** file_sd_configs: target groups read from JSON or YAML files, re-read when they change. */
export interface FileSDConfig {
  /** Patterns with `*` in the last path element, made absolute against the config's directory. */
  files: string[];
  refreshInterval: number;
}

export interface ScrapeConfig extends ScrapeDefaults {
  jobName: string;
  scrapeInterval: number;
  scrapeTimeout: number;
  metricsPath: string;
  scheme: 'http' | 'https';
  /** URL query parameters sent with every scrape (a __param_<name> label overrides the first value). */
  params: Record<string, string[]>;
  honorLabels: boolean;
  honorTimestamps: boolean;
  /** Staleness markers for series with explicit timestamps too. */
  trackTimestampsStaleness: boolean;
  /** How to parse a response with a missing or unknown Content-Type; null fails such scrapes. */
  fallbackScrapeProtocol: ScrapeProtocol | null;
  staticConfigs: StaticConfig[];
  dnsSDConfigs: DNSSDConfig[];
  fileSDConfigs: FileSDConfig[];
  relabelConfigs: RelabelConfig[];
  metricRelabelConfigs: RelabelConfig[];
}

export interface AlertmanagerConfig {
  staticConfigs: StaticConfig[];
  scheme: 'http' | 'https';
  pathPrefix: string;
  timeout: number;
  apiVersion: 'v2';
  relabelConfigs: RelabelConfig[];
}

export interface AlertingConfig {
  alertRelabelConfigs: RelabelConfig[];
  alertmanagers: AlertmanagerConfig[];
}

export interface Config {
  global: GlobalConfig;
  /** Rule file patterns, made absolute against the config's directory (/etc/prometheus). */
  ruleFiles: string[];
  alerting: AlertingConfig;
  scrapeConfigs: ScrapeConfig[];
}

/** A validation error at a 1-based line and column of the YAML source. */
export interface ConfigError {
  line: number;
  col: number;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: ConfigError[] };
