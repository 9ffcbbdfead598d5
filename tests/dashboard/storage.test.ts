import { describe, expect, it } from 'vitest';
import { defaultDashboard, DEFAULT_UID } from '../../src/dashboard/default.ts';
import { currentUid, deleteDashboard, listDashboards, loadDashboard, saveDashboard, setCurrent } from '../../src/dashboard/storage.ts';
import { MemoryStore } from '../../src/kvstore/store.ts';

describe('dashboard storage', () => {
  it('saves, lists, reopens and deletes dashboards; the default is always listed first', async () => {
    const store = new MemoryStore();
    expect(await currentUid(store)).toBe(DEFAULT_UID);
    expect(await listDashboards(store)).toEqual([{ uid: DEFAULT_UID, title: 'Image Gallery' }]);
    expect(await loadDashboard(store, DEFAULT_UID)).toEqual({ dashboard: null, error: null });

    const copy = { ...defaultDashboard(), uid: 'copy', title: 'Copy' };
    await saveDashboard(store, copy);
    expect(await currentUid(store)).toBe('copy');
    expect(await listDashboards(store)).toEqual([{ uid: DEFAULT_UID, title: 'Image Gallery' }, { uid: 'copy', title: 'Copy' }]);
    expect((await loadDashboard(store, 'copy')).dashboard).toEqual(copy);

    // A dashboard may be called "current" without clobbering the pointer to the last one opened.
    await saveDashboard(store, { ...copy, uid: 'current', title: 'Current' });
    await setCurrent(store, 'copy');
    expect(await currentUid(store)).toBe('copy');

    await deleteDashboard(store, 'copy');
    expect(await currentUid(store)).toBe(DEFAULT_UID);
    expect((await listDashboards(store)).map((d) => d.uid)).toEqual([DEFAULT_UID, 'current']);
  });

  it('reports a saved value that no longer reads as a dashboard', async () => {
    const store = new MemoryStore();
    await store.put('dashboards/by-uid/old', { title: 'Old', panels: [{ type: 'graph', gridPos: { x: 30, y: 0, w: 4, h: 4 } }] });
    expect(await loadDashboard(store, 'old')).toEqual({ dashboard: null, error: 'old: panels[0].gridPos.x: must be 0–23 (the grid has 24 columns), got 30' });
  });
});
