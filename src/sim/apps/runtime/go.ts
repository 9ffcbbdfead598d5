// A Go process as client_golang's Go and process collectors see it: a heap that grows with allocations and
// drops at each GC (GOGC=100, plus the runtime's forced GC every 2 minutes), goroutines, CPU time.

import type { Random } from '../../random.ts';
import type { Gauge, Registry } from '../../metrics/registry.ts';

const MB = 1 << 20;
const FORCED_GC_MS = 120_000;
const OBJECT_SIZE = 64;

export interface GoRuntimeOpts {
  /** `go_info` version; null for the older client_golang vendored by Docker 19.03 (no go_info, no go_threads). */
  goVersion: string | null;
  baseGoroutines: number;
  /** Live heap after a GC. */
  liveHeap: number;
  /** Background allocation, bytes per second. */
  idleAllocRate: number;
  threads: number;
  openFds: number;
  maxFds: number;
  virtualMemory: number;
  residentBase: number;
}

function roundUp(v: number, to: number): number {
  return Math.ceil(v / to) * to;
}

export class GoRuntime {
  private last: number;
  private heapAlloc: number;
  private totalAlloc: number;
  private mallocs: number;
  private frees = 0;
  private nextGC: number;
  private lastGC = 0;
  private heapSys: number;
  private released = 0;
  private cpu = 0;
  private extraGoroutines = 0;
  private leakedGoroutines = 0;
  private readonly g: Record<string, Gauge> = {};
  private readonly c;
  private readonly gc;

  constructor(reg: Registry, private readonly rng: Random, private readonly startedAt: number, private opts: GoRuntimeOpts) {
    this.last = startedAt;
    this.heapAlloc = opts.liveHeap;
    this.totalAlloc = opts.liveHeap;
    this.mallocs = Math.round(opts.liveHeap / OBJECT_SIZE);
    this.nextGC = Math.max(4 * MB, opts.liveHeap * 2);
    this.heapSys = roundUp(this.nextGC * 1.5, MB);
    const legacy = opts.goVersion === null;
    this.gc = reg.summary({
      name: 'go_gc_duration_seconds',
      help: 'A summary of the GC invocation durations.',
      quantiles: [0, 0.25, 0.5, 0.75, 1],
      // debug.ReadGCStats: quantiles over the runtime's last 256 pauses, not a time window.
      maxAgeMs: Infinity,
      maxKept: 256,
      // Before the first GC the runtime reports zero pauses, not NaN.
      emptyQuantile: 0,
    });
    const gauge = (name: string, help: string) => (this.g[name] = reg.gauge({ name, help }));
    gauge('go_goroutines', 'Number of goroutines that currently exist.');
    if (opts.goVersion !== null) {
      reg.gauge({ name: 'go_info', help: 'Information about the Go environment.', labelNames: ['version'] }).labels(opts.goVersion).set(1);
      gauge('go_threads', 'Number of OS threads created.');
    }
    const ms = (n: string) => `go_memstats_${n}`;
    gauge(ms('alloc_bytes'), 'Number of bytes allocated and still in use.');
    this.c = {
      allocTotal: reg.counter({ name: ms('alloc_bytes_total'), help: 'Total number of bytes allocated, even if freed.' }).labels(),
      lookups: reg.counter({ name: ms('lookups_total'), help: 'Total number of pointer lookups.' }).labels(),
      mallocs: reg.counter({ name: ms('mallocs_total'), help: 'Total number of mallocs.' }).labels(),
      frees: reg.counter({ name: ms('frees_total'), help: 'Total number of frees.' }).labels(),
      released: legacy
        ? reg.counter({ name: ms('heap_released_bytes_total'), help: 'Total number of heap bytes released to OS.' }).labels()
        : null,
      cpu: reg.counter({ name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.' }).labels(),
    };
    gauge(ms('sys_bytes'), legacy ? 'Number of bytes obtained by system. Sum of all system allocations.' : 'Number of bytes obtained from system.');
    gauge(ms('heap_alloc_bytes'), 'Number of heap bytes allocated and still in use.');
    gauge(ms('heap_sys_bytes'), 'Number of heap bytes obtained from system.');
    gauge(ms('heap_idle_bytes'), 'Number of heap bytes waiting to be used.');
    gauge(ms('heap_inuse_bytes'), 'Number of heap bytes that are in use.');
    if (!legacy) gauge(ms('heap_released_bytes'), 'Number of heap bytes released to OS.');
    gauge(ms('heap_objects'), 'Number of allocated objects.');
    gauge(ms('stack_inuse_bytes'), 'Number of bytes in use by the stack allocator.');
    gauge(ms('stack_sys_bytes'), 'Number of bytes obtained from system for stack allocator.');
    gauge(ms('mspan_inuse_bytes'), 'Number of bytes in use by mspan structures.');
    gauge(ms('mspan_sys_bytes'), 'Number of bytes used for mspan structures obtained from system.');
    gauge(ms('mcache_inuse_bytes'), 'Number of bytes in use by mcache structures.');
    gauge(ms('mcache_sys_bytes'), 'Number of bytes used for mcache structures obtained from system.');
    gauge(ms('buck_hash_sys_bytes'), 'Number of bytes used by the profiling bucket hash table.');
    gauge(ms('gc_sys_bytes'), 'Number of bytes used for garbage collection system metadata.');
    gauge(ms('other_sys_bytes'), 'Number of bytes used for other system allocations.');
    gauge(ms('next_gc_bytes'), 'Number of heap bytes when next garbage collection will take place.');
    gauge(ms('last_gc_time_seconds'), 'Number of seconds since 1970 of last garbage collection.');
    if (!legacy) gauge(ms('gc_cpu_fraction'), "The fraction of this program's available CPU time used by the GC since the program started.");
    gauge('process_open_fds', 'Number of open file descriptors.');
    gauge('process_max_fds', 'Maximum number of open file descriptors.');
    gauge('process_virtual_memory_bytes', 'Virtual memory size in bytes.');
    if (!legacy) gauge('process_virtual_memory_max_bytes', 'Maximum amount of virtual memory available in bytes.');
    gauge('process_resident_memory_bytes', 'Resident memory size in bytes.');
    gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.');
  }

  /** Work done for one request: allocations and a little CPU. */
  work(bytes: number, cpuSeconds: number): void {
    this.allocate(bytes);
    this.cpu += cpuSeconds;
  }

  /** Memory and goroutines that are never given back (a leak): the live heap and goroutine count only grow. */
  leak(heapBytes: number, goroutines: number): void {
    this.opts = { ...this.opts, liveHeap: this.opts.liveHeap + heapBytes };
    this.leakedGoroutines += goroutines;
    if (heapBytes > 0) this.allocate(heapBytes);
  }

  /** Goroutines serving requests right now (in-flight handlers). */
  setBusy(n: number): void {
    this.extraGoroutines = n;
  }

  /** Runs the process up to `now` and writes its state into the registered families. */
  refresh(now: number): void {
    const dt = Math.max(0, now - this.last) / 1000;
    this.last = Math.max(this.last, now);
    // Idle work in one lump per refresh; GCs happen inside allocate() as the heap reaches its goal.
    this.allocate(this.opts.idleAllocRate * dt * this.rng.between(0.8, 1.2));
    this.cpu += dt * this.rng.between(0.0004, 0.0012);
    if (now - (this.lastGC || this.startedAt) >= FORCED_GC_MS) this.collectGarbage(now);
    this.write(now);
  }

  private allocate(bytes: number): void {
    const objects = Math.round(bytes / OBJECT_SIZE);
    this.heapAlloc += bytes;
    this.totalAlloc += bytes;
    this.mallocs += objects;
    while (this.heapAlloc >= this.nextGC) this.collectGarbage(this.last);
  }

  private collectGarbage(now: number): void {
    const live = this.opts.liveHeap * this.rng.between(0.9, 1.1);
    this.frees += Math.max(0, Math.round((this.heapAlloc - live) / OBJECT_SIZE));
    this.heapAlloc = live;
    this.nextGC = Math.max(4 * MB, live * 2);
    this.heapSys = Math.max(this.heapSys, roundUp(this.nextGC * 1.5, MB));
    this.lastGC = now;
    this.gc.labels().observe(this.rng.between(3e-5, 3e-4), now);
    // The scavenger returns part of the idle heap to the OS.
    this.released = Math.max(this.released, roundUp((this.heapSys - this.heapAlloc) * 0.3, 8192));
  }

  private write(now: number): void {
    const set = (name: string, v: number) => this.g[name]?.labels().set(v);
    const goroutines = this.opts.baseGoroutines + this.extraGoroutines + Math.floor(this.leakedGoroutines);
    const heapInuse = roundUp(this.heapAlloc * 1.15, 8192);
    const stack = (goroutines + 8) * 32768;
    const mspanInuse = roundUp(heapInuse / 64, 128);
    const mspanSys = roundUp(mspanInuse * 1.2, 16384);
    const gcSys = roundUp(this.heapSys / 24, 4096);
    const buckHash = 1_443_000 + (this.mallocs % 5000);
    const otherSys = 520_000;
    const sys = this.heapSys + stack + mspanSys + 16384 + buckHash + gcSys + otherSys;
    set('go_goroutines', goroutines);
    set('go_threads', this.opts.threads);
    set('go_memstats_alloc_bytes', Math.round(this.heapAlloc));
    this.c.allocTotal.set(Math.round(this.totalAlloc));
    this.c.mallocs.set(this.mallocs);
    this.c.frees.set(this.frees);
    this.c.cpu.set(Math.round(this.cpu * 100) / 100);
    this.c.released?.set(this.released);
    set('go_memstats_sys_bytes', sys);
    set('go_memstats_heap_alloc_bytes', Math.round(this.heapAlloc));
    set('go_memstats_heap_sys_bytes', this.heapSys);
    set('go_memstats_heap_idle_bytes', this.heapSys - heapInuse);
    set('go_memstats_heap_inuse_bytes', heapInuse);
    set('go_memstats_heap_released_bytes', this.released);
    set('go_memstats_heap_objects', this.mallocs - this.frees);
    set('go_memstats_stack_inuse_bytes', stack);
    set('go_memstats_stack_sys_bytes', stack);
    set('go_memstats_mspan_inuse_bytes', mspanInuse);
    set('go_memstats_mspan_sys_bytes', mspanSys);
    set('go_memstats_mcache_inuse_bytes', 6944);
    set('go_memstats_mcache_sys_bytes', 16384);
    set('go_memstats_buck_hash_sys_bytes', buckHash);
    set('go_memstats_gc_sys_bytes', gcSys);
    set('go_memstats_other_sys_bytes', otherSys);
    set('go_memstats_next_gc_bytes', Math.round(this.nextGC));
    set('go_memstats_last_gc_time_seconds', this.lastGC / 1000);
    const elapsed = Math.max(1, now - this.startedAt) / 1000;
    const pauses = this.gc.labels();
    set('go_memstats_gc_cpu_fraction', pauses.sum / elapsed / 4);
    set('process_open_fds', this.opts.openFds);
    set('process_max_fds', this.opts.maxFds);
    set('process_virtual_memory_bytes', this.opts.virtualMemory);
    // RLIMIT_AS is unlimited in a container: 2^64-1 as a float.
    set('process_virtual_memory_max_bytes', 18446744073709551615);
    set('process_resident_memory_bytes', roundUp(this.opts.residentBase + this.heapSys * 0.6, 4096));
    // client_golang reads the start time from /proc in clock ticks (1/100 s).
    set('process_start_time_seconds', Math.round(this.startedAt / 10) / 100);
  }
}
