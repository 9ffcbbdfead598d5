// codemirror-promql's completion asks a PrometheusClient for metric names, label names and label values. This
// one reads names and HELP/TYPE from the latest snapshot and asks the worker's head for the rest.

import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import type { AppContext } from '../app.ts';

type EditorMatcher = { type: number; name: string; value: string };

export class PlaygroundCompletionClient implements PrometheusClient {
  constructor(private readonly prom: AppContext['prom']) {}

  labelNames(metricName?: string): Promise<string[]> {
    return this.prom.completion.labelNames(metricName);
  }

  labelValues(labelName: string, metricName?: string, matchers?: EditorMatcher[]): Promise<string[]> {
    return this.prom.completion.labelValues(labelName, metricName, matchers);
  }

  /** TYPE and HELP from the last scrapes; the editor shows them next to metric names (and finds `x` for `x_bucket`). */
  async metricMetadata(): Promise<Record<string, { type: string; help: string; unit: string }[]>> {
    return Object.fromEntries(this.prom.metadata());
  }

  series(metricName: string, matchers?: EditorMatcher[], labelName?: string): Promise<Map<string, string>[]> {
    return this.prom.completion.series(metricName, matchers, labelName);
  }

  async metricNames(): Promise<string[]> {
    return this.prom.metricNames();
  }

  /** promlab has no command-line flags. */
  async flags(): Promise<Record<string, string>> {
    return {};
  }
}
