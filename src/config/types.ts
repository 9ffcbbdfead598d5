// The parsed prometheus.yml, with Prometheus' defaults filled in. Durations are milliseconds.

export interface GlobalConfig {
  scrapeInterval: number;
  scrapeTimeout: number;
  evaluationInterval: number;
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

export interface ScrapeConfig {
  jobName: string;
  scrapeInterval: number;
  scrapeTimeout: number;
  metricsPath: string;
  scheme: 'http' | 'https';
  honorLabels: boolean;
  staticConfigs: StaticConfig[];
  dnsSDConfigs: DNSSDConfig[];
}

export interface Config {
  global: GlobalConfig;
  scrapeConfigs: ScrapeConfig[];
}

/** A validation error at a 1-based line and column of the YAML source. */
export interface ConfigError {
  line: number;
  col: number;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: ConfigError[] };
