// What the page shows of the worker's Prometheus, as plain data: one coalesced snapshot, pushed a few times a
// wall second at most and after each control call. The page's mirror (src/ui/remote) reads it synchronously.

import type { HolderState } from './holder.ts';
import type { Runtime } from './runtime.ts';

export function snapshot(rt: Runtime, holder: HolderState) {
  const { prom, world, alertmanager, incidents, clock, files, persistence } = rt;
  return {
    now: clock.now(),
    running: clock.running,
    prom: {
      configText: prom.configText(),
      lastReload: prom.lastReload(),
      targets: prom.targets(),
      droppedTargets: prom.droppedTargets(),
      // Plain data: an Error's own fields do not survive the trip between threads.
      fileSDErrors: prom.fileSDErrors().map(({ job, error: e }) => ({ job, error: { path: e.path, line: e.line, col: e.col, reason: e.reason, message: e.message } })),
      metricNames: prom.metricNames(),
      metadata: [...prom.metadata()],
      rules: { groups: prom.rules.groups(), lastLoad: prom.rules.lastLoad(), ruleFiles: prom.rules.ruleFiles() },
      alertmanagers: prom.notifier.alertmanagers(),
    },
    files: Object.fromEntries(files.list().map((p) => [p, files.read(p) ?? ''])),
    containers: world.containers(),
    alertmanager: {
      configText: alertmanager.configText(),
      lastReload: alertmanager.lastReload(),
      alerts: alertmanager.alerts(),
      groups: alertmanager.groups(),
      inbox: alertmanager.inbox(),
      notifyErrors: alertmanager.notifyErrors(),
      silences: alertmanager.silences(),
      receivers: alertmanager.receivers(),
    },
    incidents: { active: incidents.listed(), steadyRate: incidents.steadyRate },
    persistence: persistence.status(),
    storeUnavailable: rt.storeUnavailable,
    /** Whether this tab saves to the store, or another one does (holder.ts). */
    holder,
  };
}

export type Snapshot = ReturnType<typeof snapshot>;
