// The running config as Prometheus' /config page prints it: the loaded config marshalled back to YAML, with every
// default filled in, so a learner sees what they did not write (scrape_timeout, evaluation_interval, scheme …).
// Field order and omitted empties follow Prometheus' Go structs (`omitempty`).

import { stringify } from 'yaml';
import { formatDuration } from '../model/duration.ts';
import type { Config, ScrapeConfig, StaticConfig } from './types.ts';
import type { RelabelConfig } from '../relabel/relabel.ts';

type Yaml = Record<string, unknown>;

/** Drops keys whose value is undefined, an empty list or an empty map, like Go's omitempty. */
function omitEmpty(o: Yaml): Yaml {
  const out: Yaml = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

const limit = (n: number) => (n === 0 ? undefined : n);

function relabel(r: RelabelConfig): Yaml {
  return omitEmpty({
    source_labels: r.sourceLabels,
    separator: r.separator,
    regex: r.regex,
    modulus: r.modulus === 0 ? undefined : r.modulus,
    target_label: r.targetLabel === '' ? undefined : r.targetLabel,
    replacement: r.replacement,
    action: r.action,
  });
}

function staticConfig(s: StaticConfig): Yaml {
  return omitEmpty({ targets: s.targets, labels: s.labels });
}

function scrapeConfig(c: ScrapeConfig): Yaml {
  return omitEmpty({
    job_name: c.jobName,
    honor_labels: c.honorLabels || undefined,
    honor_timestamps: c.honorTimestamps,
    track_timestamps_staleness: c.trackTimestampsStaleness,
    params: c.params,
    scrape_interval: formatDuration(c.scrapeInterval),
    scrape_timeout: formatDuration(c.scrapeTimeout),
    scrape_protocols: c.scrapeProtocols,
    fallback_scrape_protocol: c.fallbackScrapeProtocol ?? undefined,
    metrics_path: c.metricsPath,
    scheme: c.scheme,
    sample_limit: limit(c.sampleLimit),
    label_limit: limit(c.labelLimit),
    label_name_length_limit: limit(c.labelNameLengthLimit),
    label_value_length_limit: limit(c.labelValueLengthLimit),
    static_configs: c.staticConfigs.map(staticConfig),
    dns_sd_configs: c.dnsSDConfigs.map((d) => ({
      names: d.names,
      refresh_interval: formatDuration(d.refreshInterval),
      type: d.type,
      port: d.port,
    })),
    file_sd_configs: c.fileSDConfigs.map((f) => ({ files: f.files, refresh_interval: formatDuration(f.refreshInterval) })),
    relabel_configs: c.relabelConfigs.map(relabel),
    metric_relabel_configs: c.metricRelabelConfigs.map(relabel),
  });
}

/** The loaded config as YAML with its defaults, in Prometheus' field order. */
export function effectiveConfigYaml(config: Config): string {
  const g = config.global;
  const doc = omitEmpty({
    global: omitEmpty({
      scrape_interval: formatDuration(g.scrapeInterval),
      scrape_timeout: formatDuration(g.scrapeTimeout),
      scrape_protocols: g.scrapeProtocols,
      evaluation_interval: formatDuration(g.evaluationInterval),
      external_labels: g.externalLabels,
    }),
    alerting: omitEmpty({
      alert_relabel_configs: config.alerting.alertRelabelConfigs.map(relabel),
      alertmanagers: config.alerting.alertmanagers.map((a) =>
        omitEmpty({
          scheme: a.scheme,
          path_prefix: a.pathPrefix === '' ? undefined : a.pathPrefix,
          timeout: formatDuration(a.timeout),
          api_version: a.apiVersion,
          relabel_configs: a.relabelConfigs.map(relabel),
          static_configs: a.staticConfigs.map(staticConfig),
        }),
      ),
    }),
    rule_files: config.ruleFiles,
    scrape_configs: config.scrapeConfigs.map(scrapeConfig),
  });
  // Go's yaml.v2 writes list items at their key's indentation.
  return stringify(doc, { indentSeq: false, lineWidth: 0 });
}
