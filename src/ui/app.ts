// What the UI needs from the core: narrow views of the running Prometheus, the simulated world and the
// clock, handed to components through a Svelte context.

import { createContext } from 'svelte';
import type { VirtualClock } from '../clock/clock.ts';
import type { Config, ConfigResult } from '../config/types.ts';
import type { FileSDError } from '../discovery/file.ts';
import type { Files } from '../files/files.ts';
import type { Engine } from '../promql/index.ts';
import type { Value } from '../promql/value.ts';
import type { DroppedTarget, TargetStatus } from '../server/types.ts';
import type { Store } from '../kvstore/store.ts';
import type { MetricMetadata } from '../textparse/types.ts';
import type { LogStore } from '../logs/store.ts';
import type { Head } from '../tsdb/head.ts';
import type { HeadPersister } from '../tsdb/persist/snapshot.ts';
import type { DatasourceState } from './datasource/source.svelte.ts';
import type { Live } from './live.svelte.ts';
import type { AlertmanagerView } from './alertmanager/view.ts';
import type { IncidentsView } from './incidents/view.ts';
import type { DrillsView } from '../drills/view.ts';
import type { NotifierView, RulesView } from './rules/view.ts';

export interface PrometheusView {
  readonly head: Head;
  /** The query engine, for evaluating parsed expressions (the explain tree). */
  readonly engine: Engine;
  /** The in-page disk: rule files and file_sd target files. */
  readonly files: Files;
  /** rule_files: groups, rules and their alerts. */
  readonly rules: RulesView;
  readonly notifier: NotifierView;
  configText(): string;
  lastReload(): { ok: boolean; time: number };
  applyConfig(text: string): ConfigResult;
  targets(): TargetStatus[];
  /** Discovered targets that relabeling or invalid labels dropped, like /api/v1/targets' droppedTargets. */
  droppedTargets(): readonly DroppedTarget[];
  /** file_sd files that do not parse (their last good targets stay in use). */
  fileSDErrors(): readonly { job: string; error: FileSDError }[];
  /** The running config, parsed with defaults filled in; null before the first successful load. */
  config(): Config | null;
  instantQuery(expr: string, timeMs?: number): Value;
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number): Value;
  metricNames(): string[];
  /** TYPE/HELP/UNIT per metric family from the last scrapes, like /api/v1/metadata. */
  metadata(): Map<string, MetricMetadata[]>;
  subscribe(fn: () => void): () => void;
}

export interface WorldView {
  /** What the containers print (`docker logs`). */
  readonly logs: LogStore;
  scale(service: string, replicas: number): unknown;
  sendRequests(n: number): Promise<number[]>;
  containers(): readonly {
    name: string;
    hostname: string;
    service: string;
    ip: string;
    state: string;
    startedAt: number;
    number: number;
    /** Injected faults (see setLatency, setMalformed). */
    latencyMs: number;
    malformed: boolean;
  }[];
  /** `docker compose up -d [--scale accesslog=N]` and `docker compose down`, for the terminal. */
  up(opts?: { scale?: { accesslog?: number } }): readonly { container: string; action: string }[];
  down(): readonly { container: string; action: string }[];
  /** `docker compose stop/start <service>`: the compose events, one per container. */
  stop(service: string): readonly { container: string; action: string }[];
  start(service: string): readonly { container: string; action: string }[];
  /** `docker stop/start <container>`: one replica. */
  stopContainer(name: string): readonly { container: string; action: string }[];
  startContainer(name: string): readonly { container: string; action: string }[];
  /** Injected faults: answer `ms` late; serve /metrics text Prometheus cannot parse. */
  setLatency(name: string, ms: number): void;
  setMalformed(name: string, on: boolean): void;
  subscribe(fn: () => void): () => void;
}

export interface AppContext {
  readonly clock: VirtualClock;
  readonly prom: PrometheusView;
  readonly world: WorldView;
  readonly live: Live;
  /** Where the learner's work survives a reload (IndexedDB, or memory when that is unavailable). */
  readonly store: Store;
  /** Why work will not survive a reload, or null when it will. */
  readonly storeUnavailable: string | null;
  /** The head's snapshots in the store: what was restored, the last save, and the reset action. */
  readonly persistence: PersistenceView;
  /** The simulated Alertmanager: inboxes, silences, alertmanager.yml. */
  readonly alertmanager: AlertmanagerView;
  /** Faults the learner pushes the world into. */
  readonly incidents: IncidentsView;
  /** Incident drills: start one, diagnose it, read its debrief (async, so it can live behind a worker). */
  readonly drills: DrillsView;
  /** Where queries go: the in-browser Prometheus or a real server the learner connected. */
  readonly datasource: DatasourceState;
}

export type PersistenceView = Pick<HeadPersister, 'status' | 'subscribe' | 'save' | 'reset'>;

export const [getApp, setApp] = createContext<AppContext>();
