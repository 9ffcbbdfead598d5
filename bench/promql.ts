// The PromQL engine benchmark: instant and range queries over generated data (counters, a classic histogram,
// an info-style join target), or over an OpenMetrics file with explicit timestamps (the input of
// `promtool tsdb create-blocks-from openmetrics`) so the same data and queries can be timed in Prometheus.
//
//   npm run bench -- --data FILE --query 'EXPR' [--query 'EXPR2'] [--range 6h] [--step 15s]

import { labelsFromRecord } from '../src/model/labels/labels.ts';
import type { Matcher } from '../src/model/labels/matcher.ts';
import { Engine, parseDuration } from '../src/promql/index.ts';
import { Head } from '../src/tsdb/head.ts';
import type { Querier, Queryable, SelectHints, SeriesData } from '../src/storage/interface.ts';
import { argValues, loadOpenMetrics } from './data.ts';

type Print = (name: string, value: number, unit: string) => void;

const RUNS = 5;

const GENERATED_QUERIES: [string, string][] = [
  ['rate', 'rate(x_total[5m])'],
  ['sum_rate', 'sum by (job) (rate(x_total[5m]))'],
  ['histogram_quantile', 'histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))'],
  ['topk', 'topk(5, rate(x_total[5m]))'],
  ['join', 'rate(x_total[5m]) * on (job, instance) group_left (version) x_info'],
];

/** Counts the samples the engine selects, which is what "samples scanned" means here. */
class CountingQueryable implements Queryable {
  samples = 0;
  constructor(private readonly inner: Queryable) {}
  querier(): Querier {
    const q = this.inner.querier();
    const select = (matchers: readonly Matcher[], hints: SelectHints): SeriesData[] => {
      const out = q.select(matchers, hints);
      for (const s of out) this.samples += s.t.length;
      return out;
    };
    return { select, labelNames: (ms) => q.labelNames(ms), labelValues: (name, ms) => q.labelValues(name, ms), close: () => q.close() };
  }
}

// A small deterministic generator, so every run scans the same data.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** 1,000 counters, 10 × 11 histogram buckets and 1,000 info series, every 15 s for 6 h. */
function generate(head: Head, endMs: number, stepMs: number): void {
  const rand = lcg(42);
  const n = Math.floor(endMs / stepMs) + 1;
  const add = (labels: Record<string, string>, next: (i: number) => number): void => {
    const ref = head.getOrCreate(labelsFromRecord(labels));
    for (let i = 0; i < n; i++) head.append(ref, i * stepMs, next(i));
  };
  for (let j = 0; j < 10; j++) {
    for (let k = 0; k < 100; k++) {
      const labels = { __name__: 'x_total', job: `job${j}`, instance: `10.0.${j}.${k}:9100` };
      let v = 0;
      add(labels, () => (v += Math.floor(rand() * 100)));
      add({ __name__: 'x_info', job: labels.job, instance: labels.instance, version: `1.${k % 4}` }, () => 1);
    }
    const les = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'];
    // 20 observations per step, spread so that bucket b holds (b+1)/11 of them cumulatively.
    les.forEach((le, b) => add({ __name__: 'h_bucket', job: `job${j}`, le }, (i) => Math.floor((i * 20 * (b + 1)) / les.length)));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Times one query: a warm-up, then RUNS measured runs; prints ms per query and samples scanned per second.
function time(print: Print, name: string, querier: CountingQueryable, run: (q: Queryable) => unknown): void {
  run(querier);
  const ms: number[] = [];
  querier.samples = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run(querier);
    ms.push(performance.now() - t0);
  }
  const perRun = querier.samples / RUNS;
  const med = median(ms);
  print(`promql_${name}_ms`, med, 'ms');
  print(`promql_${name}_samples_per_s`, Math.round(perRun / (med / 1000)), 'samples/s');
}

function durationArg(argv: string[], flag: string, fallback: string): number {
  const s = argValues(argv, flag)[0] ?? fallback;
  const ms = parseDuration(s);
  if (ms === null || ms <= 0) throw new Error(`${flag}: not a duration: ${s}`);
  return ms;
}

export function promqlBench(argv: string[], print: Print): void {
  const head = new Head();
  const engine = new Engine();
  const data = argValues(argv, '--data')[0];
  const range = durationArg(argv, '--range', '6h');
  const step = durationArg(argv, '--step', '15s');
  let queries: [string, string][];
  let end: number;
  const t0 = performance.now();
  if (data) {
    const given = argValues(argv, '--query');
    if (given.length === 0) {
      console.log('# promql: no --query given for --data, nothing to time');
      return;
    }
    queries = given.map((q, i) => [`q${i + 1}`, q]);
    const loaded = loadOpenMetrics(head, data);
    end = loaded.maxT;
    print('promql_data_load_samples_per_s', Math.round(loaded.samples / ((performance.now() - t0) / 1000)), 'samples/s');
  } else {
    queries = GENERATED_QUERIES;
    end = 6 * 3_600_000;
    generate(head, end, 15_000);
    print('promql_generated_load_samples_per_s', Math.round(head.stats().samples / ((performance.now() - t0) / 1000)), 'samples/s');
  }
  const querier = new CountingQueryable(head);
  const start = end - range;
  for (const [name, q] of queries) {
    if (data) console.log(`# promql ${name}: ${q}`);
    time(print, `${name}_instant`, querier, (qr) => engine.instantQuery(qr, q, end));
    time(print, `${name}_range`, querier, (qr) => engine.rangeQuery(qr, q, start, end, step));
  }
}
