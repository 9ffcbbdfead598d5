// codemirror-promql's completion asks a PrometheusClient for metric names, label names and label values.
// This one reads them from the running Prometheus' head in the worker; the page asks it through the control channel.

import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { EqlRegex, EqlSingle, Neq, NeqRegex } from '@prometheus-io/lezer-promql';
import { METRIC_NAME } from '../model/labels/labels.ts';
import { Matcher, type MatchType } from '../model/labels/matcher.ts';
import type { Head } from '../tsdb/head.ts';
import type { MetricMetadata } from '../textparse/types.ts';

/** Like the Prometheus UI's default: completions come from series seen in the last 12 hours. */
const LOOKBACK_MS = 12 * 60 * 60 * 1000;

type EditorMatcher = { type: number; name: string; value: string };

const OPS = new Map<number, MatchType>([
  [EqlSingle, '='],
  [Neq, '!='],
  [EqlRegex, '=~'],
  [NeqRegex, '!~'],
]);

export class HeadCompletionClient implements PrometheusClient {
  private readonly head: Pick<Head, 'select' | 'labelNames' | 'labelValues'>;

  constructor(
    private readonly prom: { readonly head: Pick<Head, 'select' | 'labelNames' | 'labelValues'>; metricNames(): string[]; metadata(): Map<string, MetricMetadata[]> },
    private readonly now: () => number,
  ) {
    this.head = prom.head;
  }

  private select(metricName: string | undefined, matchers: readonly EditorMatcher[] = []) {
    const ms: Matcher[] = [];
    if (metricName) ms.push(new Matcher('=', METRIC_NAME, metricName));
    for (const m of matchers) {
      const op = OPS.get(m.type);
      if (!op || (m.name === METRIC_NAME && metricName)) continue;
      try {
        ms.push(new Matcher(op, m.name, m.value));
      } catch {
        // A regex the learner is still typing; complete without it.
      }
    }
    const t = this.now();
    return this.head.select(ms, { start: t - LOOKBACK_MS, end: t });
  }

  async labelNames(metricName?: string): Promise<string[]> {
    if (!metricName) return this.head.labelNames().filter((n) => n !== METRIC_NAME);
    const names = new Set<string>();
    for (const s of this.select(metricName)) for (const l of s.labels) if (l.name !== METRIC_NAME) names.add(l.name);
    return [...names].sort();
  }

  async labelValues(labelName: string, metricName?: string, matchers?: EditorMatcher[]): Promise<string[]> {
    if (!metricName && !matchers?.length) return this.head.labelValues(labelName);
    const values = new Set<string>();
    for (const s of this.select(metricName, matchers)) {
      for (const l of s.labels) if (l.name === labelName) values.add(l.value);
    }
    return [...values].sort();
  }

  /** TYPE and HELP from the last scrapes; the editor shows them next to metric names (and finds `x` for `x_bucket`). */
  async metricMetadata(): Promise<Record<string, { type: string; help: string; unit: string }[]>> {
    return Object.fromEntries(this.prom.metadata());
  }

  async series(metricName: string, matchers?: EditorMatcher[], labelName?: string): Promise<Map<string, string>[]> {
    return this.select(metricName, matchers).map((s) => {
      const m = new Map<string, string>();
      for (const l of s.labels) if (!labelName || l.name === labelName || l.name === METRIC_NAME) m.set(l.name, l.value);
      return m;
    });
  }

  async metricNames(): Promise<string[]> {
    return this.prom.metricNames();
  }

  /** promlab has no command-line flags. */
  async flags(): Promise<Record<string, string>> {
    return {};
  }
}
