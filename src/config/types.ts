// The parsed prometheus.yml, with Prometheus' defaults filled in. Durations are milliseconds.

import type { RelabelConfig } from '../relabel/relabel.ts';

export interface GlobalConfig {
  scrapeInterval: number;
  scrapeTimeout: number;
  evaluationInterval: number;
  externalLabels: Record<string, string>;
  /** Per-scrape limits every scrape config inherits unless it sets its own; 0 means no limit. */
  sampleLimit: number;
  labelLimit: number;
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

export interface ScrapeConfig {
  jobName: string;
  scrapeInterval: number;
  scrapeTimeout: number;
  metricsPath: string;
  scheme: 'http' | 'https';
  /** URL query parameters sent with every scrape (a __param_<name> label overrides the first value). */
  params: Record<string, string[]>;
  honorLabels: boolean;
  honorTimestamps: boolean;
  /** 0 means no limit; over the limit the whole scrape fails. */
  sampleLimit: number;
  labelLimit: number;
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
