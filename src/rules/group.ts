// A rule group (rules/group.go): its rules evaluated in order at one timestamp every interval, on the virtual
// clock; results appended to the head, series that vanished since the last evaluation marked stale.

import type { Clock, TimerId } from '../clock/clock.ts';
import { fnv1a32 } from '../model/hash/fnv.ts';
import { labelsKey, type Labels } from '../model/labels/labels.ts';
import { Matcher } from '../model/labels/matcher.ts';
import type { Appendable, Appender, Querier, Queryable } from '../storage/interface.ts';
import { AlertingRule, type Alert } from './alerting.ts';
import type { GroupDef } from './def.ts';
import { RecordingRule } from './recording.ts';
import type { OutSample, QueryFunc, Rule } from './rule.ts';

/** How far back a restart looks for ALERTS_FOR_STATE (--rules.alert.for-outage-tolerance). */
const FOR_OUTAGE_TOLERANCE_MS = 60 * 60_000;
/** The least time a restored pending alert still waits (--rules.alert.for-grace-period). */
const FOR_GRACE_PERIOD_MS = 10 * 60_000;

export interface GroupOptions {
  readonly clock: Clock;
  /** Reads ALERTS_FOR_STATE back when restoring. */
  readonly queryable: Queryable;
  /** Restore the `for` state of alerts after the first evaluation (the first load after a start). */
  readonly restore: boolean;
  readonly query: QueryFunc;
  /** Where rule results go (the head block): one appender transaction per rule evaluation. */
  readonly appendable: Appendable;
  readonly externalLabels: Record<string, string>;
  readonly externalURL: string;
  /** How often a firing alert is re-sent (Prometheus' --rules.alert.resend-delay, 1m). */
  readonly resendDelayMs: number;
  /** Receives the alerts to send after each alerting rule's evaluation, with the rule's expression. */
  readonly notify: (alerts: Alert[], expr: string) => Promise<void> | void;
  readonly onEvaluated: () => void;
}

export class Group {
  readonly rules: Rule[];
  readonly intervalMs: number;
  lastEvaluation: number | null = null;
  /** Seconds the last evaluation took (real time). */
  evaluationTime = 0;
  private seriesInPreviousEval: Map<string, Labels>[];
  private timer: TimerId | null = null;
  private shouldRestore: boolean;

  constructor(
    readonly def: GroupDef,
    defaultIntervalMs: number,
    private readonly opts: GroupOptions,
  ) {
    this.intervalMs = def.intervalMs || defaultIntervalMs;
    this.rules = def.rules.map((r) => (r.kind === 'recording' ? new RecordingRule(r) : new AlertingRule(r)));
    this.seriesInPreviousEval = this.rules.map(() => new Map());
    this.shouldRestore = opts.restore;
    for (const r of this.rules) if (r instanceof AlertingRule) r.restored = !opts.restore;
  }

  get key(): string {
    return `${this.def.file};${this.def.name}`;
  }

  /** Starts evaluating at this group's slot of the interval (a stable offset from its name, as Prometheus spreads groups). */
  start(): void {
    const now = this.opts.clock.now();
    const offset = fnv1a32(this.key) % this.intervalMs;
    const adj = now - offset;
    const next = adj - (((adj % this.intervalMs) + this.intervalMs) % this.intervalMs) + offset + this.intervalMs;
    this.schedule(next);
  }

  stop(): void {
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Takes over alert state and series of the same-named rules of the group this one replaces (a reload). */
  copyState(from: Group): void {
    const pool = new Map<string, number[]>();
    from.rules.forEach((r, i) => pool.set(r.def.name, [...(pool.get(r.def.name) ?? []), i]));
    this.rules.forEach((r, i) => {
      const j = pool.get(r.def.name)?.shift();
      if (j === undefined) return;
      const old = from.rules[j];
      this.seriesInPreviousEval[i] = from.seriesInPreviousEval[j];
      if (r instanceof AlertingRule && old instanceof AlertingRule) r.active = old.active;
    });
    this.lastEvaluation = from.lastEvaluation;
  }

  /** Marks every series this group wrote as stale (the group was removed). */
  markStale(ts: number): void {
    const app = this.opts.appendable.appender();
    for (const series of this.seriesInPreviousEval) for (const ls of series.values()) this.stale(app, ls, ts);
    app.commit();
  }

  /** Evaluates every rule at ts; resolves when the alerts it sent have been delivered. */
  evaluate(ts: number): Promise<void> {
    const sends: Promise<void>[] = [];
    const started = performance.now();
    const stampTs = ts - this.def.queryOffsetMs;
    const ctx = {
      ts,
      queryTs: stampTs,
      query: this.opts.query,
      limit: this.def.limit,
      externalLabels: this.opts.externalLabels,
      externalURL: this.opts.externalURL,
    };
    this.rules.forEach((rule, i) => {
      const t0 = performance.now();
      rule.lastEvaluation = ts;
      try {
        const samples = rule.eval(ctx);
        rule.health = 'ok';
        rule.lastError = '';
        if (rule instanceof AlertingRule) {
          const alerts = rule.alertsToSend(ts, this.opts.resendDelayMs, this.intervalMs);
          if (alerts.length > 0) sends.push(Promise.resolve(this.opts.notify(alerts, rule.def.exprText)));
        }
        const returned = new Map<string, Labels>();
        const app = this.opts.appendable.appender();
        for (const s of samples) {
          const key = labelsKey(s.labels);
          returned.set(key, s.labels);
          this.append(app, s, stampTs);
        }
        for (const [key, ls] of this.seriesInPreviousEval[i]) if (!returned.has(key)) this.stale(app, ls, stampTs);
        app.commit();
        this.seriesInPreviousEval[i] = returned;
      } catch (err) {
        rule.health = 'err';
        rule.lastError = err instanceof Error ? err.message : String(err);
      }
      rule.evaluationTime = (performance.now() - t0) / 1000;
    });
    if (this.shouldRestore) {
      this.shouldRestore = false;
      this.restoreForState(ts);
    }
    this.lastEvaluation = ts;
    this.evaluationTime = (performance.now() - started) / 1000;
    this.opts.onEvaluated();
    return Promise.all(sends).then(() => undefined);
  }

  /**
   * Like Prometheus' RestoreForState: after a start, an alert that was pending or firing before keeps its `for`
   * progress from ALERTS_FOR_STATE, shifted by the downtime, so a restart neither resets nor skips it. Rules whose
   * `for` is shorter than the grace period just wait their `for` again.
   */
  private restoreForState(ts: number): void {
    const querier = this.opts.queryable.querier();
    try {
      this.restoreWith(querier, ts);
    } finally {
      querier.close();
    }
  }

  private restoreWith(querier: Querier, ts: number): void {
    for (const rule of this.rules) {
      if (!(rule instanceof AlertingRule)) continue;
      rule.restored = true;
      const hold = rule.def.forMs;
      if (hold < FOR_GRACE_PERIOD_MS) continue;
      for (const a of rule.active.values()) {
        const labels = rule.forStateLabels(a);
        const series = querier
          .select(labels.map((l) => new Matcher('=', l.name, l.value)), { start: ts - FOR_OUTAGE_TOLERANCE_MS, end: ts })
          .find((s) => s.labels.length === labels.length);
        const last = series ? series.t.length - 1 : -1;
        // No series, or it ended with a staleness marker: the alert was not active.
        if (!series || last < 0 || series.stale[last]) continue;
        // Prometheus works in whole seconds here.
        const downAt = Math.floor(series.t[last] / 1000) * 1000;
        let activeAt = Math.trunc(series.v[last]) * 1000;
        const remaining = hold - (downAt - activeAt);
        if (remaining > 0) {
          activeAt = remaining < FOR_GRACE_PERIOD_MS ? ts + FOR_GRACE_PERIOD_MS - hold : activeAt + (ts - downAt);
        }
        a.activeAt = activeAt;
      }
    }
  }

  private schedule(at: number): void {
    // Returning the sends keeps the clock waiting for them, so alerts arrive at the time they were sent.
    this.timer = this.opts.clock.setTimeout(() => {
      const sent = this.evaluate(at);
      this.schedule(at + this.intervalMs);
      return sent;
    }, at - this.opts.clock.now());
  }

  private append(app: Appender, s: OutSample, t: number): void {
    try {
      if (s.h) app.appendHistogram(null, s.labels, t, s.h);
      else app.append(null, s.labels, t, s.v);
    } catch {
      // Out-of-order or duplicate samples are dropped, as Prometheus drops and counts them.
    }
  }

  private stale(app: Appender, ls: Labels, t: number): void {
    try {
      app.appendStale(null, ls, t);
    } catch {
      // As above.
    }
  }
}
