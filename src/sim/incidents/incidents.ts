// Incidents a learner can push the world into, each undoable: an error-rate spike, slow responses, a memory
// leak, a goroutine leak, a traffic surge, a replica in a crash loop. They act through the Faults the apps
// read, the user traffic, and the containers themselves, so every effect shows up only in scraped metrics.

import type { Clock, TimerId } from '../../clock/clock.ts';
import type { ComposeEvent, ContainerInfo } from '../world.ts';
import type { Faults } from './faults.ts';
import { Traffic } from './traffic.ts';

import { INCIDENT_KINDS, IncidentError, type IncidentKind } from './kinds.ts';

export { INCIDENT_KINDS, IncidentError, type IncidentKind };

export interface ActiveIncident {
  readonly kind: IncidentKind;
  /** The service or container it affects. */
  readonly target: string;
  readonly startedAt: number;
  /** Started by a drill: its fault is the learner's to find, so the control bar and `promlab incident` keep it unlisted. */
  readonly drill?: true;
}

/** What incidents need from the world (World provides it). */
export interface IncidentHost {
  readonly faults: Faults;
  containers(): ContainerInfo[];
  stop(service: string): ComposeEvent[];
  start(service: string): ComposeEvent[];
  stopContainer(name: string): ComposeEvent[];
  startContainer(name: string): ComposeEvent[];
  request(method: string, url: string): Promise<unknown>;
}

/** Requests per second while an incident needs users and none were set. */
const INCIDENT_TRAFFIC = 2;
const SURGE_FACTOR = 10;
const ERROR_RATIO = 0.3;
const EXTRA_LATENCY_MS = 1500;
const HEAP_LEAK_BYTES_PER_SEC = 1 << 20;
const GOROUTINE_LEAK_PER_SEC = 2;
/** A crash-looping replica runs this long, then stays down for the restart back-off. */
const CRASH_UP_MS = 25_000;
const CRASH_BACKOFF_MS = 10_000;
const NEEDS_TRAFFIC: readonly IncidentKind[] = ['error-rate', 'latency', 'traffic-surge'];

export class Incidents {
  readonly traffic: Traffic;
  private steady = 0;
  private readonly list = new Map<IncidentKind, ActiveIncident>();
  private crashTimer: TimerId | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly host: IncidentHost,
  ) {
    this.traffic = new Traffic(clock, () => host.request('GET', 'http://localhost:8010/'));
  }

  /** The users' own steady rate (requests per second), whatever the incidents do. */
  get steadyRate(): number {
    return this.steady;
  }

  setSteadyRate(perSecond: number): void {
    this.steady = Math.max(0, perSecond);
    this.updateTraffic();
    this.emit();
  }

  active(): ActiveIncident[] {
    return INCIDENT_KINDS.flatMap((k) => this.list.get(k) ?? []);
  }

  /** The incidents the learner started, the ones the playground lists. */
  listed(): ActiveIncident[] {
    return this.active().filter((i) => !i.drill);
  }

  isActive(kind: IncidentKind): boolean {
    return this.list.has(kind);
  }

  start(kind: IncidentKind, by: 'learner' | 'drill' = 'learner'): ActiveIncident {
    if (this.list.has(kind)) throw new IncidentError(`incident ${kind} is already running`);
    const target = this.begin(kind);
    const incident: ActiveIncident = { kind, target, startedAt: this.clock.now(), ...(by === 'drill' && { drill: true }) };
    this.list.set(kind, incident);
    this.updateTraffic();
    this.emit();
    return incident;
  }

  stop(kind: IncidentKind): void {
    const incident = this.list.get(kind);
    if (!incident) throw new IncidentError(`incident ${kind} is not running`);
    this.list.delete(kind);
    this.end(incident);
    this.updateTraffic();
    this.emit();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private begin(kind: IncidentKind): string {
    const { faults } = this.host;
    switch (kind) {
      case 'error-rate':
        faults.set('image-gallery', { errorRatio: ERROR_RATIO });
        return 'image-gallery';
      case 'latency':
        faults.set('image-gallery', { extraLatencyMs: EXTRA_LATENCY_MS });
        return 'image-gallery';
      case 'memory-leak':
        faults.set('image-gallery', { heapLeakBytesPerSec: HEAP_LEAK_BYTES_PER_SEC });
        return 'image-gallery';
      case 'goroutine-leak':
        faults.set('image-gallery', { goroutineLeakPerSec: GOROUTINE_LEAK_PER_SEC });
        return 'image-gallery';
      case 'traffic-surge':
        return 'image-gallery';
      case 'crash-loop': {
        // The newest accesslog replica: scaled-out replicas are where a bad start shows first.
        const replicas = this.host.containers().filter((c) => c.service === 'accesslog');
        const victim = replicas.sort((a, b) => b.number - a.number)[0];
        if (!victim) throw new IncidentError('no accesslog replica to crash: docker compose up first');
        this.crash(victim.name);
        return victim.name;
      }
    }
  }

  private end(incident: ActiveIncident): void {
    const { faults } = this.host;
    switch (incident.kind) {
      case 'error-rate':
        faults.set('image-gallery', { errorRatio: null });
        break;
      case 'latency':
        faults.set('image-gallery', { extraLatencyMs: 0 });
        break;
      case 'memory-leak':
      case 'goroutine-leak':
        // Leaked memory and goroutines stay until the process restarts: the fix is deployed with a restart.
        faults.set('image-gallery', incident.kind === 'memory-leak' ? { heapLeakBytesPerSec: 0 } : { goroutineLeakPerSec: 0 });
        this.host.stop('image-gallery');
        this.host.start('image-gallery');
        break;
      case 'traffic-surge':
        break;
      case 'crash-loop':
        if (this.crashTimer !== null) this.clock.clearTimeout(this.crashTimer);
        this.crashTimer = null;
        this.host.startContainer(incident.target);
        break;
    }
  }

  /** Down now, back after the back-off, down again after running a while: until the incident stops. */
  private crash(name: string): void {
    this.host.stopContainer(name);
    this.crashTimer = this.clock.setTimeout(() => {
      // Scaled away meanwhile (`docker compose up --scale`): nothing is left to crash.
      if (!this.exists(name)) return this.forget('crash-loop');
      this.host.startContainer(name);
      this.crashTimer = this.clock.setTimeout(() => (this.exists(name) ? this.crash(name) : this.forget('crash-loop')), CRASH_UP_MS);
    }, CRASH_BACKOFF_MS);
  }

  private exists(container: string): boolean {
    return this.host.containers().some((c) => c.name === container);
  }

  /** An incident that ended by itself. */
  private forget(kind: IncidentKind): void {
    this.crashTimer = null;
    this.list.delete(kind);
    this.emit();
  }

  private updateTraffic(): void {
    const needs = NEEDS_TRAFFIC.some((k) => this.list.has(k));
    const base = needs ? Math.max(this.steady, INCIDENT_TRAFFIC) : this.steady;
    this.traffic.setRate(base * (this.list.has('traffic-surge') ? SURGE_FACTOR : 1));
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
