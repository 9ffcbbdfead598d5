// The explorer's rows: every metric name in the head with its series count.

import { METRIC_NAME } from '../../labels/labels.ts';
import { Matcher } from '../../labels/matcher.ts';
import type { Querier } from '../../tsdb/head.ts';

export interface MetricRow {
  readonly name: string;
  readonly series: number;
}

export function metricRows(head: Querier): MetricRow[] {
  return head.labelValues(METRIC_NAME).map((name) => ({
    name,
    series: head.select([new Matcher('=', METRIC_NAME, name)], -Infinity, Infinity).length,
  }));
}
