// Boot: the virtual clock, the simulated world, the MSW service worker that answers the scraper's fetch()
// calls for the world's apps, the running Prometheus, then the UI.
//
// The core (simulation, Prometheus, the YAML and PromQL parsers) and msw load as separate chunks, in
// parallel, while index.html's placeholder is already on screen; the first chunk is the UI shell.

import { mount } from 'svelte';
import { VirtualClock } from './clock/clock.ts';
import type { Silence } from './alertmanager/types.ts';
import { Files } from './files/files.ts';
import { keepWorldState } from './sim/persist.ts';
import { openStore } from './kvstore/store.ts';
import App from './ui/App.svelte';
import { DatasourceState } from './ui/datasource/source.svelte.ts';
import { Live } from './ui/live.svelte.ts';
import './ui/styles.css';

const CONFIG_KEY = 'config/prometheus.yml';
const ALERTMANAGER_KEY = 'config/alertmanager.yml';
const SILENCES_KEY = 'alertmanager/silences';
const SNAPSHOT_EVERY_MS = 5000;

async function boot(target: HTMLElement): Promise<void> {
  const [{ World }, { Prometheus }, { DEFAULT_CONFIG_YAML, DEFAULT_FILES }, { setupWorker }, { createHandlers }, opened, { PrometheusApi }] = await Promise.all([
    import('./sim/world.ts'),
    import('./server/prometheus.ts'),
    import('./config/default.ts'),
    import('msw/browser'),
    import('./sim/handlers.ts'),
    openStore(),
    import('./api/server.ts'),
  ]);
  const { store, unavailable: storeUnavailable } = opened;
  // Rules, the simulated Alertmanager and the incidents.
  const [{ Alertmanager }, { AlertmanagerApi }, { DEFAULT_ALERTMANAGER_YAML }, { DEFAULT_ALERTING_YAML, DEFAULT_RULES_PATH, DEFAULT_RULES_YAML }, { Incidents }] = await Promise.all([
    import('./alertmanager/alertmanager.ts'),
    import('./alertmanager/api.ts'),
    import('./alertmanager/default.ts'),
    import('./rules/default.ts'),
    import('./sim/incidents/incidents.ts'),
  ]);

  // The learner's earlier data comes back from the store; the clock continues after its newest sample, so
  // scrapes append in order.
  const { loadHead } = await import('./tsdb/persist/snapshot.ts');
  const persistence = await loadHead(store);
  const clock = new VirtualClock(Math.max(Date.now(), persistence.head.stats().maxTime + 1));
  const world = new World({ clock, seed: 1 });
  await keepWorldState(world, store, (err) => persistence.fail(err));

  // file_sd target files and rule files live on an in-page disk that Prometheus watches.
  const files = new Files({ ...DEFAULT_FILES, [DEFAULT_RULES_PATH]: DEFAULT_RULES_YAML });
  const alertmanager = new Alertmanager({ clock });
  let savedAlertmanager = await store.get<string>(ALERTMANAGER_KEY).catch(() => undefined);
  if (typeof savedAlertmanager !== 'string' || !alertmanager.applyConfig(savedAlertmanager).ok) alertmanager.applyConfig(DEFAULT_ALERTMANAGER_YAML);
  const savedSilences = await store.get<Silence[]>(SILENCES_KEY).catch(() => undefined);
  if (Array.isArray(savedSilences)) alertmanager.restoreSilences(savedSilences);
  let silencesText = JSON.stringify(savedSilences ?? []);
  alertmanager.subscribe(() => {
    if (alertmanager.configText() !== savedAlertmanager) {
      savedAlertmanager = alertmanager.configText();
      store.put(ALERTMANAGER_KEY, savedAlertmanager).catch((err: unknown) => persistence.fail(err));
    }
    const silences = alertmanager.silences().map(({ state: _state, ...s }) => s);
    if (JSON.stringify(silences) === silencesText) return;
    silencesText = JSON.stringify(silences);
    store.put(SILENCES_KEY, silences).catch((err: unknown) => persistence.fail(err));
  });
  const prom = new Prometheus({ clock, fetch: world.fetch, resolver: world.dns, head: persistence.head, files });
  const incidents = new Incidents(clock, world);

  // The worker must be running before anything fetches, or the first scrapes escape to the network.
  // It also answers Prometheus' HTTP API at localhost:9090 and Alertmanager's at localhost:9093.
  const worker = setupWorker(...createHandlers(world, new PrometheusApi(prom), new AlertmanagerApi(alertmanager, clock)));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });

  // The running config survives a reload too; one the current loader rejects gives way to the chapter's.
  const savedConfig = await store.get<string>(CONFIG_KEY).catch(() => undefined);
  if (typeof savedConfig === 'string' && !prom.applyConfig(savedConfig).ok) {
    persistence.fail(new Error('the saved prometheus.yml no longer loads; started with the chapter\'s config'));
  }
  if (prom.configText() === '') {
    // The chapter's config, plus rule_files and alerting so the shipped rules run and reach Alertmanager.
    const applied = prom.applyConfig(DEFAULT_CONFIG_YAML + DEFAULT_ALERTING_YAML);
    if (!applied.ok) throw new Error(applied.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  }
  let savedText = prom.configText();
  prom.subscribe(() => {
    if (prom.configText() === savedText) return;
    savedText = prom.configText();
    store.put(CONFIG_KEY, savedText).catch((err: unknown) => persistence.fail(err));
  });
  // Like Prometheus' lock file: one tab writes the store; another waits (running from what it restored) until
  // that one closes. A reloading page gets the lock as soon as the page it replaces has gone.
  persistence.suspend('another promlab tab is saving to this browser\'s store; this tab saves once that one closes');
  ownStore(() => persistence.resume());
  // Snapshots every few seconds of real time, and when the page is hidden or left (see tsdb/persist/snapshot.ts).
  setInterval(() => void persistence.save(), SNAPSHOT_EVERY_MS);
  addEventListener('pagehide', () => void persistence.save());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void persistence.save());

  // Drills read their files on first use and drive the same world, Prometheus and incidents.
  const [{ Drills }, { loadDrills }, { readBundledDrill }] = await Promise.all([import('./drills/run.ts'), import('./drills/content.ts'), import('./ui/drills/bundle.ts')]);
  const drills = new Drills(() => loadDrills(readBundledDrill), { clock, world, prom, incidents, store });
  const live = new Live(clock, [prom, world, alertmanager, incidents, drills]);
  target.replaceChildren();
  const datasource = new DatasourceState(prom, store);
  mount(App, { target, props: { app: { clock, prom, world, live, store, storeUnavailable, persistence, alertmanager, incidents, drills, datasource } } });
  live.play();
}

/** Calls `owned` once this page holds the store's Web Lock, which it then keeps for its life. */
function ownStore(owned: () => void): void {
  if (!navigator.locks) return owned();
  void navigator.locks.request('promlab-store', () => {
    owned();
    return new Promise<never>(() => {});
  });
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
