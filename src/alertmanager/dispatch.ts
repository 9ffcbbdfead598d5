// The dispatcher (dispatch/dispatch.go): each alert goes to the aggregation groups of the routes it matches.
// A new group waits group_wait before its first notification, then flushes every group_interval; a flush runs
// the notification pipeline: mute (inhibition, silences), dedup against the notification log, send.

import type { Clock, TimerId } from '../clock/clock.ts';
import type { Route } from './route.ts';
import { fingerprint } from '../model/hash/labels.ts';
import { formatLabelSet } from './route.ts';
import type { AmAlert } from './types.ts';

export class AggrGroup {
  readonly alerts = new Map<string, AmAlert>();
  hasFlushed = false;
  /** Virtual ms of the next flush. */
  nextFlush: number;
  private timer: TimerId;

  constructor(
    readonly route: Route,
    readonly labels: Record<string, string>,
    private readonly clock: Clock,
    private readonly onFlush: (g: AggrGroup) => void,
  ) {
    this.nextFlush = clock.now() + route.groupWait;
    this.timer = clock.setTimeout(() => this.flush(), route.groupWait);
  }

  /** route key + group labels, e.g. `{}/{severity="critical"}:{alertname="X"}`. */
  get key(): string {
    return `${this.route.key}:${formatLabelSet(this.labels)}`;
  }

  insert(a: AmAlert): void {
    this.alerts.set(a.fingerprint, a);
    // An alert that started longer than group_wait ago need not wait for a first notification.
    const now = this.clock.now();
    if (!this.hasFlushed && a.startsAt + this.route.groupWait < now) this.reset(0);
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
  }

  private reset(ms: number): void {
    this.clock.clearTimeout(this.timer);
    this.nextFlush = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(() => this.flush(), ms);
  }

  private flush(): void {
    this.reset(this.route.groupInterval);
    this.hasFlushed = true;
    this.onFlush(this);
  }
}

export class Dispatcher {
  private readonly groups = new Map<string, AggrGroup>();
  private readonly routes: Route[] = [];

  constructor(
    private readonly root: Route,
    private readonly clock: Clock,
    private readonly onFlush: (g: AggrGroup) => void,
  ) {}

  /** Routes an alert into its groups; returns the receivers it went to. */
  dispatch(a: AmAlert): string[] {
    const receivers: string[] = [];
    for (const route of this.root.match(a.labels)) {
      const labels = route.groupLabels(a.labels);
      // Sibling routes with equal matchers share a key, so groups are told apart by route object too.
      const id = `${this.routeIndex(route)}:${fingerprint(labels)}`;
      let g = this.groups.get(id);
      if (!g) {
        g = new AggrGroup(route, labels, this.clock, (x) => this.flushed(id, x));
        this.groups.set(id, g);
      }
      g.insert(a);
      receivers.push(route.receiver);
    }
    return receivers;
  }

  private routeIndex(route: Route): number {
    let i = this.routes.indexOf(route);
    if (i < 0) i = this.routes.push(route) - 1;
    return i;
  }

  /** The receivers an alert with these labels goes to, without dispatching it. */
  receiversFor(labels: Record<string, string>): string[] {
    return [...new Set(this.root.match(labels).map((r) => r.receiver))];
  }

  all(): AggrGroup[] {
    return [...this.groups.values()];
  }

  stop(): void {
    for (const g of this.groups.values()) g.stop();
    this.groups.clear();
  }

  private flushed(id: string, g: AggrGroup): void {
    this.onFlush(g);
    // A group whose alerts were all resolved and notified goes away.
    if (g.alerts.size === 0) {
      g.stop();
      this.groups.delete(id);
    }
  }
}
