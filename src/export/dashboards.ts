// The learner's dashboards for the bundle: every one kept in the store ('dashboards/<uid>'), as Grafana JSON; the
// book's dashboard when none was ever saved.

import { defaultDashboard } from '../dashboard/default.ts';
import { exportDashboard, importDashboardValue } from '../dashboard/json.ts';
import type { Store } from '../storage/store.ts';

const PREFIX = 'dashboards/';

export async function storedDashboards(store: Store): Promise<{ title: string; json: string }[]> {
  const out: { title: string; json: string }[] = [];
  for (const key of await store.keys(PREFIX)) {
    const checked = importDashboardValue(await store.get<unknown>(key));
    if (checked.ok) out.push({ title: checked.dashboard.title, json: exportDashboard(checked.dashboard) });
  }
  if (out.length === 0) {
    const d = defaultDashboard();
    out.push({ title: d.title, json: exportDashboard(d) });
  }
  return out;
}
