// The UI's half of the boot (src/main.ts started the worker): mirrors the worker's snapshots and mounts the
// app once the worker's Prometheus answered its first snapshot.

import { mount } from 'svelte';
import { PlaygroundDatasource } from '../datasource/playground.ts';
import { openStore } from '../kvstore/store.ts';
import App from './App.svelte';
import { warmChunks } from './chunks.ts';
import { DatasourceState } from './datasource/source.svelte.ts';
import { Live } from './live.svelte.ts';
import type { WorkerClient } from './remote/client.ts';
import { router } from './router.svelte.ts';
import { Playground } from './remote/playground.svelte.ts';

/** The worker hears of typing at most this often. */
const KEY_NOTICE_MS = 250;

export async function boot(target: HTMLElement, client: WorkerClient): Promise<void> {
  warmChunks(router.route);
  const [first, { store, unavailable }] = await Promise.all([client.ready, openStore()]);
  performance.mark('promlab:worker-ready');
  const live = new Live(client);
  const playground = new Playground(client, first, live);
  // The worker saves every few seconds and after each fast-forward; also when the page is hidden or left.
  const save = () => void playground.persistence.save().catch(() => undefined);
  addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && save());

  // Keys come first: while the learner types, a fast-forward in the worker leaves the page a core most of the time.
  let lastKey = 0;
  document.addEventListener(
    'keydown',
    () => {
      if (performance.now() - lastKey < KEY_NOTICE_MS) return;
      lastKey = performance.now();
      void client.call('clock.yieldToInput');
    },
    { capture: true, passive: true },
  );

  const datasource = new DatasourceState(new PlaygroundDatasource(client.fetch, () => live.now), store);
  const { prom, world, alertmanager, incidents, persistence, holder, terminal, drills } = playground;
  target.replaceChildren();
  mount(App, {
    target,
    props: { app: { live, prom, world, alertmanager, incidents, persistence, holder, terminal, drills, store, storeUnavailable: first.storeUnavailable ?? unavailable, datasource } },
  });
  // The drill files, so that `promlab drill` in the terminal finds them too; nothing above waits for them.
  void playground.handDrillFiles();
  // The page's own fetches to the simulated network (a learner's fetch() in the console). Its service worker
  // would sit between the page and every chunk the first screen loads, so it starts once the page is idle.
  await new Promise((idle) => requestIdleCallback(idle, { timeout: 3000 }));
  const { bridgePageFetches } = await import('./remote/bridge.ts');
  await bridgePageFetches(client, () => playground.snap.containers.map((c) => c.name));
}
