// What the benchmarks share for `--data FILE`: flag parsing, and loading an OpenMetrics exposition whose samples
// carry timestamps (the input of `promtool tsdb create-blocks-from openmetrics`) into a head, so the same data can
// be measured here and in Prometheus.

import { readFileSync } from 'node:fs';
import { labelsFromRecord } from '../src/model/labels/labels.ts';
import { parseExposition } from '../src/textparse/parse.ts';
import type { MetricMetadata } from '../src/textparse/types.ts';
import type { Head } from '../src/tsdb/head.ts';

/** Every value given to `flag` (`--query A --query B`), in order. */
export function argValues(argv: readonly string[], flag: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === flag && argv[i + 1] !== undefined) out.push(argv[i + 1]);
  });
  return out;
}

export interface Loaded {
  readonly minT: number;
  readonly maxT: number;
  readonly samples: number;
  /** TYPE/HELP/UNIT by family name. */
  readonly metadata: ReadonlyMap<string, MetricMetadata>;
}

/** Appends every sample of the file to the head; a sample without a timestamp is an error with its line. */
export function loadOpenMetrics(head: Head, file: string): Loaded {
  const parsed = parseExposition(readFileSync(file, 'utf8'), 'application/openmetrics-text');
  let minT = Infinity;
  let maxT = -Infinity;
  let samples = 0;
  for (const s of parsed.samples) {
    if (s.timestamp === null) throw new Error(`${file}:${s.line}: sample without a timestamp`);
    const ref = head.getOrCreate(labelsFromRecord({ ...Object.fromEntries(s.labels), __name__: s.name }));
    head.append(ref, s.timestamp, s.value);
    minT = Math.min(minT, s.timestamp);
    maxT = Math.max(maxT, s.timestamp);
    samples++;
  }
  return { minT, maxT, samples, metadata: parsed.metadata };
}
