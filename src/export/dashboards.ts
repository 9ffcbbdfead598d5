// The learner's dashboards for the bundle, as Grafana JSON: every one the Dashboards page can open (the book's
// default among them, as saved or as shipped).

import { defaultDashboard, DEFAULT_UID } from '../dashboard/default.ts';
import { exportDashboard } from '../dashboard/json.ts';
import { listDashboards, loadDashboard } from '../dashboard/storage.ts';
import type { Store } from '../kvstore/store.ts';

export async function storedDashboards(store: Store): Promise<{ title: string; json: string }[]> {
  const out: { title: string; json: string }[] = [];
  for (const { uid } of await listDashboards(store)) {
    const { dashboard } = await loadDashboard(store, uid);
    const d = dashboard ?? (uid === DEFAULT_UID ? defaultDashboard() : null);
    if (d) out.push({ title: d.title, json: exportDashboard(d) });
  }
  return out;
}
