import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { World } from '../../src/sim/world.ts';

const T0 = Date.UTC(2020, 0, 19, 14, 0, 0);
let world: World;
let clock: VirtualClock;
// The handler delegates to whichever world the current test built.
const server = setupServer(
  ...createHandlers({
    serves: (url: string) => world.serves(url),
    request: (m: string, u: string, b?: string) => world.request(m, u, b),
  } as World),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function fresh(seed = 42): World {
  clock = new VirtualClock(T0);
  world = new World({ clock, seed });
  return world;
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.text();
}

/** Sum of every sample of `name` (exact name, any labels) in an exposition. */
function total(body: string, name: string): number {
  let sum = 0;
  for (const line of body.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)/.exec(line);
    if (m && m[1] === name) sum += Number(m[3]);
  }
  return sum;
}

function value(body: string, series: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no ${series}`);
  return Number(line.split(' ')[1]);
}

describe('the compose project', () => {
  it('gives the first accesslog replica 172.20.0.6 and scales to .7, .8 via DNS', async () => {
    const w = fresh();
    expect(w.containers().map((c) => [c.name, c.ip])).toEqual([
      ['exercises-prometheus-1', '172.20.0.2'],
      ['exercises-image-gallery-1', '172.20.0.3'],
      ['exercises-iotd-1', '172.20.0.4'],
      ['exercises-accesslog-1', '172.20.0.6'],
    ]);
    const events = w.up({ scale: { accesslog: 3 } });
    expect(events.filter((e) => e.action === 'Created').map((e) => e.container)).toEqual(['exercises-accesslog-2', 'exercises-accesslog-3']);
    expect(await w.dns.lookupA('accesslog')).toEqual(['172.20.0.6', '172.20.0.7', '172.20.0.8']);
    expect(await w.dns.lookupA('exercises-accesslog-2')).toEqual(['172.20.0.7']);
    expect(await w.dns.lookupA('nope')).toEqual([]);
    const hostnames = w.containers().filter((c) => c.service === 'accesslog').map((c) => c.hostname);
    expect(new Set(hostnames).size).toBe(3);
    for (const h of hostnames) expect(h).toMatch(/^[0-9a-f]{12}$/);
  });

  it('scaling down removes the highest-numbered replicas', async () => {
    const w = fresh();
    w.scale('accesslog', 3);
    const events = w.scale('accesslog', 1);
    expect(events).toContainEqual({ container: 'exercises-accesslog-3', action: 'Removed' });
    expect(events).toContainEqual({ container: 'exercises-accesslog-2', action: 'Removed' });
    expect(await w.dns.lookupA('accesslog')).toEqual(['172.20.0.6']);
    await expect(fetch('http://172.20.0.7/metrics')).rejects.toThrow();
  });

  it('a stopped container refuses connections and its name stops resolving', async () => {
    const w = fresh();
    w.stop('image-gallery');
    expect(w.containers().find((c) => c.service === 'image-gallery')?.state).toBe('exited');
    await expect(fetch('http://image-gallery/metrics')).rejects.toThrow();
    await expect(fetch('http://localhost:8010/')).rejects.toThrow();
    await expect(w.request('GET', 'http://172.20.0.3/metrics')).rejects.toThrow('dial tcp 172.20.0.3:80: connect: connection refused');
    await expect(w.request('GET', 'http://image-gallery/metrics')).rejects.toThrow('lookup image-gallery on 127.0.0.11:53: no such host');
    w.start('image-gallery');
    expect(await text('http://image-gallery/metrics')).toContain('go_goroutines');
  });

  it('notifies subscribers of changes', async () => {
    const w = fresh();
    let calls = 0;
    const off = w.subscribe(() => calls++);
    w.scale('accesslog', 2);
    await w.sendRequests(1);
    off();
    w.scale('accesslog', 1);
    expect(calls).toBeGreaterThanOrEqual(2);
    const seen = calls;
    await w.sendRequests(1);
    expect(calls).toBe(seen);
  });
});

describe('traffic and metrics over real fetch()', () => {
  it('10 front requests move the gallery 200s, iotd timings and total access logs together, round-robin over 3 replicas', async () => {
    const w = fresh();
    w.up({ scale: { accesslog: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await fetch('http://localhost:8010/')).status);
    const ok = codes.filter((c) => c === 200).length;
    expect(codes.every((c) => c === 200 || c === 500)).toBe(true);
    expect(ok).toBeGreaterThan(0);
    await clock.advance(10_000);

    const gallery = await text('http://image-gallery/metrics');
    expect(value(gallery, 'image_gallery_requests_total{code="200",method="get"}')).toBe(ok);
    const iotd = await text('http://iotd/actuator/prometheus');
    expect(value(iotd, 'method_timed_seconds_count{class="iotd.ImageController",exception="none",method="get",}')).toBe(ok);
    expect(value(iotd, 'iotd_api_image_load_total{status="success",}')).toBe(1);
    expect(value(iotd, 'iotd_api_image_load_total{status="cached",}')).toBe(ok - 1);

    const perReplica: number[] = [];
    for (const ip of await w.dns.lookupA('accesslog')) perReplica.push(total(await text(`http://${ip}:80/metrics`), 'access_log_total'));
    expect(perReplica.reduce((a, b) => a + b, 0)).toBe(ok);
    expect(Math.max(...perReplica) - Math.min(...perReplica)).toBeLessThanOrEqual(1);
  });

  it('serves image-gallery in client_golang style', async () => {
    fresh();
    const before = await text('http://image-gallery/metrics');
    expect(before).not.toContain('image_gallery_requests_total');
    expect(before).toContain('# HELP image_gallery_in_flight_requests Image Gallery - in-flight requests\n');
    expect(before).toContain('go_info{version="go1.13.15"} 1\n');
    expect(before).toContain('go_threads ');
    expect(value(before, 'promhttp_metric_handler_requests_total{code="200"}')).toBe(0);
    expect(value(before, 'promhttp_metric_handler_requests_total{code="503"}')).toBe(0);
    expect(value(before, 'promhttp_metric_handler_requests_in_flight')).toBe(1);
    expect(value(before, 'process_start_time_seconds')).toBe(T0 / 1000);
    const names = before.split('\n').filter((l) => l.startsWith('# TYPE')).map((l) => l.split(' ')[2]);
    expect(names).toEqual([...names].sort());
    expect(before).not.toContain('\n\n');

    await clock.advance(60_000);
    const after = await text('http://image-gallery/metrics');
    expect(value(after, 'promhttp_metric_handler_requests_total{code="200"}')).toBe(1);
    expect(value(after, 'process_cpu_seconds_total')).toBeGreaterThanOrEqual(value(before, 'process_cpu_seconds_total'));
  });

  it('serves iotd in Micrometer style, counting the previous scrape', async () => {
    fresh();
    const res = await fetch('http://iotd/actuator/prometheus');
    expect(res.headers.get('content-type')).toBe('text/plain;version=0.0.4;charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const first = await res.text();
    expect(first).not.toContain('uri="/actuator/prometheus"');
    expect(first).toContain('# HELP tomcat_threads_current_threads  \n');
    expect(first).toContain('tomcat_threads_current_threads{name="http-nio-80",} 10.0\n');
    expect(first).toContain('# HELP jvm_memory_used_bytes The amount of used memory\n');
    expect(first).toMatch(/logback_events_total\{level="info",\} \d+\.0\n/);
    const second = await text('http://iotd/actuator/prometheus');
    expect(second).toContain(
      'http_server_requests_seconds_count{exception="None",method="GET",outcome="SUCCESS",status="200",uri="/actuator/prometheus",} 1.0\n',
    );
  });

  it('serves accesslog in prom-client style with the hostname label last and refresh timestamps', async () => {
    const w = fresh();
    const hostname = w.containers().find((c) => c.service === 'accesslog')!.hostname;
    await clock.advance(25_000);
    const body = await text('http://172.20.0.6/metrics');
    expect(body.startsWith(`# HELP access_log_total Access Log - total log requests\n# TYPE access_log_total counter\naccess_log_total{hostname="${hostname}"} 0\n\n`)).toBe(true);
    expect(body).toContain(`nodejs_active_handles{type="Server",hostname="${hostname}"} 1 ${T0 + 20_000}\n`);
    expect(body).toContain(`process_start_time_seconds{hostname="${hostname}"} ${T0 / 1000}\n\n`);
    expect(body).toContain('# HELP nodejs_active_requests Number of active libuv requests grouped by request type. Every request type is C++ class name.\n# TYPE nodejs_active_requests gauge\n\n');
    expect(body).toContain(`nodejs_version_info{version="v10.16.0",major="10",minor="16",patch="0",hostname="${hostname}"} 1\n`);
  });

  it('serves Docker engine metrics on DOCKER_HOST:9323 from the real container states', async () => {
    const w = fresh();
    const res = await fetch('http://DOCKER_HOST:9323/metrics');
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await res.text();
    expect(value(body, 'engine_daemon_container_states_containers{state="running"}')).toBe(4);
    // One seeded zero observation plus the four creates.
    expect(value(body, 'engine_daemon_container_actions_seconds_count{action="create"}')).toBe(5);
    expect(value(body, 'engine_daemon_container_actions_seconds_count{action="start"}')).toBe(5);
    expect(body).toMatch(/engine_daemon_engine_info\{architecture="x86_64",.*,os_type="linux",version="19.03.5"\} 1\n/);
    expect(body).not.toContain('go_info');
    expect(body).not.toContain('go_threads');
    expect(body).toContain('# TYPE go_memstats_heap_released_bytes_total counter\n');
    w.stop('iotd');
    const after = await text('http://localhost:9323/metrics');
    expect(value(after, 'engine_daemon_container_states_containers{state="running"}')).toBe(3);
    expect(value(after, 'engine_daemon_container_states_containers{state="stopped"}')).toBe(1);
  });
});

describe('determinism', () => {
  it('the same seed gives the same requests and the same metrics text', async () => {
    const run = async (seed: number) => {
      const w = fresh(seed);
      w.scale('accesslog', 3);
      const codes = await w.sendRequests(30);
      await clock.advance(30_000);
      const bodies: string[] = [];
      for (const u of ['http://image-gallery/metrics', 'http://iotd/actuator/prometheus', 'http://accesslog/metrics', 'http://docker_host:9323/metrics']) {
        bodies.push((await w.request('GET', u)).body);
      }
      return { codes, bodies };
    };
    const a = await run(7);
    const b = await run(7);
    expect(b).toEqual(a);
    expect(a.codes).toContain(500);
    const c = await run(8);
    expect(c.bodies).not.toEqual(a.bodies);
  });
});
