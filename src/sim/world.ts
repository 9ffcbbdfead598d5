// The chapter's Docker world: compose project `exercises` on one bridge network, its containers and their apps,
// Docker's embedded DNS, the published ports on localhost, and the engine's metrics on :9323. Everything runs on
// the virtual clock and draws randomness from one seeded generator.

import type { Clock } from '../clock/clock.ts';
import { LogStore } from '../logs/store.ts';
import { Random } from './random.ts';
import { GATEWAY_IP, IpPool, NetworkError, subnetIp } from './network.ts';
import { AccessLog } from './apps/accesslog.ts';
import { DockerEngine, type ContainerStates } from './apps/docker-engine.ts';
import { ImageGallery } from './apps/image-gallery.ts';
import { Iotd } from './apps/iotd.ts';
import type { App, AppResponse } from './apps/types.ts';
import { malformExposition } from './malformed.ts';
import { Faults } from './incidents/faults.ts';
import { ENGINE_HOSTS, ENGINE_PORT, inWorld, PUBLISHED, SERVICES, type ServiceName } from './address.ts';

export const PROJECT = 'exercises';
export { ENGINE_PORT, PUBLISHED, SERVICES, type ServiceName } from './address.ts';
/** Held for grafana (docker-compose-with-grafana.yml), so the first accesslog replica gets .6 as in the chapter. */
export const RESERVED_IPS = [subnetIp(5)];
/** How long Docker's restart policy waits before starting a container whose process exited. */
const RESTART_DELAY_MS = 5000;
const METRICS_PATHS = ['/metrics', '/actuator/prometheus'];

export type ContainerState = 'running' | 'exited';

export interface ContainerInfo {
  name: string;
  service: string;
  ip: string;
  state: ContainerState;
  /** The 12-hex container id, which is also the container's hostname. */
  hostname: string;
  startedAt: number;
  /** Replica number within the service (compose's `-N` suffix). */
  number: number;
  /** Injected fault: every HTTP response waits this long (virtual ms), e.g. longer than a scrape timeout. */
  latencyMs: number;
  /** Injected fault: the metrics endpoint serves malformed exposition text. */
  malformed: boolean;
}

export interface ComposeEvent {
  container: string;
  action: 'Created' | 'Started' | 'Running' | 'Stopped' | 'Removed';
}

export interface WorldOptions {
  clock: Clock;
  seed: number;
  /** Run `up()` on construction (default true). */
  start?: boolean;
}

export interface HttpResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface Container extends ContainerInfo {
  app: App | null;
}

export class World {
  readonly clock: Clock;
  readonly rng: Random;
  readonly engine: DockerEngine;
  /** What incidents have done to each service; the apps read it while serving. */
  readonly faults = new Faults();
  /** What the containers print (`docker logs`), on the virtual clock. */
  readonly logs: LogStore;
  readonly dns = { lookupA: (name: string): Promise<string[]> => Promise.resolve(this.resolve(name)) };
  /** The last connection failure per URL, for fetch() below: a service worker's network error carries no text. */
  private readonly dialErrors = new Map<string, string>();

  /**
   * fetch() as a client in the network sees it: when the simulated network refuses the connection, the rejection
   * carries Go's dial error ("connect: connection refused"), as Prometheus shows it on the Targets page.
   */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).href;
    try {
      return await globalThis.fetch(input, init);
    } catch (err) {
      const reason = this.dialErrors.get(url);
      if (reason === undefined) throw err;
      this.dialErrors.delete(url);
      throw new TypeError(reason);
    }
  };
  private readonly ips = new IpPool(RESERVED_IPS);
  private readonly list: Container[] = [];
  private readonly listeners = new Set<() => void>();
  /** Rotates the order Docker's DNS answers a service name with, per name. */
  private readonly rotation = new Map<string, number>();

  constructor(opts: WorldOptions) {
    this.clock = opts.clock;
    this.rng = new Random(opts.seed);
    this.logs = new LogStore(() => this.clock.now());
    this.engine = new DockerEngine(this.clock, this.rng, this.clock.now(), () => this.containerStates());
    if (opts.start ?? true) this.up();
  }

  /** `docker compose up -d [--scale accesslog=N]`: create and start what is missing, scale accesslog. */
  up(opts: { scale?: { accesslog?: number } } = {}): ComposeEvent[] {
    const events: ComposeEvent[] = [];
    for (const service of SERVICES) {
      const want = service === 'accesslog' ? (opts.scale?.accesslog ?? Math.max(1, this.replicas(service).length)) : 1;
      events.push(...this.scaleService(service, want));
    }
    this.emit();
    return events;
  }

  /** `docker compose up -d --scale <service>=n`. */
  scale(service: string, n: number): ComposeEvent[] {
    const events = this.scaleService(this.service(service), n);
    this.emit();
    return events;
  }

  /** `docker compose stop <service>`. */
  stop(service: string): ComposeEvent[] {
    const events: ComposeEvent[] = [];
    for (const c of this.replicas(this.service(service))) {
      if (c.state !== 'running') continue;
      this.halt(c);
      events.push({ container: c.name, action: 'Stopped' });
    }
    this.emit();
    return events;
  }

  /** `docker compose start <service>`: the process starts afresh, so its counters begin again at zero. */
  start(service: string): ComposeEvent[] {
    const events: ComposeEvent[] = [];
    for (const c of this.replicas(this.service(service))) {
      if (c.state === 'running') continue;
      this.boot(c);
      events.push({ container: c.name, action: 'Started' });
    }
    this.emit();
    return events;
  }

  /** `docker stop <container>`: one replica stops, as when its process crashes. */
  stopContainer(name: string): ComposeEvent[] {
    const c = this.container(name);
    if (c.state !== 'running') return [];
    this.halt(c);
    this.emit();
    return [{ container: c.name, action: 'Stopped' }];
  }

  /** `docker start <container>`: one replica starts afresh, as a restart policy does. */
  startContainer(name: string): ComposeEvent[] {
    const c = this.container(name);
    if (c.state === 'running') return [];
    this.boot(c);
    this.emit();
    return [{ container: c.name, action: 'Started' }];
  }

  /** Fault injection: the container answers every request `ms` of virtual time late (0 restores it). */
  setLatency(name: string, ms: number): void {
    this.container(name).latencyMs = Math.max(0, ms);
    this.emit();
  }

  /** Fault injection: the container's metrics endpoint serves exposition text Prometheus cannot parse. */
  setMalformed(name: string, on: boolean): void {
    this.container(name).malformed = on;
    this.emit();
  }

  /** `docker compose down`: stop and remove every container. */
  down(): ComposeEvent[] {
    const events: ComposeEvent[] = [];
    for (const c of [...this.list].reverse()) {
      if (c.state === 'running') {
        this.halt(c);
        events.push({ container: c.name, action: 'Stopped' });
      }
      this.remove(c);
      events.push({ container: c.name, action: 'Removed' });
    }
    this.emit();
    return events;
  }

  containers(): ContainerInfo[] {
    return this.list.map(({ app: _app, ...info }) => ({ ...info }));
  }

  /** Called after any change: containers, traffic. Returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * An HTTP request from anywhere (the host, the scraper, another container). Rejects with NetworkError when the host
   * does not resolve or nothing listens on the port.
   */
  async request(method: string, url: string, body = '', remoteAddr?: string): Promise<HttpResult> {
    const u = new URL(url);
    const host = u.hostname.toLowerCase();
    const port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
    let target: App;
    try {
      target = this.route(host, port);
    } catch (err) {
      if (err instanceof NetworkError) this.dialErrors.set(u.href, err.message);
      throw err;
    }
    const from = remoteAddr ?? `${GATEWAY_IP}:${32768 + this.rng.intn(28232)}`;
    const faulty = this.list.find((c) => c.app === target);
    if (faulty?.latencyMs) await this.clock.sleep(faulty.latencyMs);
    const slowMetrics = faulty ? this.faults.for(faulty.service).metricsLatencyMs : 0;
    if (slowMetrics && METRICS_PATHS.includes(u.pathname)) await this.clock.sleep(slowMetrics);
    const res = await target.handle({ method: method.toUpperCase(), path: u.pathname + u.search, body, remoteAddr: from });
    this.emit();
    if (faulty?.malformed && /version=0\.0\.4/.test(res.headers['Content-Type'] ?? '')) return { ...res, body: malformExposition(res.body) };
    return res;
  }

  /** The chapter's `for i in {1..n}; do curl http://localhost:8010; done`; resolves to the status codes. */
  async sendRequests(n: number): Promise<number[]> {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) codes.push((await this.request('GET', 'http://localhost:8010/')).status);
    return codes;
  }

  /** Does this URL point into the simulated world (so the MSW handler should answer it)? */
  serves(url: string): boolean {
    return inWorld(url, this.list.map((c) => c.name));
  }

  private route(host: string, port: number): App {
    if (ENGINE_HOSTS.includes(host) && port === ENGINE_PORT) return this.engine;
    if (host === 'localhost' || host === '127.0.0.1') {
      const service = PUBLISHED[port];
      const c = service ? this.replicas(service).find((r) => r.state === 'running') : undefined;
      if (!c?.app) throw NetworkError.refused('127.0.0.1', port);
      return c.app;
    }
    let ip = host;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      const ips = this.resolve(host);
      if (ips.length === 0) throw NetworkError.noSuchHost(host);
      // Docker's DNS rotates the answer for a multi-container service; the client takes the first address.
      const turn = this.rotation.get(host) ?? 0;
      this.rotation.set(host, turn + 1);
      ip = ips[turn % ips.length];
    }
    const c = this.list.find((x) => x.ip === ip && x.state === 'running');
    if (!c?.app || c.app.port !== port) throw NetworkError.refused(ip, port);
    return c.app;
  }

  private resolve(name: string): string[] {
    const n = name.toLowerCase();
    return this.list.filter((c) => c.state === 'running' && (c.service === n || c.name === n)).map((c) => c.ip);
  }

  private service(name: string): ServiceName {
    const s = SERVICES.find((x) => x === name);
    if (!s) throw new Error(`no such service: ${name}`);
    return s;
  }

  private container(name: string): Container {
    const c = this.list.find((x) => x.name === name);
    if (!c) throw new Error(`No such container: ${name}`);
    return c;
  }

  private replicas(service: string): Container[] {
    return this.list.filter((c) => c.service === service).sort((a, b) => a.number - b.number);
  }

  private scaleService(service: ServiceName, want: number): ComposeEvent[] {
    const events: ComposeEvent[] = [];
    const have = this.replicas(service);
    for (const c of have.slice(want).reverse()) {
      if (c.state === 'running') {
        this.halt(c);
        events.push({ container: c.name, action: 'Stopped' });
      }
      this.remove(c);
      events.push({ container: c.name, action: 'Removed' });
    }
    for (const c of have.slice(0, want)) {
      if (c.state === 'running') {
        events.push({ container: c.name, action: 'Running' });
      } else {
        this.boot(c);
        events.push({ container: c.name, action: 'Started' });
      }
    }
    for (let number = have.length + 1; number <= want; number++) {
      const c = this.create(service, number);
      events.push({ container: c.name, action: 'Created' });
      this.boot(c);
      events.push({ container: c.name, action: 'Started' });
    }
    return events;
  }

  private create(service: ServiceName, number: number): Container {
    const c: Container = {
      name: `${PROJECT}-${service}-${number}`,
      service,
      number,
      ip: this.ips.allocate(),
      state: 'exited',
      hostname: this.rng.hex(12),
      startedAt: 0,
      latencyMs: 0,
      malformed: false,
      app: null,
    };
    this.list.push(c);
    this.engine.containerAction('create');
    return c;
  }

  private boot(c: Container): void {
    c.state = 'running';
    c.startedAt = this.clock.now();
    c.app = this.newApp(c);
    this.engine.containerAction('start');
  }

  private halt(c: Container): void {
    c.state = 'exited';
    c.app = null;
    // kill, die, stop
    this.engine.event();
    this.engine.event();
    this.engine.event();
  }

  private remove(c: Container): void {
    this.list.splice(this.list.indexOf(c), 1);
    this.ips.release(c.ip);
    this.engine.containerAction('delete');
  }

  private newApp(c: Container): App | null {
    const upstream = (method: string, url: string, body?: string): Promise<AppResponse> =>
      this.request(method, url, body, `${c.ip}:${32768 + this.rng.intn(28232)}`);
    const log = this.logs.writer(c.service, c.name);
    switch (c.service) {
      case 'image-gallery':
        return new ImageGallery(this.clock, this.rng, c.startedAt, upstream, log, () => this.faults.for(c.service));
      case 'iotd':
        return new Iotd(this.clock, this.rng, c.startedAt, log, () => this.faults.for(c.service), () => this.exitProcess(c));
      case 'accesslog':
        return new AccessLog(this.clock, this.rng, c.startedAt, c.hostname, log);
      default:
        // The prometheus container is the playground itself; nothing here listens on port 80.
        return null;
    }
  }

  /** The app's process exited by itself: the container stops, and `restart: unless-stopped` starts it again. */
  private exitProcess(c: Container): void {
    const app = c.app;
    this.clock.setTimeout(() => {
      if (c.app !== app || !this.list.includes(c)) return;
      this.stopContainer(c.name);
      this.clock.setTimeout(() => this.list.includes(c) && this.startContainer(c.name), RESTART_DELAY_MS);
    }, 0);
  }

  private containerStates(): ContainerStates {
    const running = this.list.filter((c) => c.state === 'running').length;
    return { running, stopped: this.list.length - running, paused: 0 };
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

