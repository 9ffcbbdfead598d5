// Loading a prometheus.yml in tests: the config it must load into, or the errors it must be refused with.

import { loadConfig } from '../../src/config/load.ts';
import { DEFAULT_SCRAPE_PROTOCOLS } from '../../src/config/protocols.ts';
import type { Config, ConfigError, GlobalConfig } from '../../src/config/types.ts';

export function ok(text: string): Config {
  const result = loadConfig(text);
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.errors)}`);
  return result.config;
}

export function errors(text: string): ConfigError[] {
  const result = loadConfig(text);
  if (result.ok) throw new Error('expected errors, config loaded');
  return result.errors;
}

/** The `global` section as Prometheus fills it in when a file leaves it out, with `changes` over it. */
export function defaultGlobal(changes: Partial<GlobalConfig> = {}): GlobalConfig {
  return {
    scrapeInterval: 60_000,
    scrapeTimeout: 10_000,
    evaluationInterval: 60_000,
    ruleQueryOffset: 0,
    externalLabels: {},
    sampleLimit: 0,
    labelLimit: 0,
    labelNameLengthLimit: 0,
    labelValueLengthLimit: 0,
    targetLimit: 0,
    keepDroppedTargets: 0,
    bodySizeLimit: 0,
    scrapeProtocols: [...DEFAULT_SCRAPE_PROTOCOLS],
    extraScrapeMetrics: false,
    ...changes,
  };
}
