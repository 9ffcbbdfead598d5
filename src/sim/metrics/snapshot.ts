// What a registry hands to an exposition writer: families of metrics, each metric one label set with its samples.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** One exposition line: `<family name><suffix>{labels,extra} value`. */
export interface SampleSnapshot {
  suffix: string;
  /** `le` of a histogram bucket or `quantile` of a summary; every client library prints it after the metric's own labels. */
  extra?: { name: string; value: number };
  value: number;
}

export interface MetricSnapshot {
  /** The metric's own labels in declaration order. */
  labels: readonly (readonly [string, string])[];
  samples: SampleSnapshot[];
  /** Milliseconds since epoch, printed after the value (prom-client's default metrics do this). */
  timestampMs?: number;
}

export interface FamilySnapshot {
  name: string;
  help: string;
  type: MetricType;
  metrics: MetricSnapshot[];
}
