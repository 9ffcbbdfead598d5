// Boot: the virtual clock, the simulated world, the MSW service worker that answers the scraper's fetch()
// calls for the world's apps, the running Prometheus, then the UI.
//
// The core (simulation, Prometheus, the YAML and PromQL parsers) and msw load as separate chunks, in
// parallel, while index.html's placeholder is already on screen; the first chunk is the UI shell.

import { mount } from 'svelte';
import { VirtualClock } from './clock/clock.ts';
import { openStore } from './storage/store.ts';
import App from './ui/App.svelte';
import { Live } from './ui/live.svelte.ts';
import './ui/styles.css';

async function boot(target: HTMLElement): Promise<void> {
  const [{ World }, { Prometheus }, { DEFAULT_CONFIG_YAML }, { setupWorker }, { createHandlers }, opened, { PrometheusApi }] = await Promise.all([
    import('./sim/world.ts'),
    import('./server/prometheus.ts'),
    import('./config/default.ts'),
    import('msw/browser'),
    import('./sim/handlers.ts'),
    openStore(),
    import('./api/server.ts'),
  ]);
  const { store, unavailable: storeUnavailable } = opened;

  const clock = new VirtualClock(Date.now());
  const world = new World({ clock, seed: 1 });

  const prom = new Prometheus({ clock, fetch: (...a) => fetch(...a), resolver: world.dns });

  // The worker must be running before anything fetches, or the first scrapes escape to the network.
  // It also answers Prometheus' HTTP API at localhost:9090.
  const worker = setupWorker(...createHandlers(world, new PrometheusApi(prom)));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });

  const applied = prom.applyConfig(DEFAULT_CONFIG_YAML);
  if (!applied.ok) throw new Error(applied.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));

  const live = new Live(clock, [prom, world]);
  target.replaceChildren();
  mount(App, { target, props: { app: { clock, prom, world, live, store, storeUnavailable } } });
  live.play();
}

const target = document.getElementById('app')!;
boot(target).catch((err: unknown) => {
  console.error(err);
  const p = document.createElement('p');
  p.className = 'boot error';
  p.dataset.testid = 'boot-error';
  p.textContent = `promlab: ${err instanceof Error ? err.message : String(err)}`;
  target.replaceChildren(p);
});
