// The Docker engine's metrics endpoint on :9323 (moby daemon/metrics.go, 19.03.5 as in chapter-apps.md §7): the
// engine_daemon_* families from the world's real containers, plus the builder, logger, swarm and etcd families and
// the Go runtime of its older vendored client_golang.

import type { Clock } from '../../clock/clock.ts';
import type { Random } from '../random.ts';
import { Registry } from '../metrics/registry.ts';
import { GO_CONTENT_TYPE, writeGoText } from '../metrics/text-go.ts';
import { GoRuntime } from './runtime/go.ts';
import { textResponse, type App, type AppRequest, type AppResponse } from './types.ts';

export type ContainerAction = 'changes' | 'commit' | 'create' | 'delete' | 'start';

export interface ContainerStates {
  running: number;
  stopped: number;
  paused: number;
}

const ETCD_BUCKETS = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192];
const SNAP_BUCKETS = [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2];
const BUILD_FAILURES = [
  'build_canceled', 'build_target_not_reachable_error', 'command_not_supported_error', 'dockerfile_empty_error',
  'dockerfile_syntax_error', 'error_processing_commands_error', 'missing_onbuild_arguments_error', 'unknown_instruction_error',
];
const TASK_STATES = ['accepted', 'assigned', 'complete', 'failed', 'new', 'orphaned', 'pending', 'preparing', 'ready', 'rejected', 'remove', 'running', 'shutdown', 'starting'];

/** How long each action takes the daemon, in seconds (min, max). */
const ACTION_SECONDS: Record<ContainerAction, [number, number]> = {
  changes: [0.001, 0.01],
  commit: [0.2, 1.5],
  create: [0.02, 0.12],
  delete: [0.01, 0.06],
  start: [0.3, 0.9],
};

export class DockerEngine implements App {
  readonly port = 9323;
  private readonly registry = new Registry();
  private readonly runtime: GoRuntime;
  private readonly actions;
  private readonly states;
  private readonly events;
  private readonly httpDuration;
  private readonly httpRequestSize;
  private readonly httpResponseSize;
  private readonly httpRequests;

  constructor(private readonly clock: Clock, private readonly rng: Random, startedAt: number, private readonly containerStates: () => ContainerStates) {
    const reg = this.registry;
    this.runtime = new GoRuntime(reg, rng, startedAt, {
      goVersion: null,
      baseGoroutines: 61,
      liveHeap: 8.2e6,
      idleAllocRate: 40_000,
      threads: 14,
      openFds: 24,
      maxFds: 1048576,
      virtualMemory: 429_797_376,
      residentBase: 48_000_000,
    });
    const failed = reg.counter({ name: 'builder_builds_failed_total', help: 'Number of failed image builds', labelNames: ['reason'] });
    for (const r of BUILD_FAILURES) failed.labels(r);
    reg.counter({ name: 'builder_builds_triggered_total', help: 'Number of triggered image builds' }).labels();
    this.actions = reg.histogram({
      name: 'engine_daemon_container_actions_seconds',
      help: 'The number of seconds it takes to process each container action',
      labelNames: ['action'],
    });
    // The daemon seeds every action with one zero observation so the series exist from start-up.
    for (const a of Object.keys(ACTION_SECONDS)) this.actions.labels(a).observe(0);
    this.states = reg.gauge({ name: 'engine_daemon_container_states_containers', help: 'The count of containers in various states', labelNames: ['state'] });
    reg.gauge({ name: 'engine_daemon_engine_cpus_cpus', help: 'The number of cpus that the host system of the engine has' }).labels().set(2);
    reg.gauge({
      name: 'engine_daemon_engine_info',
      help: 'The information related to the engine and the OS it is running on',
      labelNames: ['architecture', 'commit', 'daemon_id', 'graphdriver', 'kernel', 'os', 'os_type', 'version'],
    }).labels('x86_64', '633a0ea', daemonId(rng), 'overlay2', '4.19.76-linuxkit', 'Docker Desktop', 'linux', '19.03.5').set(1);
    reg.gauge({ name: 'engine_daemon_engine_memory_bytes', help: 'The number of bytes of memory that the host system of the engine has' }).labels().set(2_087_837_696);
    reg.gauge({ name: 'engine_daemon_events_subscribers_total', help: 'The number of current subscribers to events' }).labels();
    this.events = reg.counter({ name: 'engine_daemon_events_total', help: 'The number of events logged' }).labels();
    reg.counter({ name: 'engine_daemon_health_checks_failed_total', help: 'The total number of failed health checks' }).labels();
    reg.counter({ name: 'engine_daemon_health_checks_total', help: 'The total number of health checks' }).labels();
    const etcd: [string, string, number[]][] = [
      ['etcd_debugging_snap_save_marshalling_duration_seconds', 'The marshalling cost distributions of save called by snapshot.', ETCD_BUCKETS],
      ['etcd_debugging_snap_save_total_duration_seconds', 'The total latency distributions of save called by snapshot.', ETCD_BUCKETS],
      ['etcd_disk_wal_fsync_duration_seconds', 'The latency distributions of fsync called by wal.', ETCD_BUCKETS],
      ['etcd_snap_db_fsync_duration_seconds', 'The latency distributions of fsyncing .snap.db file', ETCD_BUCKETS],
      ['etcd_snap_db_save_total_duration_seconds', 'The total latency distributions of v3 snapshot save', SNAP_BUCKETS],
    ];
    for (const [name, help, buckets] of etcd) reg.histogram({ name, help, buckets }).labels();
    const quantiles = [0.5, 0.9, 0.99];
    const httpSummary = (name: string, help: string) => reg.summary({ name, help, labelNames: ['handler'], quantiles });
    this.httpDuration = httpSummary('http_request_duration_microseconds', 'The HTTP request latencies in microseconds.');
    this.httpRequestSize = httpSummary('http_request_size_bytes', 'The HTTP request sizes in bytes.');
    this.httpResponseSize = httpSummary('http_response_size_bytes', 'The HTTP response sizes in bytes.');
    this.httpRequests = reg.counter({ name: 'http_requests_total', help: 'Total number of HTTP requests made.', labelNames: ['code', 'handler', 'method'] });
    reg.counter({ name: 'logger_log_entries_size_greater_than_buffer_total', help: 'Number of log entries which are larger than the log buffer' }).labels();
    reg.counter({ name: 'logger_log_read_operations_failed_total', help: 'Number of log reads from container stdio that failed' }).labels();
    reg.counter({ name: 'logger_log_write_operations_failed_total', help: 'Number of log write operations that failed' }).labels();
    reg.histogram({ name: 'swarm_dispatcher_scheduling_delay_seconds', help: 'Scheduling delay is the time a task takes to go from NEW to RUNNING state.' }).labels();
    for (const [name, help] of [
      ['swarm_manager_configs_total', 'The number of configs in the cluster object store'],
      ['swarm_manager_leader', 'Indicates if this manager node is a leader'],
      ['swarm_manager_networks_total', 'The number of networks in the cluster object store'],
      ['swarm_manager_secrets_total', 'The number of secrets in the cluster object store'],
      ['swarm_manager_services_total', 'The number of services in the cluster object store'],
      ['swarm_node_manager', 'Whether this node is a manager or not'],
    ]) reg.gauge({ name, help }).labels();
    const nodes = reg.gauge({ name: 'swarm_manager_nodes', help: 'The number of nodes', labelNames: ['state'] });
    for (const s of ['disconnected', 'down', 'ready', 'unknown']) nodes.labels(s);
    const tasks = reg.gauge({ name: 'swarm_manager_tasks_total', help: 'The number of tasks in the cluster object store', labelNames: ['state'] });
    for (const s of TASK_STATES) tasks.labels(s);
    for (const [name, help] of [
      ['swarm_raft_snapshot_latency_seconds', 'Raft snapshot create latency.'],
      ['swarm_raft_transaction_latency_seconds', 'Raft transaction latency.'],
      ['swarm_store_batch_latency_seconds', 'Raft store batch latency.'],
      ['swarm_store_lookup_latency_seconds', 'Raft store read latency.'],
      ['swarm_store_memory_store_lock_duration_seconds', 'Duration for which the raft memory store lock was held.'],
      ['swarm_store_read_tx_latency_seconds', 'Raft store read tx latency.'],
      ['swarm_store_write_tx_latency_seconds', 'Raft store write tx latency.'],
    ]) reg.histogram({ name, help }).labels();
  }

  /** The daemon did `action` on a container: time it, and log the event. */
  containerAction(action: ContainerAction): void {
    const [min, max] = ACTION_SECONDS[action];
    this.actions.labels(action).observe(this.rng.between(min, max));
    this.events.inc();
  }

  /** An event without a timed action (die, stop, kill…). */
  event(): void {
    this.events.inc();
  }

  async handle(req: AppRequest): Promise<AppResponse> {
    if (req.path.split('?')[0] !== '/metrics') return textResponse(404, '404 page not found');
    const now = this.clock.now();
    this.runtime.refresh(now);
    const s = this.containerStates();
    this.states.labels('paused').set(s.paused);
    this.states.labels('running').set(s.running);
    this.states.labels('stopped').set(s.stopped);
    const body = writeGoText(this.registry.collect(now));
    // The old prometheus.InstrumentHandler records after serving, so a scrape shows the ones before it.
    this.httpDuration.labels('prometheus').observe(this.rng.between(800, 3000), now);
    this.httpRequestSize.labels('prometheus').observe(63 + req.body.length, now);
    this.httpResponseSize.labels('prometheus').observe(body.length, now);
    this.httpRequests.labels('200', 'prometheus', req.method.toLowerCase()).inc();
    return textResponse(200, body, GO_CONTENT_TYPE);
  }
}

/** A daemon ID: 12 colon-separated groups of 4 base32 characters, like `7OQE:2AWM:…`. */
function daemonId(rng: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const groups: string[] = [];
  for (let g = 0; g < 12; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += alphabet[rng.intn(32)];
    groups.push(s);
  }
  return groups.join(':');
}
