// Warnings and infos a query collects, worded like Prometheus' util/annotations and positioned at the
// sub-expression they concern: `PromQL warning: … (line:col)`.

import { formatFloat } from '../../model/strconv.ts';
import { positionString } from '../parser/lex.ts';
import type { PositionRange } from '../value.ts';

export class Annotations {
  readonly warnings = new Set<string>();
  readonly infos = new Set<string>();

  /** The query text the positions refer to ('' when the query came as a syntax tree). */
  constructor(private readonly input: string) {}

  warn(message: string, pos: PositionRange): void {
    this.warnings.add(`PromQL warning: ${message} (${positionString(this.input, pos.start)})`);
  }

  info(message: string, pos: PositionRange): void {
    this.infos.add(`PromQL info: ${message} (${positionString(this.input, pos.start)})`);
  }
}


export const invalidQuantile = (q: number): string => `quantile value should be between 0 and 1, got ${formatFloat(q, 'g')}`;
