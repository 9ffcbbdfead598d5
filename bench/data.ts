// What the benchmarks share for `--data FILE`: flag parsing, and loading an OpenMetrics exposition whose samples
// carry timestamps (the input of `promtool tsdb create-blocks-from openmetrics`) into a head, so the same data can
// be measured here and in Prometheus.

import { readFileSync } from 'node:fs';
import { labelsFromPairs } from '../src/model/labels/labels.ts';
import { streamOpenMetrics } from '../src/textparse/openmetrics.ts';
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
  let minT = Infinity;
  let maxT = -Infinity;
  let samples = 0;
  // The parser hands out one labels array per series: its head ref is looked up once.
  const refs = new Map<readonly [string, string][], number>();
  const metadata = streamOpenMetrics(readFileSync(file, 'utf8'), (name, labels, value, t, line) => {
    if (t === null) throw new Error(`${file}:${line}: sample without a timestamp`);
    let ref = refs.get(labels);
    if (ref === undefined) refs.set(labels, (ref = head.getOrCreate(labelsFromPairs(name, labels))));
    head.append(ref, t, value);
    if (t < minT) minT = t;
    if (t > maxT) maxT = t;
    samples++;
  });
  return { minT, maxT, samples, metadata };
}
