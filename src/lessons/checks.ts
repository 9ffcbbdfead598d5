// Evaluates a step's check against the running playground: Prometheus' targets and queries, the simulated
// Docker host and its apps' log lines, the running config and the terminal's history. The same code runs in the page and in tests.

import { loadConfig } from '../config/load.ts';
import { LEVELS, type LogEntry } from '../logs/store.ts';
import { formatDuration, parseDuration } from '../promql/index.ts';
import type { Value } from '../promql/value.ts';
import { judgeAnswer } from './answer.ts';
import type { Check, CheckResult, CompareOp, ConfigSpec } from './types.ts';

/** What checks may look at. */
export interface PlaygroundState {
  targets(): readonly { scrapePool: string; health: string }[];
  containers(): readonly { service: string; state: string }[];
  /** Evaluated by the page's datasource: the in-browser Prometheus or a real server. */
  instantQuery(expr: string): Promise<Value>;
  configText(): string;
  history(): readonly { line: string; status: number }[];
  /** The log lines the Logs page shows now, or null while it is closed. */
  logsShown(): readonly LogEntry[] | null;
  /** The virtual clock's time (ms): log lines are stamped with it. */
  now(): number;
  /** Kinds of the incidents running now. */
  incidents(): readonly string[];
  /** Metric names there are, to explain an empty answer. */
  metricNames(): readonly string[];
}

const result = (pass: boolean, reason: string, params: Record<string, string | number> = {}): CheckResult => ({ pass, reason, params });

function compare(a: number, op: CompareOp, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
  }
}

async function queryCheck(pg: PlaygroundState, expr: string, op: CompareOp, want: number, count: boolean): Promise<CheckResult> {
  let v: Value;
  try {
    v = await pg.instantQuery(expr);
  } catch (err) {
    return result(false, 'query.error', { message: (err as Error).message });
  }
  if (count) {
    const n = v.type === 'vector' ? v.samples.length : 0;
    return result(n === want, 'query.series', { have: n, want });
  }
  const values = v.type === 'vector' ? v.samples.map((s) => s.v) : v.type === 'scalar' ? [v.v] : [];
  if (values.length !== 1) return result(false, 'query.noValue', { series: values.length });
  const have = Math.round(values[0] * 1000) / 1000;
  return result(compare(values[0], op, want), 'query.value', { have, op, want });
}

/** Checks the named job of a prometheus.yml text; also grades the quiz's "fix this config" answers. */
export function configCheck(text: string, spec: ConfigSpec): CheckResult {
  const loaded = loadConfig(text);
  if (!loaded.ok) {
    const e = loaded.errors[0];
    return result(false, 'config.invalid', { line: e.line, col: e.col, message: e.message });
  }
  const job = loaded.config.scrapeConfigs.find((j) => j.jobName === spec.job);
  if (!job) return result(false, 'config.noJob', { job: spec.job });
  if (spec.scrape_interval !== undefined && job.scrapeInterval !== parseDuration(spec.scrape_interval)) {
    return result(false, 'config.field', { job: spec.job, field: 'scrape_interval', want: spec.scrape_interval });
  }
  if (spec.metrics_path !== undefined && job.metricsPath !== spec.metrics_path) {
    return result(false, 'config.field', { job: spec.job, field: 'metrics_path', want: spec.metrics_path });
  }
  if (spec.dns_sd_names !== undefined) {
    const names = job.dnsSDConfigs.filter((d) => d.type === 'A').flatMap((d) => d.names);
    const missing = spec.dns_sd_names.find((n) => !names.includes(n));
    if (missing !== undefined) return result(false, 'config.dns', { job: spec.job, name: missing });
  }
  return result(true, 'config.ok', { job: spec.job });
}

/** Evaluates one check; `answer` is the learner's expression for answer checks. */
export async function evaluateCheck(check: Check, pg: PlaygroundState, answer = ''): Promise<CheckResult> {
  switch (check.kind) {
    case 'targets': {
      const up = pg.targets().filter((t) => t.scrapePool === check.job && t.health === 'up').length;
      return result(up === check.up, 'targets', { job: check.job, have: up, want: check.up });
    }
    case 'containers': {
      const running = pg.containers().filter((c) => c.service === check.service && c.state === 'running').length;
      return result(running === check.running, 'containers', { service: check.service, have: running, want: check.running });
    }
    case 'query':
      return queryCheck(pg, check.expr, check.op, check.value, check.count);
    case 'answer':
      return judgeAnswer(answer, check.spec, (e) => pg.instantQuery(e), pg.metricNames());
    case 'config':
      return configCheck(pg.configText(), check.spec);
    case 'ran': {
      const re = new RegExp(check.pattern);
      const ran = pg.history().some((h) => h.status === 0 && re.test(h.line));
      return result(ran, 'ran', { pattern: check.pattern });
    }
    case 'logs': {
      // Finding the lines is the step: they must be on the Logs page, filtered down to them.
      const { service, level, atLeast, within } = check.spec;
      const params = { service, level, want: atLeast, within: formatDuration(within) };
      const shown = pg.logsShown();
      if (shown === null) return result(false, 'logs.closed', params);
      const wanted = (e: LogEntry) => e.service === service && LEVELS.indexOf(e.level) >= LEVELS.indexOf(level);
      const other = shown.filter((e) => !wanted(e)).length;
      if (other > 0) return result(false, 'logs.others', { ...params, other });
      const have = shown.filter((e) => e.time >= pg.now() - within).length;
      return result(have >= atLeast, 'logs', { ...params, have });
    }
    case 'incident': {
      const running = pg.incidents().includes(check.incident);
      return result(running, 'incident', { incident: check.incident });
    }
  }
}
