// What the exposition parsers produce: samples in exposition order and each family's metadata.

/** Metric types as Prometheus' metadata API names them; the text format's `untyped` is `unknown` here. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'gaugehistogram' | 'summary' | 'info' | 'stateset' | 'unknown';

/** TYPE, HELP and UNIT of one metric family, as /api/v1/metadata reports them. */
export interface MetricMetadata {
  readonly type: MetricType;
  readonly help: string;
  readonly unit: string;
}

export interface SampleEntry {
  /** Metric name and labels in exposition order (not yet sorted); `name` is the metric name. */
  readonly name: string;
  readonly labels: [string, string][];
  readonly value: number;
  /** Explicit timestamp in ms, or null. */
  readonly timestamp: number | null;
  readonly line: number;
}

export interface ParsedExposition {
  readonly samples: SampleEntry[];
  /** By family name as written in TYPE/HELP/UNIT lines. */
  readonly metadata: Map<string, MetricMetadata>;
}

export class ParseError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`text format parsing error in line ${line}: ${reason}`);
    this.name = 'ParseError';
  }
}
