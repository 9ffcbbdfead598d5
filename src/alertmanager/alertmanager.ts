// The simulated Alertmanager: receives alerts from Prometheus (like POST /api/v2/alerts), routes and groups
// them on the virtual clock, mutes silenced and inhibited ones, and delivers notifications to in-page inboxes.

import type { Clock } from '../clock/clock.ts';
import type { PostableAlert } from '../rules/types.ts';
import { TemplateError } from '../template/index.ts';
import { loadAlertmanagerConfig, type AlertmanagerConfig, type AlertmanagerConfigResult } from './config.ts';
import { Dispatcher, type AggrGroup } from './dispatch.ts';
import { inhibitedBy } from './inhibit.ts';
import { buildNotification, integrations, type IntegrationRef } from './receivers.ts';
import { fingerprint } from '../model/hash/labels.ts';
import { Route } from './route.ts';
import { Silences, silenceState } from './silences.ts';
import type { AlertView, AmAlert, Notification, Silence } from './types.ts';

/** Resolved alerts are forgotten after this long (Alertmanager's --alerts.gc-interval). */
const ALERT_GC_MS = 30 * 60_000;

export interface AlertmanagerOptions {
  readonly clock: Clock;
  readonly externalURL?: string;
  /** Most notifications kept in the inboxes (oldest dropped first). */
  readonly inboxLimit?: number;
}

/** What the notification log remembers of the last notification per group and integration (nflog). */
interface LogEntry {
  firing: Set<string>;
  resolved: Set<string>;
  time: number;
}

export interface NotifyError {
  readonly time: number;
  readonly receiver: string;
  readonly integration: string;
  readonly message: string;
}

export interface GroupView {
  readonly key: string;
  readonly receiver: string;
  readonly labels: Record<string, string>;
  readonly alerts: AmAlert[];
  readonly nextFlush: number;
}

export class Alertmanager {
  readonly externalURL: string;
  private config: AlertmanagerConfig | null = null;
  private text = '';
  private reload = { ok: true, time: 0 };
  private dispatcher: Dispatcher | null = null;
  private readonly store = new Map<string, AmAlert>();
  private readonly nflog = new Map<string, LogEntry>();
  private readonly silenceStore = new Silences();
  private readonly notifications: Notification[] = [];
  private readonly errors: NotifyError[] = [];
  private nextNotification = 1;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly opts: AlertmanagerOptions) {
    this.externalURL = opts.externalURL ?? 'http://alertmanager:9093';
  }

  /** Like POST /-/reload: a valid config replaces the running one and alerts are routed afresh. */
  applyConfig(text: string): AlertmanagerConfigResult {
    const result = loadAlertmanagerConfig(text);
    this.reload = { ok: result.ok, time: this.opts.clock.now() };
    if (result.ok) {
      this.config = result.config;
      this.text = text;
      this.dispatcher?.stop();
      this.dispatcher = new Dispatcher(new Route(result.config.route, null), this.opts.clock, (g) => this.flush(g));
      for (const a of this.store.values()) this.dispatcher.dispatch(a);
    }
    this.emit();
    return result;
  }

  configText(): string {
    return this.text;
  }

  lastReload(): { ok: boolean; time: number } {
    return this.reload;
  }

  /** Alerts from Prometheus. Overlapping activity merges with the alert already held. */
  receive(alerts: readonly PostableAlert[]): void {
    const now = this.opts.clock.now();
    for (const p of alerts) {
      const labels = Object.fromEntries(Object.entries(p.labels).filter(([, v]) => v !== ''));
      const fp = fingerprint(labels);
      const startsAt = p.startsAt || now;
      const endsAt = p.endsAt || now + (this.config?.resolveTimeout ?? 5 * 60_000);
      let a: AmAlert = { labels, annotations: p.annotations, startsAt, endsAt, generatorURL: p.generatorURL, fingerprint: fp, updatedAt: now };
      const old = this.store.get(fp);
      if (old && ((endsAt > old.startsAt && endsAt < old.endsAt) || (startsAt > old.startsAt && startsAt < old.endsAt))) {
        a = merge(old, a, now);
      }
      this.store.set(fp, a);
      this.dispatcher?.dispatch(a);
    }
    this.emit();
  }

  /** Alerts not yet resolved, with why they are muted, like GET /api/v2/alerts. */
  alerts(): AlertView[] {
    const now = this.opts.clock.now();
    const all = [...this.store.values()];
    return all
      .filter((a) => a.endsAt > now)
      .sort((x, y) => x.startsAt - y.startsAt || (x.fingerprint < y.fingerprint ? -1 : 1))
      .map((alert) => {
        const silencedBy = this.silenceStore.mutedBy(alert.labels, now);
        const inhibited = inhibitedBy(this.config?.inhibitRules ?? [], alert, all, now);
        return {
          alert,
          state: silencedBy.length > 0 || inhibited.length > 0 ? 'suppressed' : 'active',
          silencedBy,
          inhibitedBy: inhibited,
          receivers: this.dispatcher?.receiversFor(alert.labels) ?? [],
        };
      });
  }

  groups(): GroupView[] {
    return (this.dispatcher?.all() ?? []).map((g) => ({
      key: g.key,
      receiver: g.route.receiver,
      labels: g.labels,
      alerts: [...g.alerts.values()],
      nextFlush: g.nextFlush,
    }));
  }

  receivers(): { name: string; integrations: { integration: string; index: number; destination: string }[] }[] {
    return (this.config?.receivers ?? []).map((r) => ({
      name: r.name,
      integrations: integrations(r).map((i) => ({
        integration: i.integration,
        index: i.index,
        destination: 'channel' in i.conf ? i.conf.channel || i.conf.apiURL : 'to' in i.conf ? i.conf.to : i.conf.url,
      })),
    }));
  }

  /** Delivered notifications, oldest first. */
  inbox(): Notification[] {
    return [...this.notifications];
  }

  notifyErrors(): NotifyError[] {
    return [...this.errors];
  }

  silences(): (Silence & { state: ReturnType<typeof silenceState> })[] {
    const now = this.opts.clock.now();
    return this.silenceStore.all().map((s) => ({ ...s, state: silenceState(s, now) }));
  }

  /** Creates a silence; throws SilenceError with Alertmanager's wording on bad input. */
  addSilence(s: Omit<Silence, 'id' | 'updatedAt'>): Silence {
    const created = this.silenceStore.add(s, this.opts.clock.now());
    this.emit();
    return created;
  }

  /** Silences saved from an earlier run (the Store), as Alertmanager reads its snapshot at start. */
  restoreSilences(saved: readonly Silence[]): void {
    this.silenceStore.restore(saved);
    this.emit();
  }

  expireSilence(id: string): void {
    this.silenceStore.expire(id, this.opts.clock.now());
    this.emit();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  stop(): void {
    this.dispatcher?.stop();
  }

  private flush(g: AggrGroup): void {
    const config = this.config;
    if (!config) return;
    const now = this.opts.clock.now();
    const all = [...this.store.values()];
    const alerts = [...g.alerts.values()].sort((x, y) => (x.fingerprint < y.fingerprint ? -1 : 1));
    const unmuted = alerts.filter(
      (a) => this.silenceStore.mutedBy(a.labels, now).length === 0 && inhibitedBy(config.inhibitRules, a, all, now).length === 0,
    );
    const receiver = config.receivers.find((r) => r.name === g.route.receiver);
    let ok = true;
    if (receiver && unmuted.length > 0) {
      for (const ref of integrations(receiver)) ok = this.notify(g, ref, unmuted, now) && ok;
    }
    // Resolved alerts that were part of this flush are done with, once notified.
    if (ok) {
      for (const a of alerts) if (a.endsAt <= now && g.alerts.get(a.fingerprint) === a) g.alerts.delete(a.fingerprint);
    }
    for (const [fp, a] of this.store) if (a.endsAt <= now - ALERT_GC_MS) this.store.delete(fp);
    this.emit();
  }

  /** The per-integration stages: dedup against the log, drop resolved alerts unless send_resolved, send. */
  private notify(g: AggrGroup, ref: IntegrationRef, alerts: AmAlert[], now: number): boolean {
    const firing = new Set(alerts.filter((a) => a.endsAt > now).map((a) => a.fingerprint));
    const resolved = new Set(alerts.filter((a) => a.endsAt <= now).map((a) => a.fingerprint));
    const logKey = `${g.key}|${ref.receiver}|${ref.integration}|${ref.index}`;
    if (!needsUpdate(this.nflog.get(logKey), firing, resolved, g.route.repeatInterval, ref.sendResolved, now)) return true;
    const sent = ref.sendResolved ? alerts : alerts.filter((a) => firing.has(a.fingerprint));
    if (sent.length > 0) {
      try {
        const n = buildNotification({ ref, groupKey: g.key, groupLabels: g.labels, alerts: sent, now, externalURL: this.externalURL }, this.nextNotification++);
        this.notifications.push(n);
        const limit = this.opts.inboxLimit ?? 500;
        if (this.notifications.length > limit) this.notifications.splice(0, this.notifications.length - limit);
      } catch (err) {
        // A template that fails to execute fails the notification, as in Alertmanager; it is retried next flush.
        if (!(err instanceof TemplateError)) throw err;
        this.errors.push({ time: now, receiver: ref.receiver, integration: ref.integration, message: err.message });
        return false;
      }
    }
    this.nflog.set(logKey, { firing, resolved, time: now });
    return true;
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

/** types.Alert.Merge: the younger alert wins, keeping the earliest start. */
function merge(old: AmAlert, next: AmAlert, now: number): AmAlert {
  const res = { ...next };
  if (old.startsAt < next.startsAt) res.startsAt = old.startsAt;
  const nextResolved = next.endsAt <= now;
  if (nextResolved ? old.endsAt <= now && old.endsAt > next.endsAt : old.endsAt > next.endsAt) res.endsAt = old.endsAt;
  return res;
}

/** DedupStage.needsUpdate: notify when the firing set grew, everything resolved, resolved changed, or repeat_interval passed. */
function needsUpdate(entry: LogEntry | undefined, firing: Set<string>, resolved: Set<string>, repeatMs: number, sendResolved: boolean, now: number): boolean {
  if (!entry) return firing.size > 0;
  const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
  if (!subset(firing, entry.firing)) return true;
  if (firing.size === 0) return entry.firing.size > 0;
  if (sendResolved && !subset(resolved, entry.resolved)) return true;
  return entry.time < now - repeatMs;
}
