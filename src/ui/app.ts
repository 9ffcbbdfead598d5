// What the UI has of the in-browser Prometheus, which runs in a worker: a mirror of its latest snapshot (read
// synchronously; `live.version` changes with every snapshot) and async calls for everything that changes it or
// computes on the head. Queries go over the HTTP API through `datasource`, as they would to a real server.

import { createContext } from 'svelte';
import type { Store } from '../kvstore/store.ts';
import type { DatasourceState } from './datasource/source.svelte.ts';
import type { Live } from './live.svelte.ts';
import type { Playground } from './remote/playground.svelte.ts';

export interface AppContext {
  readonly live: Live;
  /** The worker's Prometheus, world, Alertmanager and incidents, as the mirror and calls of remote/playground. */
  readonly prom: Playground['prom'];
  readonly world: Playground['world'];
  readonly alertmanager: Playground['alertmanager'];
  readonly incidents: Playground['incidents'];
  /** The head's snapshots in the store: what was restored, the last save, and the reset action. */
  readonly persistence: Playground['persistence'];
  /** Whether this tab saves the playground or another tab does, and taking over. */
  readonly holder: Playground['holder'];
  /** The terminal, which runs next to the world in the worker. */
  readonly terminal: Playground['terminal'];
  /** Incident drills: start one, diagnose it, read its debrief (the engine runs in the worker). */
  readonly drills: Playground['drills'];
  /** Where the learner's page state survives a reload (IndexedDB, or memory when that is unavailable). */
  readonly store: Store;
  /** Why work will not survive a reload, or null when it will. */
  readonly storeUnavailable: string | null;
  /** Where queries go: the in-browser Prometheus or a real server the learner connected. */
  readonly datasource: DatasourceState;
}

export const [getApp, setApp] = createContext<AppContext>();
