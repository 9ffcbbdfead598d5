// Rule groups and rules as a rule file defines them (Prometheus' model/rulefmt), once file.ts has parsed and
// checked them.

import type { Expr } from '../promql/index.ts';

export interface RuleDef {
  readonly kind: 'recording' | 'alerting';
  /** The `record` metric name or the `alert` name. */
  readonly name: string;
  readonly exprText: string;
  readonly expr: Expr;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

export interface GroupDef {
  readonly name: string;
  readonly file: string;
  /** 0: the global evaluation_interval. */
  readonly intervalMs: number;
  /** Most alerts or series one evaluation may produce; 0 is no limit. */
  readonly limit: number;
  /** query_offset: the rules query this far in the past (ms), for data that arrives late. */
  readonly queryOffsetMs: number;
  readonly rules: RuleDef[];
}
