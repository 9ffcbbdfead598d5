// The notifier (notifier/manager.go): alerts from the rule manager, after alert_relabel_configs, are POSTed as
// JSON to every Alertmanager that `alerting.alertmanagers` names, at <scheme>://<address><path_prefix>/api/v2/alerts.
// A wrong address or a refused connection is recorded per Alertmanager, as Prometheus logs and counts it.

import type { AlertingConfig } from '../config/types.ts';
import { getLabel, labelsFromRecord, labelsToRecord } from '../model/labels/labels.ts';
import { relabel } from '../relabel/relabel.ts';
import type { PostableAlert } from './types.ts';

export interface AlertmanagerStatus {
  /** Where alerts are posted. */
  readonly url: string;
  /** Virtual ms of the last successful post, or null. */
  readonly lastSent: number | null;
  readonly lastError: string;
  readonly sent: number;
  readonly errors: number;
}

interface Target {
  url: string;
  lastSent: number | null;
  lastError: string;
  sent: number;
  errors: number;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

export class Notifier {
  private alerting: AlertingConfig | null = null;
  private targets: Target[] = [];

  constructor(
    private readonly post: typeof globalThis.fetch,
    private readonly now: () => number,
  ) {}

  /** Takes the `alerting` section of a newly loaded config. */
  apply(alerting: AlertingConfig): void {
    this.alerting = alerting;
    const old = new Map(this.targets.map((t) => [t.url, t]));
    this.targets = [];
    for (const am of alerting.alertmanagers) {
      for (const sc of am.staticConfigs) {
        for (const address of sc.targets) {
          // Like a discovered Alertmanager: relabel_configs may rewrite or drop it.
          const labels = relabel(
            labelsFromRecord({ ...sc.labels, __address__: address, __scheme__: am.scheme, __alerts_path__: `${am.pathPrefix.replace(/\/$/, '')}/api/v2/alerts` }),
            am.relabelConfigs,
          );
          if (!labels) continue;
          const url = `${getLabel(labels, '__scheme__')}://${getLabel(labels, '__address__')}${getLabel(labels, '__alerts_path__')}`;
          this.targets.push(old.get(url) ?? { url, lastSent: null, lastError: '', sent: 0, errors: 0 });
        }
      }
    }
  }

  alertmanagers(): AlertmanagerStatus[] {
    return this.targets.map((t) => ({ ...t }));
  }

  /** Relabels and posts the alerts to every Alertmanager; resolves when all posts are done. */
  async send(alerts: readonly PostableAlert[]): Promise<void> {
    const relabelConfigs = this.alerting?.alertRelabelConfigs ?? [];
    const out = [];
    for (const a of alerts) {
      const labels = relabel(labelsFromRecord(a.labels), relabelConfigs);
      if (!labels) continue;
      out.push({
        labels: labelsToRecord(labels),
        annotations: a.annotations,
        startsAt: rfc3339(a.startsAt),
        endsAt: rfc3339(a.endsAt),
        generatorURL: a.generatorURL,
      });
    }
    if (out.length === 0) return;
    const body = JSON.stringify(out);
    await Promise.all(this.targets.map((t) => this.deliver(t, body, out.length)));
  }

  private async deliver(t: Target, body: string, count: number): Promise<void> {
    try {
      const res = await this.post(t.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      if (!res.ok) throw new Error(`bad response status ${res.status} ${res.statusText}`.trim());
      await res.text();
      t.lastSent = this.now();
      t.lastError = '';
      t.sent += count;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      t.lastError = reason.startsWith('bad response') ? reason : `Post "${t.url}": ${reason}`;
      t.errors += count;
    }
  }
}
