// Scrape targets: turning discovered label sets into targets (Prometheus' scrape/target.go PopulateLabels):
// scrape-config defaults, relabel_configs, the checks on __address__ and the interval labels, `instance` defaulting
// to the address, and the internal `__` labels that decide the URL but never reach a series.

import type { ScrapeConfig } from '../config/types.ts';
import { parseDuration, DurationError } from '../model/duration.ts';
import { formatDuration } from '../model/duration.ts';
import { LabelsBuilder, labelsFromRecord, labelsKey, type Labels } from '../model/labels/labels.ts';
import type { TargetGroup } from '../discovery/targetgroup.ts';
import { relabelSteps } from '../relabel/relabel.ts';
import type { TargetHealth } from '../model/target.ts';
import type { MetricMetadata } from '../textparse/types.ts';

export const ADDRESS_LABEL = '__address__';
export const SCHEME_LABEL = '__scheme__';
export const METRICS_PATH_LABEL = '__metrics_path__';
export const SCRAPE_INTERVAL_LABEL = '__scrape_interval__';
export const SCRAPE_TIMEOUT_LABEL = '__scrape_timeout__';
export const PARAM_LABEL_PREFIX = '__param_';
export const META_LABEL_PREFIX = '__meta_';

export class Target {
  health: TargetHealth = 'unknown';
  lastScrape: number | null = null;
  lastScrapeDuration = 0;
  lastError = '';
  /** Samples of the last scrape, before and after metric_relabel_configs. */
  lastSamples = 0;
  lastSamplesPostRelabel = 0;
  /** Samples the head refused, since the target appeared (prometheus_target_scrapes_sample_*_total). */
  outOfOrder = 0;
  duplicate = 0;
  /** Scrapes that failed for exceeding sample_limit / label_limit. */
  sampleLimitExceeded = 0;
  labelLimitExceeded = 0;
  /** Where in each interval this target is scraped, in ms after the interval's start. */
  offset = 0;
  /** TYPE/HELP/UNIT by metric family from the last successful scrape. */
  metadata = new Map<string, MetricMetadata>();

  constructor(
    /** Labels after relabeling without the `__` ones: what every scraped series of this target carries. */
    readonly labels: Labels,
    /** Labels as discovery reported them, with the scrape config's defaults, before relabeling. */
    readonly discoveredLabels: Labels,
    readonly url: string,
    readonly interval: number,
    readonly timeout: number,
  ) {}

  /** Takes over the scrape state of the same target under the previous config (after a reload). */
  carryOver(old: Target): void {
    this.health = old.health;
    this.lastScrape = old.lastScrape;
    this.lastScrapeDuration = old.lastScrapeDuration;
    this.lastError = old.lastError;
    this.lastSamples = old.lastSamples;
    this.lastSamplesPostRelabel = old.lastSamplesPostRelabel;
    this.outOfOrder = old.outOfOrder;
    this.duplicate = old.duplicate;
    this.sampleLimitExceeded = old.sampleLimitExceeded;
    this.labelLimitExceeded = old.labelLimitExceeded;
    this.metadata = old.metadata;
  }

  /** Identity of the target within its pool: same labels and URL means the same target across discovery updates. */
  get key(): string {
    return labelsKey(this.labels) + '\n' + this.url;
  }
}

/** A discovered target that is not scraped, and why. */
export interface DroppedTargetEntry {
  readonly discoveredLabels: Labels;
  readonly reason: string;
}

/** Builds the targets of one target group; dropped ones come with the reason. */
export function targetsFromGroup(group: TargetGroup, cfg: ScrapeConfig): { targets: Target[]; dropped: DroppedTargetEntry[] } {
  const targets: Target[] = [];
  const dropped: DroppedTargetEntry[] = [];
  for (const t of group.targets) {
    const discoveredLabels = discoveredTargetLabels({ ...group.labels, ...t }, cfg);
    const result = populateLabels(discoveredLabels, cfg);
    if (typeof result === 'string') dropped.push({ discoveredLabels, reason: result });
    else targets.push(result);
  }
  return { targets, dropped };
}

/** A target's labels before relabeling: what discovery found, plus the scrape config's defaults where it set none. */
export function discoveredTargetLabels(found: Record<string, string>, cfg: ScrapeConfig): Labels {
  const lb = new LabelsBuilder(labelsFromRecord(found));
  const defaults: Record<string, string> = {
    job: cfg.jobName,
    [SCRAPE_INTERVAL_LABEL]: formatDuration(cfg.scrapeInterval),
    [SCRAPE_TIMEOUT_LABEL]: formatDuration(cfg.scrapeTimeout),
    [METRICS_PATH_LABEL]: cfg.metricsPath,
    [SCHEME_LABEL]: cfg.scheme,
  };
  for (const [name, values] of Object.entries(cfg.params)) if (values.length) defaults[PARAM_LABEL_PREFIX + name] = values[0];
  for (const [k, v] of Object.entries(defaults)) if (!lb.has(k)) lb.set(k, v);
  return lb.labels();
}

function populateLabels(discovered: Labels, cfg: ScrapeConfig): Target | string {
  const steps = relabelSteps(discovered, cfg.relabelConfigs);
  const last = steps.at(-1);
  if (last && last.after === null) return `dropped by relabel_configs[${last.index}] (action ${last.config.action})`;
  const lb = new LabelsBuilder(last?.after ?? discovered);

  const address = lb.get(ADDRESS_LABEL);
  if (address === '') return 'no address';
  // config.CheckTargetAddress; Prometheus 3 appends no default port, so `image-gallery` stays as written.
  if (address.includes('/')) return `${JSON.stringify(address)} is not a valid hostname`;
  const interval = durationLabel(lb, SCRAPE_INTERVAL_LABEL, 'interval');
  if (typeof interval === 'string') return interval;
  const timeout = durationLabel(lb, SCRAPE_TIMEOUT_LABEL, 'timeout');
  if (typeof timeout === 'string') return timeout;
  if (timeout > interval) {
    const [t, i] = [lb.get(SCRAPE_TIMEOUT_LABEL), lb.get(SCRAPE_INTERVAL_LABEL)].map((v) => JSON.stringify(v));
    return `scrape timeout cannot be greater than scrape interval (${t} > ${i})`;
  }
  for (const name of lb.names()) if (name.startsWith(META_LABEL_PREFIX)) lb.del(name);
  if (!lb.has('instance')) lb.set('instance', address);

  const url = scrapeUrl(lb, cfg);
  for (const name of lb.names()) if (name.startsWith('__')) lb.del(name);
  return new Target(lb.labels(), discovered, url, interval, timeout);
}

function durationLabel(lb: LabelsBuilder, name: string, what: string): number | string {
  try {
    const ms = parseDuration(lb.get(name));
    return ms === 0 ? `scrape ${what} cannot be 0` : ms;
  } catch (err) {
    if (!(err instanceof DurationError)) throw err;
    return `error parsing scrape ${what}: ${err.message}`;
  }
}

/** scheme://address/path?params, where a __param_<name> label replaces the first value of that parameter. */
function scrapeUrl(lb: LabelsBuilder, cfg: ScrapeConfig): string {
  const params = new URLSearchParams();
  const names = new Set(Object.keys(cfg.params));
  for (const name of lb.names()) if (name.startsWith(PARAM_LABEL_PREFIX)) names.add(name.slice(PARAM_LABEL_PREFIX.length));
  for (const name of [...names].sort()) {
    const values = [...(cfg.params[name] ?? [])];
    const fromLabel = lb.get(PARAM_LABEL_PREFIX + name);
    if (fromLabel !== '') values[0] = fromLabel;
    for (const v of values) params.append(name, v);
  }
  const query = params.toString();
  return `${lb.get(SCHEME_LABEL)}://${lb.get(ADDRESS_LABEL)}${lb.get(METRICS_PATH_LABEL)}${query ? `?${query}` : ''}`;
}
