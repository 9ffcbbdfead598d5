// The page's mirror of the worker's playground: what the snapshot says, read synchronously (reactive, since the
// snapshot is state), and the control calls that change it. Each call resolves after the snapshot showing its
// effect has arrived.

import type { LogQuery } from '../../logs/store.ts';
import type { Config, ConfigResult } from '../../config/types.ts';
import { globPaths } from '../../files/files.ts';
import type { Diagnosis, DrillsView } from '../../drills/view.ts';
import type { IncidentKind } from '../../sim/incidents/kinds.ts';
import type { MetricMetadata } from '../../textparse/types.ts';
import type { CallArgs } from '../../worker/calls.ts';
import type { Snapshot } from '../../worker/snapshot.ts';
import type { Live } from '../live.svelte.ts';
import type { WorkerClient } from './client.ts';

export class Playground {
  snap = $state.raw<Snapshot>(null!);
  /** The config loader (with its YAML parser) arrives as a chunk of its own, after the first paint. */
  private loader = $state.raw<((text: string) => ConfigResult) | null>(null);
  private parsed: { text: string | null; config: Config | null } = { text: null, config: null };
  private metadataMap: { from: Snapshot['prom']['metadata'] | null; map: Map<string, MetricMetadata[]> } = { from: null, map: new Map() };
  private readonly persistListeners = new Set<() => void>();
  private readonly snapshotListeners = new Set<() => void>();
  private drillFiles: Promise<void> | null = null;

  constructor(
    private readonly client: WorkerClient,
    first: Snapshot,
    live: Live,
  ) {
    const apply = (s: Snapshot) => {
      const persisted = this.snap?.persistence;
      this.snap = s;
      live.now = s.now;
      live.running = s.running;
      live.version++;
      if (persisted && JSON.stringify(persisted) !== JSON.stringify(s.persistence)) for (const fn of this.persistListeners) fn();
      for (const fn of this.snapshotListeners) fn();
    };
    apply(first);
    client.onSnapshot(apply);
    void import('../../config/load.ts').then((m) => (this.loader = m.loadConfig));
  }

  /** The running config, parsed here from its text (the same loader as the worker's); null before one loads. */
  private config(): Config | null {
    const text = this.snap.prom.configText;
    if (!this.loader) return null;
    if (text !== this.parsed.text) {
      const r = this.loader(text);
      this.parsed = { text, config: r.ok ? r.config : null };
    }
    return this.parsed.config;
  }

  readonly prom = {
    configText: () => this.snap.prom.configText,
    lastReload: () => this.snap.prom.lastReload,
    config: () => this.config(),
    applyConfig: (text: string) => this.client.call('prom.applyConfig', text),
    targets: () => this.snap.prom.targets,
    droppedTargets: () => this.snap.prom.droppedTargets,
    fileSDErrors: () => this.snap.prom.fileSDErrors,
    metricNames: () => this.snap.prom.metricNames,
    metadata: (): Map<string, MetricMetadata[]> => {
      const from = this.snap.prom.metadata;
      if (this.metadataMap.from !== from) this.metadataMap = { from, map: new Map(from) };
      return this.metadataMap.map;
    },
    rules: {
      groups: () => this.snap.prom.rules.groups,
      lastLoad: () => this.snap.prom.rules.lastLoad,
      ruleFiles: () => this.snap.prom.rules.ruleFiles,
      reload: () => this.client.call('prom.reloadRules'),
    },
    notifier: { alertmanagers: () => this.snap.prom.alertmanagers },
    /** The in-memory disk of rule files and file_sd target files. */
    files: {
      list: () => Object.keys(this.snap.files).sort(),
      read: (path: string): string | undefined => this.snap.files[path],
      glob: (pattern: string) => globPaths(Object.keys(this.snap.files).sort(), pattern),
      write: (path: string, text: string) => this.client.call('files.write', path, text),
      remove: (path: string) => this.client.call('files.remove', path),
    },
    /** /api/v1/status/tsdb's figures with the head's time range and retention. */
    tsdbStatus: () => this.client.call('head.status'),
    setRetention: (ms: number) => this.client.call('head.setRetention', ms),
    explain: (expr: string, at: number) => this.client.call('query.explain', expr, at),
    emptyCause: (expr: string, at: number) => this.client.call('query.emptyCause', expr, at),
    explorerRows: () => this.client.call('explorer.rows'),
    completion: {
      labelNames: (...a: CallArgs<'completion.labelNames'>) => this.client.call('completion.labelNames', ...a),
      labelValues: (...a: CallArgs<'completion.labelValues'>) => this.client.call('completion.labelValues', ...a),
      series: async (...a: CallArgs<'completion.series'>) => (await this.client.call('completion.series', ...a)).map((entries) => new Map(entries)),
    },
  };

  readonly world = {
    containers: () => this.snap.containers,
    scale: (service: string, n: number) => this.client.call('world.scale', service, n),
    sendRequests: (n: number) => this.client.call('world.sendRequests', n),
    stopContainer: (name: string) => this.client.call('world.stopContainer', name),
    startContainer: (name: string) => this.client.call('world.startContainer', name),
    setLatency: (name: string, ms: number) => this.client.call('world.setLatency', name, ms),
    setMalformed: (name: string, on: boolean) => this.client.call('world.setMalformed', name, on),
    /** What the containers printed (`docker logs`), oldest first. */
    logs: (q: LogQuery) => this.client.call('world.logs', q),
  };

  readonly alertmanager = {
    configText: () => this.snap.alertmanager.configText,
    lastReload: () => this.snap.alertmanager.lastReload,
    alerts: () => this.snap.alertmanager.alerts,
    groups: () => this.snap.alertmanager.groups,
    inbox: () => this.snap.alertmanager.inbox,
    notifyErrors: () => this.snap.alertmanager.notifyErrors,
    silences: () => this.snap.alertmanager.silences,
    receivers: () => this.snap.alertmanager.receivers,
    applyConfig: (text: string) => this.client.call('alertmanager.applyConfig', text),
    addSilence: (...a: CallArgs<'alertmanager.addSilence'>) => this.client.call('alertmanager.addSilence', ...a),
    expireSilence: (id: string) => this.client.call('alertmanager.expireSilence', id),
  };

  readonly incidents = {
    active: () => this.snap.incidents.active,
    isActive: (kind: IncidentKind) => this.snap.incidents.active.some((i) => i.kind === kind),
    steadyRate: () => this.snap.incidents.steadyRate,
    start: (kind: IncidentKind) => this.client.call('incidents.start', kind),
    stop: (kind: IncidentKind) => this.client.call('incidents.stop', kind),
    setSteadyRate: (perSecond: number) => this.client.call('incidents.setSteadyRate', perSecond),
  };

  readonly persistence = {
    status: () => this.snap.persistence,
    subscribe: (fn: () => void) => {
      this.persistListeners.add(fn);
      return () => this.persistListeners.delete(fn);
    },
    save: () => this.client.call('persistence.save'),
    reset: () => this.client.call('persistence.reset'),
  };

  /** Which tab saves the playground; another can take over (src/worker/holder.ts). */
  readonly holder = {
    state: () => this.snap.holder,
    takeOver: () => this.client.call('holder.takeOver'),
  };

  readonly terminal = {
    run: (line: string, locale: 'ko' | 'en') => this.client.call('terminal.run', line, locale),
    complete: (line: string) => this.client.call('terminal.complete', line),
    restore: (...a: CallArgs<'terminal.restore'>) => this.client.call('terminal.restore', ...a),
  };

  /** Hands the bundled drill files to the worker, once; every drills call waits for it. */
  handDrillFiles(): Promise<void> {
    this.drillFiles ??= Promise.all([import('../drills/bundle.ts'), import('../../drills/content.ts')]).then(async ([{ readBundledDrill }, { DRILL_FILES }]) => {
      const texts = Object.fromEntries(await Promise.all(DRILL_FILES.map(async (p) => [p, await readBundledDrill(p)] as const)));
      await this.client.call('drills.files', texts);
    });
    return this.drillFiles;
  }

  /** The incident drills, run by the worker's engine; the page hears of changes with each snapshot. */
  readonly drills: DrillsView = {
    list: () => this.handDrillFiles().then(() => this.client.call('drills.list')),
    state: () => this.handDrillFiles().then(() => this.client.call('drills.state')),
    start: (id: string) => this.handDrillFiles().then(() => this.client.call('drills.start', id)),
    hint: () => this.handDrillFiles().then(() => this.client.call('drills.hint')),
    submit: (diagnosis: Diagnosis) => this.handDrillFiles().then(() => this.client.call('drills.submit', diagnosis)),
    end: () => this.handDrillFiles().then(() => this.client.call('drills.end')),
    subscribe: (fn: () => void) => {
      this.snapshotListeners.add(fn);
      return () => this.snapshotListeners.delete(fn);
    },
  };
}
