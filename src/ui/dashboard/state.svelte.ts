// The dashboard on screen, kept in the Store through src/dashboard/storage.ts; every change is saved at once. The
// time range on screen starts as the dashboard's own (`time`) and changes with the picker and zooms without being
// saved, as in Grafana.

import { defaultDashboard, DEFAULT_UID } from '../../dashboard/default.ts';
import type { Dashboard, TimeRange } from '../../dashboard/model.ts';
import { currentUid, deleteDashboard, listDashboards, loadDashboard, saveDashboard, setCurrent, type StoredDashboard } from '../../dashboard/storage.ts';
import type { Store } from '../../kvstore/store.ts';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class DashboardState {
  dash = $state<Dashboard>(defaultDashboard());
  time = $state<TimeRange>(defaultDashboard().time);
  refresh = $state('');
  /** Every dashboard that can be opened, the default first. */
  list = $state<StoredDashboard[]>([]);
  /** Why the last save failed (the dashboard stays on screen, only its survival across a reload is lost), or null. */
  saveError = $state<string | null>(null);
  /** Why the saved dashboard could not be opened (the default is shown instead), or null. */
  openError = $state<string | null>(null);
  loaded = $state(false);

  constructor(private readonly store: Store) {}

  async load(): Promise<void> {
    await this.open(await currentUid(this.store));
    await this.refreshList();
    this.loaded = true;
  }

  /** Opens a saved dashboard; the default when it is missing or no longer reads. */
  async open(uid: string): Promise<void> {
    const { dashboard, error } = await loadDashboard(this.store, uid);
    this.openError = error;
    this.show(dashboard ?? defaultDashboard());
    await setCurrent(this.store, this.dash.uid).catch(() => undefined);
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
    await deleteDashboard(this.store, uid).catch((err: unknown) => (this.saveError = message(err)));
    await this.open(DEFAULT_UID);
    await this.refreshList();
  }

  async resetDefault(): Promise<void> {
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
      await saveDashboard(this.store, this.snapshot());
      this.saveError = null;
    } catch (err) {
      this.saveError = message(err);
    }
  }

  private async refreshList(): Promise<void> {
    this.list = await listDashboards(this.store);
  }
}
