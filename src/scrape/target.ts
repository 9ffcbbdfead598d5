// Scrape targets: turning discovered label sets into target labels (Prometheus' scrape/target.go PopulateLabels).

import type { ScrapeConfig } from '../config/types.ts';
import { formatDuration } from '../config/format.ts';
import { LabelsBuilder, labelsFromRecord, labelsKey, type Labels } from '../labels/labels.ts';
import type { TargetGroup } from '../discovery/targetgroup.ts';
import type { TargetHealth } from '../server/types.ts';

export const ADDRESS_LABEL = '__address__';
export const SCHEME_LABEL = '__scheme__';
export const METRICS_PATH_LABEL = '__metrics_path__';

export class Target {
  health: TargetHealth = 'unknown';
  lastScrape: number | null = null;
  lastScrapeDuration = 0;
  lastError = '';

  constructor(
    /** Labels after relabeling: what every scraped series of this target carries. */
    readonly labels: Labels,
    /** Labels as discovery reported them, before relabeling. */
    readonly discoveredLabels: Labels,
    readonly url: string,
  ) {}

  /** Identity of the target within its pool: same labels and URL means the same target across discovery updates. */
  get key(): string {
    return labelsKey(this.labels) + '\n' + this.url;
  }
}

/** Builds the targets of one target group; a target whose labels are invalid is dropped with its reason. */
export function targetsFromGroup(
  group: TargetGroup,
  cfg: ScrapeConfig,
): { targets: Target[]; dropped: { discoveredLabels: Labels; reason: string }[] } {
  const targets: Target[] = [];
  const dropped: { discoveredLabels: Labels; reason: string }[] = [];
  for (const t of group.targets) {
    const discovered = new LabelsBuilder(labelsFromRecord({ ...group.labels, ...t }));
    // Scrape-config defaults, set only where discovery did not already set them.
    const defaults: Record<string, string> = {
      job: cfg.jobName,
      __scrape_interval__: formatDuration(cfg.scrapeInterval),
      __scrape_timeout__: formatDuration(cfg.scrapeTimeout),
      [METRICS_PATH_LABEL]: cfg.metricsPath,
      [SCHEME_LABEL]: cfg.scheme,
    };
    for (const [k, v] of Object.entries(defaults)) if (!discovered.has(k)) discovered.set(k, v);
    const discoveredLabels = discovered.labels();
    const result = populateLabels(discoveredLabels);
    if (typeof result === 'string') dropped.push({ discoveredLabels, reason: result });
    else targets.push(new Target(result.labels, discoveredLabels, result.url));
  }
  return { targets, dropped };
}

function populateLabels(discovered: Labels): { labels: Labels; url: string } | string {
  const lb = new LabelsBuilder(discovered);
  const address = lb.get(ADDRESS_LABEL);
  if (address === '') return 'no address';
  if (/[/@?#]/.test(address) || /\s/.test(address)) return `invalid address "${address}"`;
  const url = `${lb.get(SCHEME_LABEL)}://${address}${lb.get(METRICS_PATH_LABEL)}`;
  // Prometheus 3 appends no default port: `image-gallery` stays `instance="image-gallery"`.
  if (!lb.has('instance')) lb.set('instance', address);
  for (const name of lb.names()) if (name.startsWith('__')) lb.del(name);
  return { labels: lb.labels(), url };
}
