// An alerting rule (rules/alerting.go): every series of the expression's result is an alert, pending until it
// has been active for `for`, then firing; when it disappears it resolves (after `keep_firing_for`, if set).
// Active alerts become the ALERTS and ALERTS_FOR_STATE series.

import { labelsKey, LabelsBuilder, labelsToRecord, METRIC_NAME, type Labels } from '../model/labels/labels.ts';
import { queryVector, Rule, type EvalContext, type OutSample } from './rule.ts';
import { expandTemplate } from './template.ts';

export type AlertState = 'inactive' | 'pending' | 'firing';

export interface Alert {
  state: AlertState;
  labels: Labels;
  annotations: Record<string, string>;
  value: number;
  /** Virtual ms; 0 means never. */
  activeAt: number;
  firedAt: number;
  resolvedAt: number;
  lastSentAt: number;
  validUntil: number;
  keepFiringSince: number;
}

/** How long a resolved alert is kept and re-sent, so Alertmanager surely hears it resolved. */
const RESOLVED_RETENTION_MS = 15 * 60_000;
const STATE_RANK: Record<AlertState, number> = { inactive: 0, pending: 1, firing: 2 };

export class AlertingRule extends Rule {
  /** Active alerts by label set key, including resolved ones still in retention. */
  active = new Map<string, Alert>();
  /** False until the `for` state is restored after a start: no ALERTS series are written before that. */
  restored = true;

  get state(): AlertState {
    let s: AlertState = 'inactive';
    for (const a of this.active.values()) if (STATE_RANK[a.state] > STATE_RANK[s]) s = a.state;
    return s;
  }

  eval(ctx: EvalContext): OutSample[] {
    const { ts } = ctx;
    const name = this.def.name;
    const fresh = new Map<string, Alert>();
    for (const s of queryVector(ctx, this.def.expr)) {
      const data = { Labels: labelsToRecord(s.metric), ExternalLabels: ctx.externalLabels, ExternalURL: ctx.externalURL, Value: s.v };
      const b = new LabelsBuilder(s.metric).del(METRIC_NAME);
      for (const [k, v] of Object.entries(this.def.labels)) b.set(k, expandTemplate(name, v, data, ctx.query, ts));
      b.set('alertname', name);
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.def.annotations)) annotations[k] = expandTemplate(name, v, data, ctx.query, ts);
      const labels = b.labels();
      const key = labelsKey(labels);
      if (fresh.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
      fresh.set(key, {
        state: 'pending', labels, annotations, value: s.v, activeAt: ts,
        firedAt: 0, resolvedAt: 0, lastSentAt: 0, validUntil: 0, keepFiringSince: 0,
      });
    }
    for (const [key, a] of fresh) {
      const old = this.active.get(key);
      if (old && old.state !== 'inactive') {
        old.value = a.value;
        old.annotations = a.annotations;
        continue;
      }
      this.active.set(key, a);
    }

    const out: OutSample[] = [];
    let numActive = 0;
    for (const [key, a] of this.active) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && this.def.keepFiringForMs > 0) {
          if (a.keepFiringSince === 0) a.keepFiringSince = ts;
          keepFiring = ts - a.keepFiringSince < this.def.keepFiringForMs;
        }
        // A pending alert that vanishes is forgotten; a resolved one is kept a while to be re-sent.
        if (a.state === 'pending' || (a.resolvedAt !== 0 && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) this.active.delete(key);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSince = 0;
      }
      numActive++;
      if (a.state === 'pending' && ts - a.activeAt >= this.def.forMs) {
        a.state = 'firing';
        a.firedAt = ts;
      }
      if (!this.restored) continue;
      out.push({ labels: this.seriesLabels(a, 'ALERTS', a.state), v: 1 });
      out.push({ labels: this.forStateLabels(a), v: a.activeAt / 1000 });
    }
    if (ctx.limit > 0 && numActive > ctx.limit) {
      this.active.clear();
      throw new Error(`exceeded limit of ${ctx.limit} with ${numActive} alerts`);
    }
    return out;
  }

  /** Alerts to hand to Alertmanager now: firing ones every resendDelay, resolved ones once more. */
  alertsToSend(ts: number, resendDelayMs: number, intervalMs: number): Alert[] {
    const out: Alert[] = [];
    for (const a of this.active.values()) {
      if (a.state === 'pending') continue;
      const due = a.resolvedAt > a.lastSentAt || a.lastSentAt + resendDelayMs < ts;
      if (!due) continue;
      a.lastSentAt = ts;
      // Valid for two missed evaluations or sends.
      a.validUntil = ts + 4 * Math.max(resendDelayMs, intervalMs);
      out.push({ ...a });
    }
    return out;
  }

  /** The ALERTS_FOR_STATE series of an alert, from which its `for` state is restored after a restart. */
  forStateLabels(a: Alert): Labels {
    return this.seriesLabels(a, 'ALERTS_FOR_STATE', null);
  }

  private seriesLabels(a: Alert, metric: string, state: AlertState | null): Labels {
    const b = new LabelsBuilder();
    for (const [k, v] of Object.entries(this.def.labels)) b.set(k, v);
    for (const l of a.labels) b.set(l.name, l.value);
    b.set(METRIC_NAME, metric).set('alertname', this.def.name);
    if (state) b.set('alertstate', state);
    return b.labels();
  }
}
