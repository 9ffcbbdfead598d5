// Series names the way Grafana's Prometheus data source makes them: legendFormat with `{{label}}` templates, else
// the series' labels, else (a series with no labels at all, like `sum(x)`) the query itself.

import { formatLabels, getLabel, type Labels } from '../model/labels/labels.ts';

const TEMPLATE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

export function seriesName(metric: Labels, legendFormat: string | undefined, expr: string): string {
  if (legendFormat) return legendFormat.replace(TEMPLATE, (_m, name: string) => getLabel(metric, name));
  return metric.length > 0 ? formatLabels(metric) : expr;
}
