// The explorer's rows: every metric name in the head with its series count and the TYPE/HELP its targets reported.

import { METRIC_NAME } from '../model/labels/labels.ts';
import { Matcher } from '../model/labels/matcher.ts';
import type { MetricMetadata } from '../textparse/types.ts';
import type { Head } from '../tsdb/head.ts';

export interface MetricRow {
  readonly name: string;
  readonly series: number;
  /** Distinct TYPE/HELP pairs; empty for series no scrape described (e.g. `up`, recording rules). */
  readonly metadata: readonly MetricMetadata[];
}

// Metadata is per metric family: `x_bucket`, `x_sum` and `x_count` belong to `x`, and OpenMetrics counters drop `_total`.
const FAMILY_SUFFIX = /(_bucket|_sum|_count|_total|_created|_info)$/;

/** Series are counted in the index (postings), without reading samples, so the page can refresh with every scrape. */
export function metricRows(head: Pick<Head, 'labelValues' | 'postingsFor'>, metadata: ReadonlyMap<string, readonly MetricMetadata[]>): MetricRow[] {
  return head.labelValues(METRIC_NAME).map((name) => ({
    name,
    series: head.postingsFor([new Matcher('=', METRIC_NAME, name)]).length,
    metadata: metadata.get(name) ?? metadata.get(name.replace(FAMILY_SUFFIX, '')) ?? [],
  }));
}
