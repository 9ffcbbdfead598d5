// /api/v1/status/* and /api/v1/alertmanagers (web/api/v1/api.go): what the running playground can say about itself,
// in Prometheus' JSON shapes. Go process details that have no counterpart in a page are fixed, plausible values.

import { QUERY_TIMEOUT_MS } from '../server/prometheus.ts';
import { formatDuration } from '../model/duration.ts';
import { DEFAULT_LOOKBACK_DELTA_MS } from '../model/lookback.ts';
import type { AlertmanagerStatus } from '../rules/notifier.ts';
import type { Head } from '../tsdb/head.ts';
import { rfc3339 } from './targets.ts';

/** The Prometheus release promlab mimics: the image the chapter's compose file runs (src/export/compose.ts). */
export const PROMETHEUS_VERSION = '3.5.0';

/** /api/v1/status/buildinfo: says it is promlab, and which Prometheus it answers like. */
export const BUILD_INFO = {
  version: `${PROMETHEUS_VERSION}-promlab`,
  revision: 'promlab',
  branch: 'promlab',
  buildUser: 'promlab@browser',
  buildDate: '20250714-00:00:00',
  goVersion: 'go1.24.5',
} as const;

// Durations print like model.Duration.String() ("15d", not "2w1d"). The engine runs on its defaults
// (src/promql/engine/engine.ts, new Engine() without options); these are the flags that would set them.
const MAX_SAMPLES = 50_000_000;

/** Go's time.Time zero value. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** /api/v1/status/flags: the command-line flags of the chapter's container, with the values the playground runs on. */
export function flagsData(retentionMs: number): Record<string, string> {
  return {
    'alertmanager.notification-queue-capacity': '10000',
    'config.file': '/etc/prometheus/prometheus.yml',
    'enable-feature': '',
    'log.format': 'logfmt',
    'log.level': 'info',
    'query.lookback-delta': formatDuration(DEFAULT_LOOKBACK_DELTA_MS),
    'query.max-concurrency': '20',
    'query.max-samples': String(MAX_SAMPLES),
    'query.timeout': formatDuration(QUERY_TIMEOUT_MS),
    'rules.alert.for-grace-period': '10m',
    'rules.alert.for-outage-tolerance': '1h',
    'rules.alert.resend-delay': '1m',
    'storage.tsdb.path': '/prometheus',
    'storage.tsdb.retention.size': '0B',
    'storage.tsdb.retention.time': formatDuration(retentionMs),
    'web.console.libraries': '/usr/share/prometheus/console_libraries',
    'web.console.templates': '/usr/share/prometheus/consoles',
    'web.enable-admin-api': 'false',
    'web.enable-lifecycle': 'false',
    'web.external-url': '',
    'web.listen-address': '0.0.0.0:9090',
    'web.page-title': 'Prometheus Time Series Collection and Processing Server',
    'web.route-prefix': '/',
  };
}

export interface RuntimeSource {
  readonly startTime: number;
  readonly now: number;
  readonly reload: { readonly ok: boolean; readonly time: number };
  readonly retentionMs: number;
  /** Scrape loops and rule groups, each a goroutine in Prometheus. */
  readonly loops: number;
}

/** /api/v1/status/runtimeinfo, times from the virtual clock. */
export function runtimeInfoData(r: RuntimeSource): Record<string, unknown> {
  return {
    startTime: rfc3339(r.startTime),
    CWD: '/prometheus',
    hostname: 'prometheus',
    serverTime: rfc3339(r.now),
    reloadConfigSuccess: r.reload.ok,
    lastConfigTime: r.reload.time === 0 ? ZERO_TIME : rfc3339(r.reload.time),
    corruptionCount: 0,
    goroutineCount: 40 + r.loops,
    GOMAXPROCS: 2,
    // math.MaxInt64 (no memory limit), which JSON readers in JavaScript see as 2^63 anyway.
    GOMEMLIMIT: 2 ** 63,
    GOGC: '',
    GODEBUG: '',
    storageRetention: formatDuration(r.retentionMs),
  };
}

/** /api/v1/status/tsdb: head stats and the top `limit` of each cardinality list, from the postings index. */
export function tsdbStatusData(head: Pick<Head, 'status'>, limit: number): Record<string, unknown> {
  const all = head.status(Number.MAX_SAFE_INTEGER);
  const empty = all.samples === 0;
  const top = (xs: readonly { name: string; value: number }[]) => xs.slice(0, limit).map(({ name, value }) => ({ name, value }));
  return {
    headStats: {
      numSeries: all.series,
      numLabelPairs: all.labelValueCountByLabelName.reduce((n, c) => n + c.value, 0),
      chunkCount: all.chunks,
      // An empty head reports math.MaxInt64 / math.MinInt64 in Prometheus.
      minTime: empty ? 2 ** 63 : all.minTime,
      maxTime: empty ? -(2 ** 63) : all.maxTime,
    },
    seriesCountByMetricName: top(all.seriesCountByMetricName),
    labelValueCountByLabelName: top(all.labelValueCountByLabelName),
    memoryInBytesByLabelName: top(all.memoryInBytesByLabelName),
    seriesCountByLabelValuePair: top(all.seriesCountByLabelValuePair),
  };
}

/** /api/v1/alertmanagers: where the notifier posts; relabeling drops are not kept, so none are listed as dropped. */
export function alertmanagersData(ams: readonly AlertmanagerStatus[]): Record<string, unknown> {
  return { activeAlertmanagers: ams.map((a) => ({ url: a.url })), droppedAlertmanagers: [] };
}
