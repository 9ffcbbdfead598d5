// Boots the in-browser Prometheus where it runs (the worker): the store, the virtual clock continuing after
// the newest restored sample, the simulated world, Alertmanager, Prometheus with its saved config, the
// incidents, and the HTTP APIs; every piece restores what the learner left and saves what changes.

import { Alertmanager } from '../alertmanager/alertmanager.ts';
import { AlertmanagerApi } from '../alertmanager/api.ts';
import { DEFAULT_ALERTMANAGER_YAML } from '../alertmanager/default.ts';
import type { Silence } from '../alertmanager/types.ts';
import { PrometheusApi } from '../api/server.ts';
import { VirtualClock } from '../clock/clock.ts';
import { DEFAULT_CONFIG_YAML, DEFAULT_FILES } from '../config/default.ts';
import { Files } from '../files/files.ts';
import { DEFAULT_ALERTING_YAML, DEFAULT_RULES_PATH, DEFAULT_RULES_YAML } from '../rules/default.ts';
import { Prometheus } from '../server/prometheus.ts';
import { networkFetch } from '../sim/fetch.ts';
import { keepWorldState } from '../sim/persist.ts';
import type { Server } from '../sim/handlers.ts';
import { Incidents } from '../sim/incidents/incidents.ts';
import { World } from '../sim/world.ts';
import { openStore, type Store } from '../kvstore/store.ts';
import { loadHead, type HeadPersister } from '../tsdb/persist/snapshot.ts';

const CONFIG_KEY = 'config/prometheus.yml';
const ALERTMANAGER_KEY = 'config/alertmanager.yml';
const SILENCES_KEY = 'alertmanager/silences';

export interface Runtime {
  readonly clock: VirtualClock;
  readonly world: World;
  readonly files: Files;
  readonly prom: Prometheus;
  readonly alertmanager: Alertmanager;
  readonly incidents: Incidents;
  readonly persistence: HeadPersister;
  readonly store: Store;
  readonly storeUnavailable: string | null;
  /** Prometheus' API (:9090) and Alertmanager's (:9093). */
  readonly servers: readonly Server[];
  /** fetch() on the simulated network, answered in this thread. */
  readonly fetch: typeof fetch;
}

/** Boots from the store `opened` (openStore's answer); its reads start only after this tab holds the store's lock. */
export async function bootRuntime(opened: Awaited<ReturnType<typeof openStore>>): Promise<Runtime> {
  const { store, unavailable: storeUnavailable } = opened;
  // The learner's earlier data comes back from the store; the clock continues after its newest sample, so
  // scrapes append in order.
  const persistence = await loadHead(store);
  const clock = new VirtualClock(Math.max(Date.now(), persistence.head.stats().maxTime + 1));
  const world = new World({ clock, seed: 1 });
  await keepWorldState(world, store, (err) => persistence.fail(err));
  // file_sd target files and rule files live on an in-memory disk that Prometheus watches.
  const files = new Files({ ...DEFAULT_FILES, [DEFAULT_RULES_PATH]: DEFAULT_RULES_YAML });
  const alertmanager = await restoreAlertmanager(clock, store, persistence);

  // Scrapes, alert notifications and the terminal's curl all use this fetch.
  const servers: Server[] = [];
  const fetch = networkFetch(world, servers);
  const prom = new Prometheus({ clock, fetch, resolver: world.dns, head: persistence.head, files });
  servers.push(new PrometheusApi(prom), new AlertmanagerApi(alertmanager, clock));
  const incidents = new Incidents(clock, world);

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
  return { clock, world, files, prom, alertmanager, incidents, persistence, store, storeUnavailable, servers, fetch };
}

/** alertmanager.yml and the silences, as saved; both are saved again whenever they change. */
async function restoreAlertmanager(clock: VirtualClock, store: Store, persistence: HeadPersister): Promise<Alertmanager> {
  const alertmanager = new Alertmanager({ clock });
  let savedConfig = await store.get<string>(ALERTMANAGER_KEY).catch(() => undefined);
  if (typeof savedConfig !== 'string' || !alertmanager.applyConfig(savedConfig).ok) alertmanager.applyConfig(DEFAULT_ALERTMANAGER_YAML);
  const savedSilences = await store.get<Silence[]>(SILENCES_KEY).catch(() => undefined);
  if (Array.isArray(savedSilences)) alertmanager.restoreSilences(savedSilences);
  let silencesText = JSON.stringify(savedSilences ?? []);
  alertmanager.subscribe(() => {
    if (alertmanager.configText() !== savedConfig) {
      savedConfig = alertmanager.configText();
      store.put(ALERTMANAGER_KEY, savedConfig).catch((err: unknown) => persistence.fail(err));
    }
    const silences = alertmanager.silences().map(({ state: _state, ...s }) => s);
    if (JSON.stringify(silences) === silencesText) return;
    silencesText = JSON.stringify(silences);
    store.put(SILENCES_KEY, silences).catch((err: unknown) => persistence.fail(err));
  });
  return alertmanager;
}
