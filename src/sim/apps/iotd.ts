// iotd, the image-of-the-day API (Spring Boot 2.1.3, Micrometer 1.1, Java 11): GET /image answers from an
// ehcache with a 2-hour TTL, loading from NASA's APOD on a miss; /actuator/prometheus is the scrape endpoint.
// Meter names, tags and HELP follow chapter-apps.md §5.

import type { Clock } from '../../clock/clock.ts';
import { springLog } from '../../logs/formats.ts';
import type { LogWriter } from '../../logs/store.ts';
import type { Random } from '../random.ts';
import type { ServiceFaults } from '../incidents/faults.ts';
import { Registry } from '../metrics/registry.ts';
import { MICROMETER_CONTENT_TYPE, writeMicrometerText } from '../metrics/text-micrometer.ts';
import { MicrometerTimer } from './runtime/micrometer.ts';
import { textResponse, type App, type AppRequest, type AppResponse } from './types.ts';

const CACHE_TTL_MS = 2 * 3600_000;
const MB = 1 << 20;
const EDEN_MAX = 24 * MB;
/** -Xmx: the old generation's max, where a heap that only grows ends in an OutOfMemoryError. */
const OLD_MAX = 256 * MB;
const FALLBACK_IMAGE = {
  url: 'https://apod.nasa.gov/apod/image/fallback.jpg',
  caption: 'Image of the day unavailable',
  copyright: '',
};
const LOG_LEVELS = ['warn', 'debug', 'error', 'trace', 'info'] as const;
// What Spring Boot logs at INFO while starting this app (banner excluded): logger and message.
const STARTUP_LINES: [string, string][] = [
  ['iotd.Application', 'Starting Application v0.1.0 with PID 1 (/app/iotd-service-0.1.0.jar started by root in /app)'],
  ['o.s.b.w.embedded.tomcat.TomcatWebServer', 'Tomcat initialized with port(s): 80 (http)'],
  ['o.apache.catalina.core.StandardService', 'Starting service [Tomcat]'],
  ['org.apache.catalina.core.StandardEngine', 'Starting Servlet engine: [Apache Tomcat/9.0.16]'],
  ['o.s.web.context.ContextLoader', 'Root WebApplicationContext: initialization completed in 1835 ms'],
  ['o.s.b.w.embedded.tomcat.TomcatWebServer', "Tomcat started on port(s): 80 (http) with context path ''"],
  ['iotd.Application', 'Started Application in 4.127 seconds (JVM running for 4.913)'],
];
const CONTROLLER = 'iotd.controllers.ImageController';

const IMAGE = {
  url: 'https://apod.nasa.gov/apod/image/2001/Hubble_NGC4535_1024.jpg',
  caption: 'Spiral Galaxy NGC 4535',
  copyright: 'NASA, ESA, Hubble',
};

export class Iotd implements App {
  readonly port = 80;
  private readonly registry = new Registry();
  private readonly loads;
  private readonly fallbacks;
  private active = 0;
  private readonly methodTimed: MicrometerTimer;
  private readonly httpRequests: MicrometerTimer;
  private readonly tomcatRequests;
  private readonly tomcatMax;
  private readonly g;
  private readonly c;
  private cachedAt = -Infinity;
  private eden = 6 * MB;
  private old = 9.5 * MB;
  private allocated = 0;
  private served = 0;
  private handlerSeconds = 0;
  private cpuUsage = 0;
  private last: number;

  constructor(
    private readonly clock: Clock,
    private readonly rng: Random,
    private readonly startedAt: number,
    private readonly write: LogWriter,
    private readonly faults: () => Readonly<ServiceFaults> | undefined = () => undefined,
    /** The JVM exits (-XX:+ExitOnOutOfMemoryError); the container's restart policy brings it back. */
    private readonly exit: () => void = () => {},
  ) {
    this.last = startedAt;
    const reg = this.registry;
    this.loads = reg.counter({ name: 'iotd_api_image_load_total', help: '', labelNames: ['status'] });
    // A business meter in the app's own style: registry.counter("iotd_fallback_images").
    this.fallbacks = reg.counter({ name: 'iotd_fallback_images_total', help: '' }).labels();
    this.methodTimed = new MicrometerTimer(reg, 'method_timed', '', ['class', 'exception', 'method'], startedAt);
    this.httpRequests = new MicrometerTimer(reg, 'http_server_requests', '', ['exception', 'method', 'outcome', 'status', 'uri'], startedAt);
    // TomcatMetrics: a FunctionTimer (count, sum) plus a TimeGauge of Tomcat's all-time maxTime.
    this.tomcatRequests = reg.summary({ name: 'tomcat_global_request_seconds', help: '', labelNames: ['name'], countFirst: true });
    this.tomcatMax = reg.gauge({ name: 'tomcat_global_request_max_seconds', help: '', labelNames: ['name'] });
    const t = (name: string) => reg.gauge({ name, help: '', labelNames: ['name'] });
    const tc = (name: string) => reg.counter({ name, help: '', labelNames: ['name'] });
    const mem = (name: string, help: string) => reg.gauge({ name, help, labelNames: ['area', 'id'] });
    this.g = {
      threadsCurrent: t('tomcat_threads_current_threads'),
      threadsBusy: t('tomcat_threads_busy_threads'),
      threadsMax: t('tomcat_threads_config_max_threads'),
      used: mem('jvm_memory_used_bytes', 'The amount of used memory'),
      committed: mem('jvm_memory_committed_bytes', 'The amount of memory in bytes that is committed for the Java virtual machine to use'),
      max: mem('jvm_memory_max_bytes', 'The maximum amount of memory in bytes that can be used for memory management'),
      liveThreads: reg.gauge({ name: 'jvm_threads_live_threads', help: 'The current number of live threads including both daemon and non-daemon threads' }),
      daemonThreads: reg.gauge({ name: 'jvm_threads_daemon_threads', help: 'The current number of live daemon threads' }),
      peakThreads: reg.gauge({ name: 'jvm_threads_peak_threads', help: 'The peak live thread count since the Java virtual machine started or peak was reset' }),
      threadStates: reg.gauge({ name: 'jvm_threads_states_threads', help: 'The current number of threads having NEW state', labelNames: ['state'] }),
      classesLoaded: reg.gauge({ name: 'jvm_classes_loaded_classes', help: 'The number of classes that are currently loaded in the Java virtual machine' }),
      gcMaxData: reg.gauge({ name: 'jvm_gc_max_data_size_bytes', help: 'Max size of old generation memory pool' }),
      gcLiveData: reg.gauge({ name: 'jvm_gc_live_data_size_bytes', help: 'Size of old generation memory pool after a full GC' }),
      bufferCount: reg.gauge({ name: 'jvm_buffer_count_buffers', help: 'An estimate of the number of buffers in the pool', labelNames: ['id'] }),
      bufferUsed: reg.gauge({ name: 'jvm_buffer_memory_used_bytes', help: 'An estimate of the memory that the Java virtual machine is using for this buffer pool', labelNames: ['id'] }),
      bufferCapacity: reg.gauge({ name: 'jvm_buffer_total_capacity_bytes', help: 'An estimate of the total capacity of the buffers in this pool', labelNames: ['id'] }),
      cpuCount: reg.gauge({ name: 'system_cpu_count', help: 'The number of processors available to the Java virtual machine' }),
      load1m: reg.gauge({ name: 'system_load_average_1m', help: 'The sum of the number of runnable entities queued to available processors and the number of runnable entities running on the available processors averaged over a period of time' }),
      systemCpu: reg.gauge({ name: 'system_cpu_usage', help: 'The "recent cpu usage" for the whole system' }),
      processCpu: reg.gauge({ name: 'process_cpu_usage', help: 'The "recent cpu usage" for the Java Virtual Machine process' }),
      uptime: reg.gauge({ name: 'process_uptime_seconds', help: 'The uptime of the Java virtual machine' }),
      start: reg.gauge({ name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch.' }),
      filesOpen: reg.gauge({ name: 'process_files_open_files', help: 'The open file descriptor count' }),
      filesMax: reg.gauge({ name: 'process_files_max_files', help: 'The maximum file descriptor count' }),
    };
    this.c = {
      sent: tc('tomcat_global_sent_bytes_total'),
      received: tc('tomcat_global_received_bytes_total'),
      errors: tc('tomcat_global_error_total'),
      classesUnloaded: reg.counter({ name: 'jvm_classes_unloaded_classes_total', help: 'The total number of classes unloaded since the Java virtual machine has started execution' }),
      gcAllocated: reg.counter({ name: 'jvm_gc_memory_allocated_bytes_total', help: 'Incremented for an increase in the size of the young generation memory pool after one GC to before the next' }),
      gcPromoted: reg.counter({ name: 'jvm_gc_memory_promoted_bytes_total', help: 'Count of positive increases in the size of the old generation memory pool before GC to after GC' }),
      logback: reg.counter({ name: 'logback_events_total', help: 'Number of warn level events that made it to the logs', labelNames: ['level'] }),
    };
    this.gcPause = new MicrometerTimer(reg, 'jvm_gc_pause', 'Time spent in GC pause', ['action', 'cause'], startedAt);
    for (const level of LOG_LEVELS) this.c.logback.labels(level);
    for (const [logger, message] of STARTUP_LINES) this.log('INFO', 'main', logger, message, startedAt);
    this.c.classesUnloaded.labels();
    this.g.threadsMax.labels('http-nio-80').set(200);
    this.c.errors.labels('http-nio-80');
    this.c.sent.labels('http-nio-80');
    this.c.received.labels('http-nio-80');
  }

  private readonly gcPause: MicrometerTimer;

  /** Writes a Logback line; logback_events_total counts it, as Micrometer's LogbackMetrics does. */
  private log(level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, message: string, at = this.clock.now()): void {
    this.c.logback.labels(level.toLowerCase()).inc();
    this.write(level === 'INFO' ? 'info' : level === 'WARN' ? 'warn' : 'error', springLog(at, level, thread, logger, message));
  }

  async handle(req: AppRequest): Promise<AppResponse> {
    const path = req.path.split('?')[0];
    const now = this.clock.now();
    let res: AppResponse;
    let uri: string;
    if (path === '/actuator/prometheus') {
      res = this.metrics(now);
      uri = '/actuator/prometheus';
    } else if (path === '/image') {
      this.active++;
      try {
        res = await this.image(now);
      } finally {
        this.active--;
      }
      uri = '/image';
    } else if (path === '/') {
      res = textResponse(200, 'Nothing to see here, try /image');
      uri = 'root';
    } else {
      res = { status: 404, body: '', headers: {} };
      uri = 'NOT_FOUND';
    }
    // WebMvcMetricsFilter records after the response, so a scrape is counted in the next one.
    const seconds = this.handlerSeconds + this.rng.between(0.001, 0.004);
    this.handlerSeconds = 0;
    this.served++;
    const outcome = res.status < 400 ? 'SUCCESS' : 'CLIENT_ERROR';
    this.httpRequests.record(['None', req.method.toUpperCase(), outcome, String(res.status), uri], seconds, now);
    this.tomcatRequests.labels('http-nio-80').observe(seconds, now);
    const max = this.tomcatMax.labels('http-nio-80');
    max.set(Math.max(max.value, seconds));
    this.c.sent.labels('http-nio-80').inc(res.body.length);
    this.c.received.labels('http-nio-80').inc(req.body.length);
    this.allocate(200_000 + res.body.length * 4);
    return res;
  }

  private async image(now: number): Promise<AppResponse> {
    const faults = this.faults();
    if (faults?.extraLatencyMs) {
      // A slow dependency behind the controller: the request thread waits, the timers see it.
      await this.clock.sleep(faults.extraLatencyMs);
      this.handlerSeconds += faults.extraLatencyMs / 1000;
    }
    // A failing upstream shows once the cached image expires; the drill starts at that moment (a new APOD day).
    const miss = now - this.cachedAt >= CACHE_TTL_MS || Boolean(faults?.upstreamFailing);
    if (miss && faults?.upstreamFailing) {
      // NASA answers 403 at once; nothing is cached, so the next request tries again.
      this.log('WARN', `http-nio-80-exec-${1 + (this.served % 10)}`, CONTROLLER, 'APOD request failed: 403 Forbidden (API_KEY_INVALID); serving the fallback image');
      this.fallbacks.inc();
      this.handlerSeconds += this.rng.between(0.05, 0.12);
      this.methodTimed.record(['iotd.ImageController', 'none', 'get'], this.handlerSeconds, now);
      return textResponse(200, JSON.stringify(FALLBACK_IMAGE), 'application/json;charset=UTF-8');
    }
    if (miss) {
      this.cachedAt = now;
      this.log('INFO', `http-nio-80-exec-${1 + (this.served % 10)}`, CONTROLLER, `Fetched new APOD image: ${IMAGE.caption}`);
    }
    this.loads.labels(miss ? 'success' : 'cached').inc();
    // A miss waits for NASA's API; a hit is a cache read.
    this.handlerSeconds += miss ? this.rng.between(0.4, 0.9) : this.rng.between(0.001, 0.005);
    this.methodTimed.record(['iotd.ImageController', 'none', 'get'], this.handlerSeconds, now);
    return textResponse(200, JSON.stringify(IMAGE), 'application/json;charset=UTF-8');
  }

  private allocate(bytes: number): void {
    this.eden += bytes;
    this.allocated += bytes;
    if (this.eden < EDEN_MAX) return;
    // A young collection: Eden empties, a little survives into the old generation.
    const promoted = Math.round(this.rng.between(0.001, 0.01) * this.eden);
    this.c.gcAllocated.labels().inc(this.allocated);
    this.allocated = 0;
    this.c.gcPromoted.labels().inc(promoted);
    this.old += promoted;
    this.eden = 0;
    this.gcPause.record(['end of minor GC', 'G1 Evacuation Pause'], this.rng.between(0.003, 0.02), this.last);
  }

  /** Objects kept reachable forever: they survive every young GC into the old generation. */
  private leak(bytes: number): void {
    this.old += bytes;
    if (this.old > 0.9 * OLD_MAX) {
      // G1 falls back to full collections that free nothing.
      this.gcPause.record(['end of major GC', 'G1 Evacuation Pause'], this.rng.between(0.3, 0.9), this.last);
    }
    if (this.old < OLD_MAX) return;
    this.old = OLD_MAX;
    const thread = `http-nio-80-exec-${1 + (this.served % 10)}`;
    this.log('ERROR', thread, 'o.a.c.c.C.[.[localhost].[/].[dispatcherServlet]', 'Servlet.service() for servlet [dispatcherServlet] threw exception java.lang.OutOfMemoryError: Java heap space');
    this.write('error', 'Terminating due to java.lang.OutOfMemoryError: Java heap space');
    this.exit();
  }

  private refresh(now: number): void {
    const dt = Math.max(0, now - this.last) / 1000;
    this.last = Math.max(this.last, now);
    this.allocate(Math.round(dt * 40_000 * this.rng.between(0.8, 1.2)));
    const leak = this.faults()?.heapLeakBytesPerSec ?? 0;
    if (leak > 0) this.leak(leak * dt);
    this.cpuUsage = this.rng.between(0.001, 0.01);
    const set = (g: { labels: (...v: string[]) => { set: (v: number) => void } }, v: number, ...labels: string[]) => g.labels(...labels).set(v);
    const busy = this.active + this.rng.intn(2);
    set(this.g.threadsCurrent, 10, 'http-nio-80');
    set(this.g.threadsBusy, busy, 'http-nio-80');
    const pools: [string, string, number, number, number][] = [
      ['heap', 'G1 Eden Space', this.eden, 26 * MB, -1],
      ['heap', 'G1 Old Gen', this.old, Math.max(36 * MB, Math.ceil(this.old / MB) * MB), OLD_MAX],
      ['heap', 'G1 Survivor Space', 3 * MB, 3 * MB, -1],
      ['nonheap', 'Metaspace', 41_943_784, 44 * MB, -1],
      ['nonheap', 'Compressed Class Space', 5_212_160, 5.5 * MB, 1 << 30],
      ['nonheap', "CodeHeap 'non-nmethods'", 1_265_920, 2_555_904, 5_836_800],
      ['nonheap', "CodeHeap 'profiled nmethods'", 9_500_000 + Math.min(2e6, (now - this.startedAt) / 100), 12 * MB, 122_908_672],
      ['nonheap', "CodeHeap 'non-profiled nmethods'", 2_100_000, 2.5 * MB, 122_912_768],
    ];
    for (const [area, id, used, committed, max] of pools) {
      set(this.g.used, Math.round(used), area, id);
      set(this.g.committed, committed, area, id);
      set(this.g.max, max, area, id);
    }
    set(this.g.liveThreads, 26 + busy);
    set(this.g.daemonThreads, 22 + busy);
    set(this.g.peakThreads, 27);
    const states: [string, number][] = [['runnable', 7 + busy], ['blocked', 0], ['waiting', 13], ['timed-waiting', 6], ['new', 0], ['terminated', 0]];
    for (const [state, n] of states) set(this.g.threadStates, n, state);
    // Classes load lazily as new code paths run, levelling off after warm-up.
    set(this.g.classesLoaded, 8_400 + Math.min(300, this.served * 3));
    set(this.g.gcMaxData, 256 * MB);
    set(this.g.gcLiveData, 0);
    for (const id of ['direct', 'mapped']) {
      set(this.g.bufferCount, id === 'direct' ? 10 : 0, id);
      set(this.g.bufferUsed, id === 'direct' ? 81_920 : 0, id);
      set(this.g.bufferCapacity, id === 'direct' ? 81_920 : 0, id);
    }
    set(this.g.cpuCount, 2);
    set(this.g.load1m, Math.round(this.rng.between(0.05, 0.6) * 100) / 100);
    set(this.g.systemCpu, this.cpuUsage * 2);
    set(this.g.processCpu, this.cpuUsage);
    set(this.g.uptime, (now - this.startedAt) / 1000);
    set(this.g.start, this.startedAt / 1000);
    set(this.g.filesOpen, 36);
    set(this.g.filesMax, 1048576);
    this.methodTimed.refresh(now);
    this.httpRequests.refresh(now);
    this.gcPause.refresh(now);
  }

  private metrics(now: number): AppResponse {
    this.refresh(now);
    return textResponse(200, writeMicrometerText(this.registry.collect(now)), MICROMETER_CONTENT_TYPE);
  }
}
