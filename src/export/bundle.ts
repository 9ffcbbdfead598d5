// The export bundle: one zip with docker-compose.yml, the running prometheus.yml, the in-page files (rule files,
// file_sd targets, alertmanager.yml) at the paths the containers mount, Grafana provisioning with the learner's
// dashboards as Grafana JSON, and a README.

import { strToU8, zipSync } from 'fflate';
import { loadConfig } from '../config/load.ts';
import { composeYaml } from './compose.ts';
import { dashboardFileName, dashboardProviderYaml, datasourceYaml } from './grafana.ts';
import { readme } from './readme.ts';

export interface ExportInput {
  /** The running prometheus.yml, as the learner wrote it. */
  readonly config: string;
  /** The in-page files, by absolute path (/etc/prometheus/…, /etc/alertmanager/…). */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly dashboards: readonly { readonly title: string; readonly json: string }[];
  readonly accesslogReplicas: number;
  /** The running alertmanager.yml: exported with its service whenever prometheus.yml sends alerts anywhere. */
  readonly alertmanagerConfig: string;
}

/** Container folders the compose file mounts, and where their files go in the bundle. */
const MOUNTS: readonly [string, string][] = [
  ['/etc/prometheus/', 'prometheus/'],
  ['/etc/alertmanager/', 'alertmanager/'],
];

export const ALERTMANAGER_CONFIG = '/etc/alertmanager/alertmanager.yml';

export interface Bundle {
  /** Path in the bundle → content. */
  readonly entries: Map<string, string>;
  /** In-page files outside the mounted folders, which no container would see: listed, not dropped silently. */
  readonly skipped: string[];
}

/** Whether the config's `alerting.alertmanagers` names any Alertmanager. */
function sendsAlerts(config: string): boolean {
  const loaded = loadConfig(config);
  return loaded.ok && loaded.config.alerting.alertmanagers.length > 0;
}

export function exportBundle(input: ExportInput): Bundle {
  const entries = new Map<string, string>();
  const skipped: string[] = [];
  entries.set('prometheus/prometheus.yml', input.config);
  for (const f of input.files) {
    const mount = MOUNTS.find(([dir]) => f.path.startsWith(dir));
    if (!mount || f.path === '/etc/prometheus/prometheus.yml') {
      if (!mount) skipped.push(f.path);
      continue;
    }
    entries.set(mount[1] + f.path.slice(mount[0].length), f.text);
  }
  // prometheus.yml posting to Alertmanagers needs one running: the simulated one's config goes with the stack.
  const alertmanager = sendsAlerts(input.config) || input.files.some((f) => f.path === ALERTMANAGER_CONFIG);
  if (alertmanager) entries.set('alertmanager/alertmanager.yml', input.alertmanagerConfig);
  entries.set('docker-compose.yml', composeYaml({ accesslogReplicas: input.accesslogReplicas, alertmanager }));
  entries.set('grafana/provisioning/datasources/datasource-prometheus.yaml', datasourceYaml());
  entries.set('grafana/provisioning/dashboards/dashboard-provider.yaml', dashboardProviderYaml());
  const names = new Set<string>();
  for (const d of input.dashboards) {
    const name = dashboardFileName(d.title, names);
    names.add(name);
    entries.set(`grafana/dashboards/${name}`, d.json);
  }
  entries.set(
    'README.md',
    readme({
      accesslogReplicas: input.accesslogReplicas,
      alertmanager,
      dashboards: input.dashboards.map((d) => d.title),
      files: [...entries.keys()].filter((p) => p.startsWith('prometheus/') || p.startsWith('alertmanager/')).sort(),
    }),
  );
  return { entries, skipped };
}

/** The bundle as a zip, every entry under one folder so that unzipping makes a single directory. */
export function zipBundle(bundle: Bundle, folder = 'promlab-export'): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  for (const [path, text] of [...bundle.entries].sort(([a], [b]) => (a < b ? -1 : 1))) tree[`${folder}/${path}`] = strToU8(text);
  // A fixed time keeps the same bundle byte-identical across exports.
  return zipSync(tree, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}
