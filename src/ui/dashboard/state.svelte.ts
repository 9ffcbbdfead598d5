// The dashboard on screen and where it is kept: each dashboard under 'dashboards/<uid>' in the Store, the one last
// opened under 'dashboards/current'. Every change is saved at once. The time range on screen starts as the
// dashboard's own (`time`) and changes with the picker and zooms without being saved, as in Grafana.

import { defaultDashboard, DEFAULT_UID } from '../../dashboard/default.ts';
import { importDashboardValue } from '../../dashboard/json.ts';
import type { Dashboard, TimeRange } from '../../dashboard/model.ts';
import type { Store } from '../../storage/store.ts';

const PREFIX = 'dashboards/';
const CURRENT = `${PREFIX}current`;

export interface StoredDashboard {
  uid: string;
  title: string;
}

export class DashboardState {
  dash = $state<Dashboard>(defaultDashboard());
  time = $state<TimeRange>(defaultDashboard().time);
  refresh = $state('');
  /** Every dashboard that can be opened, the default first. */
  list = $state<StoredDashboard[]>([]);
  saveError = $state<string | null>(null);
  /** Why the saved dashboard could not be opened (the default is shown instead), or null. */
  openError = $state<string | null>(null);
  loaded = $state(false);

  constructor(private readonly store: Store) {}

  async load(): Promise<void> {
    const uid = (await this.store.get<string>(CURRENT)) ?? DEFAULT_UID;
    await this.open(uid);
    await this.refreshList();
    this.loaded = true;
  }

  /** Opens a stored dashboard (the default when it is missing or no longer valid). */
  async open(uid: string): Promise<void> {
    const stored = await this.store.get<unknown>(PREFIX + uid);
    const checked = stored === undefined ? null : importDashboardValue(stored);
    this.openError = checked && !checked.ok ? `${uid}: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` : null;
    this.show(checked?.ok ? checked.dashboard : defaultDashboard());
    await this.store.put(CURRENT, this.dash.uid).catch(() => undefined);
  }

  /** Shows `d` and saves it (imports, resets). */
  async replace(d: Dashboard): Promise<void> {
    this.show(d);
    await this.save();
    await this.refreshList();
  }

  /** Applies an edit to the dashboard and saves it. */
  async change(edit: (d: Dashboard) => void): Promise<void> {
    edit(this.dash);
    await this.save();
  }

  /** Deletes an imported dashboard and opens the default one. */
  async remove(uid: string): Promise<void> {
    await this.store.delete(PREFIX + uid).catch(() => undefined);
    await this.open(DEFAULT_UID);
    await this.refreshList();
  }

  async resetDefault(): Promise<void> {
    await this.store.delete(PREFIX + DEFAULT_UID).catch(() => undefined);
    await this.replace(defaultDashboard());
  }

  snapshot(): Dashboard {
    return $state.snapshot(this.dash) as Dashboard;
  }

  private show(d: Dashboard): void {
    this.dash = d;
    this.time = { ...d.time };
    this.refresh = typeof d.refresh === 'string' ? d.refresh : '';
  }

  private async save(): Promise<void> {
    try {
      await this.store.put(PREFIX + this.dash.uid, this.snapshot());
      await this.store.put(CURRENT, this.dash.uid);
      this.saveError = null;
    } catch (err) {
      // The dashboard stays on screen; only its survival across a reload is lost.
      this.saveError = err instanceof Error ? err.message : String(err);
    }
  }

  private async refreshList(): Promise<void> {
    const keys = (await this.store.keys(PREFIX)).filter((k) => k !== CURRENT);
    const found: StoredDashboard[] = [{ uid: DEFAULT_UID, title: defaultDashboard().title }];
    for (const k of keys) {
      const d = await this.store.get<{ title?: unknown }>(k);
      const uid = k.slice(PREFIX.length);
      if (uid === DEFAULT_UID) found[0].title = typeof d?.title === 'string' ? d.title : found[0].title;
      else found.push({ uid, title: typeof d?.title === 'string' ? d.title : uid });
    }
    this.list = found;
  }
}
