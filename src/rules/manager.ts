// The rule manager (rules/manager.go): loads the rule files `rule_files` names, runs their groups on the virtual
// clock and hands firing and resolved alerts to the notifier. A reload with a broken file changes nothing: the
// errors are reported and the last good groups keep running.

import type { Clock } from '../clock/clock.ts';
import type { Files } from '../files/files.ts';
import { labelsToRecord } from '../model/labels/labels.ts';
import { AlertingRule, type Alert } from './alerting.ts';
import type { GroupDef } from './def.ts';
import { loadRuleFile, type RuleFileError } from './file.ts';
import { Group } from './group.ts';
import type { Appendable, Queryable } from '../storage/interface.ts';
import type { QueryFunc } from './rule.ts';
import type { AlertStatus, PostableAlert, RuleGroupStatus, RuleStatus } from './types.ts';

export interface RuleManagerOptions {
  readonly clock: Clock;
  readonly files: Files;
  readonly query: QueryFunc;
  readonly appendable: Appendable;
  /** Where ALERTS_FOR_STATE is read back from when the first load restores the alerts' `for` state. */
  readonly queryable: Queryable;
  /** Where alerts go (the notifier → Alertmanager). */
  readonly notify: (alerts: PostableAlert[]) => Promise<void> | void;
  readonly externalURL?: string;
  readonly resendDelayMs?: number;
}

export interface RuleSettings {
  /** rule_files patterns (absolute paths, `*` in the last element). */
  readonly patterns: readonly string[];
  readonly evaluationIntervalMs: number;
  readonly externalLabels: Record<string, string>;
}

export interface RuleLoad {
  readonly ok: boolean;
  readonly time: number;
  readonly errors: RuleFileError[];
}

const DEFAULT_RESEND_DELAY_MS = 60_000;

export class RuleManager {
  private groupList: Group[] = [];
  private settings: RuleSettings = { patterns: [], evaluationIntervalMs: 60_000, externalLabels: {} };
  private load: RuleLoad = { ok: true, time: 0, errors: [] };
  private readonly listeners = new Set<() => void>();
  private readonly externalURL: string;
  /** Set once the first rule load has run: only that one restores `for` state, as at Prometheus' start. */
  private started = false;

  constructor(private readonly opts: RuleManagerOptions) {
    this.externalURL = opts.externalURL ?? 'http://localhost:9090';
  }

  /** Applies new settings (a config reload) and loads the rule files they name. */
  update(settings: RuleSettings): RuleLoad {
    this.settings = settings;
    return this.reload();
  }

  /** Re-reads the rule files, like POST /-/reload. On any error the running groups stay as they are. */
  reload(): RuleLoad {
    const now = this.opts.clock.now();
    const defs: GroupDef[] = [];
    const errors: RuleFileError[] = [];
    for (const file of this.ruleFiles()) {
      const result = loadRuleFile(file, this.opts.files.read(file) ?? '');
      if (result.ok) defs.push(...result.groups);
      else errors.push(...result.errors);
    }
    this.load = { ok: errors.length === 0, time: now, errors };
    if (errors.length === 0) this.replaceGroups(defs, now);
    this.emit();
    return this.load;
  }

  lastLoad(): RuleLoad {
    return this.load;
  }

  /** The files the patterns match now, in order. */
  ruleFiles(): string[] {
    return [...new Set(this.settings.patterns.flatMap((p) => this.opts.files.glob(p)))];
  }

  /** Like GET /api/v1/rules. */
  groups(): RuleGroupStatus[] {
    return this.groupList.map((g) => ({
      name: g.def.name,
      file: g.def.file,
      interval: g.intervalMs / 1000,
      limit: g.def.limit,
      evaluationTime: g.evaluationTime,
      lastEvaluation: g.lastEvaluation,
      rules: g.rules.map((r): RuleStatus => {
        const base = {
          name: r.def.name,
          query: r.def.exprText,
          labels: r.def.labels,
          health: r.health,
          lastError: r.lastError,
          evaluationTime: r.evaluationTime,
          lastEvaluation: r.lastEvaluation,
        };
        if (!(r instanceof AlertingRule)) return { ...base, type: 'recording' };
        return {
          ...base,
          type: 'alerting',
          state: r.state,
          duration: r.def.forMs / 1000,
          keepFiringFor: r.def.keepFiringForMs / 1000,
          annotations: r.def.annotations,
          alerts: activeAlerts(r),
        };
      }),
    }));
  }

  /** Like GET /api/v1/alerts: pending and firing alerts of every rule. */
  alerts(): AlertStatus[] {
    return this.groupList.flatMap((g) => g.rules.flatMap((r) => (r instanceof AlertingRule ? activeAlerts(r) : [])));
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  stop(): void {
    for (const g of this.groupList) g.stop();
  }

  private replaceGroups(defs: GroupDef[], now: number): void {
    const old = new Map(this.groupList.map((g) => [g.key, g]));
    const next = defs.map((def) => {
      const g = new Group(def, this.settings.evaluationIntervalMs, {
        clock: this.opts.clock,
        queryable: this.opts.queryable,
        restore: !this.started,
        query: this.opts.query,
        appendable: this.opts.appendable,
        externalLabels: this.settings.externalLabels,
        externalURL: this.externalURL,
        resendDelayMs: this.opts.resendDelayMs ?? DEFAULT_RESEND_DELAY_MS,
        notify: (alerts, expr) => this.opts.notify(alerts.map((a) => this.postable(a, expr))),
        onEvaluated: () => this.emit(),
      });
      const prev = old.get(g.key);
      if (prev) {
        g.copyState(prev);
        old.delete(g.key);
      }
      return g;
    });
    for (const g of this.groupList) g.stop();
    // Groups that are gone: their series end now.
    for (const g of old.values()) g.markStale(now);
    this.groupList = next;
    this.started = true;
    for (const g of next) g.start();
  }

  private postable(a: Alert, expr: string): PostableAlert {
    const labels = { ...this.settings.externalLabels, ...labelsToRecord(a.labels) };
    return {
      labels,
      annotations: a.annotations,
      startsAt: a.firedAt,
      endsAt: a.resolvedAt !== 0 ? a.resolvedAt : a.validUntil,
      generatorURL: `${this.externalURL}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`,
    };
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

function activeAlerts(r: AlertingRule): AlertStatus[] {
  return [...r.active.values()]
    .filter((a) => a.state !== 'inactive')
    .map((a) => ({
      labels: labelsToRecord(a.labels),
      annotations: a.annotations,
      state: a.state as 'pending' | 'firing',
      activeAt: a.activeAt,
      keepFiringSince: a.keepFiringSince || null,
      value: a.value,
    }));
}
