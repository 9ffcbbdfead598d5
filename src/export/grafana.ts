// Grafana provisioning of the exported bundle, as the chapter's grafana image ships it (chapter-apps.md §3): one
// Prometheus datasource and a file provider reading the dashboards folder.

import { stringify } from 'yaml';

export const DASHBOARDS_DIR = '/var/lib/grafana/dashboards';

export function datasourceYaml(): string {
  return stringify({
    apiVersion: 1,
    datasources: [
      { name: 'Prometheus', type: 'prometheus', access: 'proxy', url: 'http://prometheus:9090', basicAuth: false, version: 1, editable: true },
    ],
  });
}

export function dashboardProviderYaml(): string {
  return stringify({
    apiVersion: 1,
    providers: [
      {
        name: 'default',
        orgId: 1,
        folder: '',
        type: 'file',
        disableDeletion: true,
        updateIntervalSeconds: 0,
        options: { path: DASHBOARDS_DIR },
      },
    ],
  });
}

/** A file name for a dashboard: its title in lower case, words joined by '-'. */
export function dashboardFileName(title: string, taken: ReadonlySet<string>): string {
  const base = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'dashboard';
  let name = `${base}.json`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.json`;
  return name;
}
