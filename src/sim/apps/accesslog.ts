// access-log (ch09/exercises/access-log/src/server.js, Node 10.16 + prom-client 11.5): POST /access-log counts
// a log entry and the unique client addresses; GET /stats; GET /metrics. Default metrics are refreshed by
// prom-client's 10-second timer and carry that refresh's timestamp, so values and timestamps move in 10 s steps.

import type { Clock } from '../../clock/clock.ts';
import { winstonLog } from '../../logs/formats.ts';
import type { LogWriter } from '../../logs/store.ts';
import type { Random } from '../random.ts';
import { Registry } from '../metrics/registry.ts';
import { PROM_CLIENT_CONTENT_TYPE, writePromClientText } from '../metrics/text-promclient.ts';
import { textResponse, type App, type AppRequest, type AppResponse } from './types.ts';

const REFRESH_MS = 10_000;
const MB = 1 << 20;
const HEAP_SPACES = ['read_only', 'new', 'old', 'code', 'map', 'large_object'] as const;

export class AccessLog implements App {
  readonly port = 80;
  private readonly registry = new Registry();
  private readonly total;
  private readonly clientIps;
  private readonly c;
  private readonly g;
  private readonly ips = new Set<string>();
  private logs = 0;
  private refreshedAt = -Infinity;
  private cpuUser = 0;
  private cpuSystem = 0;
  private heapUsed = 9 * MB;
  private sockets = 1;

  constructor(private readonly clock: Clock, private readonly rng: Random, private readonly startedAt: number, readonly hostname: string, private readonly write: LogWriter) {
    const reg = this.registry;
    this.total = reg.counter({ name: 'access_log_total', help: 'Access Log - total log requests' }).labels();
    this.clientIps = reg.gauge({ name: 'access_client_ip_current', help: 'Access Log - current unique IP addresses' }).labels();
    const counter = (name: string, help: string) => reg.counter({ name, help }).labels();
    const gauge = (name: string, help: string, labelNames: string[] = []) => reg.gauge({ name, help, labelNames });
    this.c = {
      user: counter('process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.'),
      system: counter('process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.'),
      cpu: counter('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.'),
    };
    this.g = {
      start: gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.'),
      resident: gauge('process_resident_memory_bytes', 'Resident memory size in bytes.'),
      virtual: gauge('process_virtual_memory_bytes', 'Virtual memory size in bytes.'),
      heap: gauge('process_heap_bytes', 'Process heap size in bytes.'),
      openFds: gauge('process_open_fds', 'Number of open file descriptors.'),
      maxFds: gauge('process_max_fds', 'Maximum number of open file descriptors.'),
      lag: gauge('nodejs_eventloop_lag_seconds', 'Lag of event loop in seconds.'),
      handles: gauge('nodejs_active_handles', 'Number of active libuv handles grouped by handle type. Every handle type is C++ class name.', ['type']),
      handlesTotal: gauge('nodejs_active_handles_total', 'Total number of active handles.'),
      requests: gauge('nodejs_active_requests', 'Number of active libuv requests grouped by request type. Every request type is C++ class name.', ['type']),
      requestsTotal: gauge('nodejs_active_requests_total', 'Total number of active requests.'),
      heapTotal: gauge('nodejs_heap_size_total_bytes', 'Process heap size from node.js in bytes.'),
      heapUsed: gauge('nodejs_heap_size_used_bytes', 'Process heap size used from node.js in bytes.'),
      external: gauge('nodejs_external_memory_bytes', 'Nodejs external memory size in bytes.'),
      spaceTotal: gauge('nodejs_heap_space_size_total_bytes', 'Process heap space size total from node.js in bytes.', ['space']),
      spaceUsed: gauge('nodejs_heap_space_size_used_bytes', 'Process heap space size used from node.js in bytes.', ['space']),
      spaceAvailable: gauge('nodejs_heap_space_size_available_bytes', 'Process heap space size available from node.js in bytes.', ['space']),
      version: gauge('nodejs_version_info', 'Node.js version info.', ['version', 'major', 'minor', 'patch']),
    };
    // Set once at start-up and never stamped.
    this.g.start.labels().set(Math.round(startedAt / 1000));
    this.g.maxFds.labels().set(1048576);
    this.g.version.labels('v10.16.0', '10', '16', '0').set(1);
    write('info', winstonLog(startedAt, 'info', 'Listening at http://[::]:80'));
  }

  get logCount(): number {
    return this.logs;
  }

  async handle(req: AppRequest): Promise<AppResponse> {
    const path = req.path.split('?')[0];
    const method = req.method.toUpperCase();
    if (method === 'POST' && path === '/access-log') return this.log(req);
    if (method === 'GET' && path === '/stats') return textResponse(200, JSON.stringify({ logs: this.logs }), 'application/json');
    if (method === 'GET' && path === '/metrics') return this.metrics();
    return textResponse(404, JSON.stringify({ code: 'ResourceNotFound', message: `${path} does not exist` }), 'application/json');
  }

  private log(req: AppRequest): AppResponse {
    let clientIp = req.remoteAddr;
    try {
      clientIp = (JSON.parse(req.body) as { clientIp?: string }).clientIp ?? clientIp;
    } catch {
      // restify would reject the body; the counters still tell the story.
    }
    this.logs++;
    this.total.inc();
    this.write('info', winstonLog(this.clock.now(), 'info', `Access log, client IP: ${clientIp}`));
    this.ips.add(clientIp);
    this.clientIps.set(this.ips.size);
    this.cpuUser += 0.0004;
    this.heapUsed += 12_000;
    return textResponse(201, 'Created');
  }

  private metrics(): AppResponse {
    const now = this.clock.now();
    const at = this.startedAt + Math.floor((now - this.startedAt) / REFRESH_MS) * REFRESH_MS;
    if (at > this.refreshedAt) this.refresh(at);
    const body = writePromClientText(this.registry.collect(now), { hostname: this.hostname });
    return textResponse(200, body, PROM_CLIENT_CONTENT_TYPE);
  }

  /** One run of collectDefaultMetrics' update timer at time `t`. */
  private refresh(t: number): void {
    const dt = this.refreshedAt === -Infinity ? (t - this.startedAt) / 1000 : (t - this.refreshedAt) / 1000;
    this.refreshedAt = t;
    this.cpuUser += dt * this.rng.between(0.001, 0.003);
    this.cpuSystem += dt * this.rng.between(0.0005, 0.0015);
    // V8's scavenger keeps the young generation bounded.
    this.heapUsed += dt * 3_000;
    if (this.heapUsed > 14 * MB) this.heapUsed = 9 * MB + this.rng.intn(MB);
    this.sockets = 1 + this.rng.intn(3);
    const round = (v: number) => Math.round(v * 1e6) / 1e6;
    this.c.user.set(round(this.cpuUser), t);
    this.c.system.set(round(this.cpuSystem), t);
    this.c.cpu.set(round(this.cpuUser + this.cpuSystem), t);
    const heapTotal = 16 * MB;
    const set = (g: { labels: (...v: string[]) => { set: (v: number, ts?: number) => void } }, v: number, ...labels: string[]) =>
      g.labels(...labels).set(v, t);
    set(this.g.resident, 42 * MB + Math.round(this.heapUsed / 4096) * 4096);
    set(this.g.virtual, 290 * MB);
    set(this.g.heap, 27 * MB + Math.round(this.heapUsed / 4096) * 4096);
    set(this.g.openFds, 19 + this.sockets);
    set(this.g.lag, round(this.rng.between(0.0003, 0.004)));
    set(this.g.handles, this.sockets + 1, 'Socket');
    set(this.g.handles, 1, 'Server');
    set(this.g.handlesTotal, this.sockets + 2);
    set(this.g.requestsTotal, 0);
    set(this.g.heapTotal, heapTotal);
    set(this.g.heapUsed, Math.round(this.heapUsed));
    set(this.g.external, 1_700_000 + this.logs * 64 + this.rng.intn(2048));
    const used: Record<(typeof HEAP_SPACES)[number], number> = {
      read_only: 0,
      new: Math.round(this.heapUsed * 0.15),
      old: Math.round(this.heapUsed * 0.7),
      code: 1_100_000,
      map: 420_000,
      large_object: Math.round(this.heapUsed * 0.15) - 1_520_000 > 0 ? Math.round(this.heapUsed * 0.15) - 1_520_000 : 0,
    };
    const size: Record<(typeof HEAP_SPACES)[number], number> = {
      read_only: 0,
      new: 4 * MB,
      old: 9 * MB,
      code: 1.5 * MB,
      map: 0.5 * MB,
      large_object: MB,
    };
    for (const space of HEAP_SPACES) {
      set(this.g.spaceTotal, size[space], space);
      set(this.g.spaceUsed, Math.min(used[space], size[space]), space);
      set(this.g.spaceAvailable, Math.max(0, size[space] - used[space]), space);
    }
  }
}
