// A rule group (rules/group.go): its rules evaluated in order at one timestamp every interval, on the virtual
// clock; results appended to the head, series that vanished since the last evaluation marked stale.

import type { Clock, TimerId } from '../clock/clock.ts';
import { labelsKey, type Labels } from '../labels/labels.ts';
import { AlertingRule, type Alert } from './alerting.ts';
import type { GroupDef } from './file.ts';
import { RecordingRule } from './recording.ts';
import type { QueryFunc, Rule } from './rule.ts';

/** Where rule results go: the head block. */
export interface Appender {
  getOrCreate(labels: Labels): number;
  append(ref: number, t: number, v: number): void;
  appendStale(ref: number, t: number): void;
}

export interface GroupOptions {
  readonly clock: Clock;
  readonly query: QueryFunc;
  readonly appender: Appender;
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

  constructor(
    readonly def: GroupDef,
    defaultIntervalMs: number,
    private readonly opts: GroupOptions,
  ) {
    this.intervalMs = def.intervalMs || defaultIntervalMs;
    this.rules = def.rules.map((r) => (r.kind === 'recording' ? new RecordingRule(r) : new AlertingRule(r)));
    this.seriesInPreviousEval = this.rules.map(() => new Map());
  }

  get key(): string {
    return `${this.def.file};${this.def.name}`;
  }

  /** Starts evaluating at this group's slot of the interval (a stable offset from its name, as Prometheus spreads groups). */
  start(): void {
    const now = this.opts.clock.now();
    const offset = fnv32(this.key) % this.intervalMs;
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
    for (const series of this.seriesInPreviousEval) for (const ls of series.values()) this.stale(ls, ts);
  }

  /** Evaluates every rule at ts; resolves when the alerts it sent have been delivered. */
  evaluate(ts: number): Promise<void> {
    const sends: Promise<void>[] = [];
    const started = performance.now();
    const ctx = {
      ts,
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
        for (const s of samples) {
          const key = labelsKey(s.labels);
          returned.set(key, s.labels);
          this.append(s.labels, ts, s.v);
        }
        for (const [key, ls] of this.seriesInPreviousEval[i]) if (!returned.has(key)) this.stale(ls, ts);
        this.seriesInPreviousEval[i] = returned;
      } catch (err) {
        rule.health = 'err';
        rule.lastError = err instanceof Error ? err.message : String(err);
      }
      rule.evaluationTime = (performance.now() - t0) / 1000;
    });
    this.lastEvaluation = ts;
    this.evaluationTime = (performance.now() - started) / 1000;
    this.opts.onEvaluated();
    return Promise.all(sends).then(() => undefined);
  }

  private schedule(at: number): void {
    // Returning the sends keeps the clock waiting for them, so alerts arrive at the time they were sent.
    this.timer = this.opts.clock.setTimeout(() => {
      const sent = this.evaluate(at);
      this.schedule(at + this.intervalMs);
      return sent;
    }, at - this.opts.clock.now());
  }

  private append(ls: Labels, t: number, v: number): void {
    try {
      this.opts.appender.append(this.opts.appender.getOrCreate(ls), t, v);
    } catch {
      // Out-of-order or duplicate samples are dropped, as Prometheus drops and counts them.
    }
  }

  private stale(ls: Labels, t: number): void {
    try {
      this.opts.appender.appendStale(this.opts.appender.getOrCreate(ls), t);
    } catch {
      // As above.
    }
  }
}

function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
