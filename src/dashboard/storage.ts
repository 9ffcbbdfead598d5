// Where dashboards live in the Store: each as Grafana JSON under 'dashboards/by-uid/<uid>', the one last opened
// under 'dashboards/current'. What is read back is checked like an import, so a value saved by an older version
// that no longer reads is reported rather than shown half-broken.

import type { Store } from '../kvstore/store.ts';
import { defaultDashboard, DEFAULT_UID } from './default.ts';
import { importDashboardValue } from './json.ts';
import type { Dashboard } from './model.ts';

const BY_UID = 'dashboards/by-uid/';
const CURRENT = 'dashboards/current';

export interface StoredDashboard {
  uid: string;
  title: string;
}

/** The saved dashboard `uid`: null when there is none, or why it cannot be read. */
export async function loadDashboard(store: Store, uid: string): Promise<{ dashboard: Dashboard | null; error: string | null }> {
  const stored = await store.get<unknown>(BY_UID + uid);
  if (stored === undefined) return { dashboard: null, error: null };
  const checked = importDashboardValue(stored);
  if (checked.ok) return { dashboard: checked.dashboard, error: null };
  return { dashboard: null, error: `${uid}: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` };
}

/** Saves `d` and makes it the one opened next time. Rejects with the Store's error (quota, say). */
export async function saveDashboard(store: Store, d: Dashboard): Promise<void> {
  await store.put(BY_UID + d.uid, d);
  await store.put(CURRENT, d.uid);
}

export async function deleteDashboard(store: Store, uid: string): Promise<void> {
  await store.delete(BY_UID + uid);
  if ((await store.get<string>(CURRENT)) === uid) await store.delete(CURRENT);
}

/** The uid of the dashboard last opened; the default's when none was. */
export async function currentUid(store: Store): Promise<string> {
  const uid = await store.get<unknown>(CURRENT);
  return typeof uid === 'string' ? uid : DEFAULT_UID;
}

export async function setCurrent(store: Store, uid: string): Promise<void> {
  await store.put(CURRENT, uid);
}

/** Every dashboard that can be opened: the default first (under its saved title), then the others by uid. */
export async function listDashboards(store: Store): Promise<StoredDashboard[]> {
  const list: StoredDashboard[] = [{ uid: DEFAULT_UID, title: defaultDashboard().title }];
  for (const key of await store.keys(BY_UID)) {
    const uid = key.slice(BY_UID.length);
    const saved = await store.get<{ title?: unknown }>(key);
    const title = typeof saved?.title === 'string' ? saved.title : uid;
    if (uid === DEFAULT_UID) list[0].title = title;
    else list.push({ uid, title });
  }
  return list;
}
