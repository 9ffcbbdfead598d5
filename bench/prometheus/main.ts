// `npm run bench:prometheus`: promlab beside Debian's Prometheus on the same data, on the same machine, in one run.
//
// Writes the data set (dataset.ts), backfills it with promtool and starts Prometheus on the blocks, loads the same
// file into a promlab head with the loader `npm run bench -- --data FILE` uses, then times each query instant and
// ranged, alternating the two engines run by run. Prometheus' side is its evalTotalTime (stats=all), promlab's the
// wall time of Engine.instantQuery/rangeQuery: both the evaluation alone, without HTTP and JSON. Prints
// `bench vs_prometheus_<query>_<mode> <promlab ÷ prometheus> x` (below 1 = promlab faster) and ingest figures.
//
//   npm run bench:prometheus [-- --runs 3] [--query NAME ...] [--only ingest] [--ingest-runs 1] [--hours 6]
//
// --runs: timed runs per query and mode (after a warm-up); --ingest-runs: promtool/promlab load rounds;
// --only ingest: the load figures alone, without the server and the queries; --hours: a shorter data set of
// the same series (for quick checks; the issue's figures are at 6 h).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type Value } from '../../src/promql/index.ts';
import { argValues } from '../data.ts';
import { ISSUE_SHAPE, writeDataset } from './dataset.ts';
import { measureIngest } from './ingest.ts';
import { binariesMissing, RealPrometheus } from './server.ts';

const QUERIES: [string, string][] = [
  ['rate', 'rate(c[5m])'],
  ['sum_rate', 'sum by (job) (rate(c[5m]))'],
  ['hq', 'histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))'],
  ['topk', 'topk(5, g)'],
  ['join', 'g / on(job, instance) group_left c'],
  ['max_over_time', 'max_over_time(g[1h])'],
  ['count', 'count(c)'],
];

const MODES: [string, number][] = [
  ['instant', 0],
  ['range15s', 15_000],
  ['range60s', 60_000],
];

function print(name: string, value: number, unit: string): void {
  console.log(`bench ${name} ${Number.isInteger(value) ? value : value.toFixed(Math.abs(value) < 10 ? 2 : 1)} ${unit}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function resultSeries(v: Value): number {
  return v.type === 'matrix' ? v.series.length : v.type === 'vector' ? v.samples.length : 1;
}

async function main(): Promise<void> {
  const missing = binariesMissing();
  if (missing) {
    console.log(`# bench:prometheus skipped: ${missing}`);
    return;
  }
  const argv = process.argv.slice(2);
  const runs = Number(argValues(argv, '--runs')[0] ?? 3);
  const ingestRuns = Number(argValues(argv, '--ingest-runs')[0] ?? 1);
  const hours = Number(argValues(argv, '--hours')[0] ?? 6);
  const ingestOnly = argValues(argv, '--only')[0] === 'ingest';
  const only = argValues(argv, '--query');
  const queries = only.length ? QUERIES.filter(([name]) => only.includes(name)) : QUERIES;
  if (only.length && queries.length !== only.length) throw new Error(`unknown --query; known: ${QUERIES.map(([n]) => n).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'promlab-vs-prometheus-'));
  let prom: RealPrometheus | null = null;
  try {
    const file = join(dir, 'data.om.txt');
    const written = writeDataset(file, { ...ISSUE_SHAPE, rangeMs: hours * 3600_000 });
    console.log(`# data set: ${written.series} series, ${written.samples} samples`);

    const ingest = measureIngest(file, written, join(dir, 'data'), ingestRuns);
    print('ingest_promtool_samples_per_s', ingest.promtoolSamplesPerS, 'samples/s');
    print('ingest_promlab_samples_per_s', ingest.promlabSamplesPerS, 'samples/s');
    print('promlab_bytes_per_sample', ingest.bytesPerSample, 'B');
    print('promlab_chunk_mb', ingest.chunkMb, 'MB');
    print('promlab_index_mb', ingest.indexMb, 'MB');
    print('promlab_heap_after_load_mb', ingest.heapAfterLoadMb, 'MB');
    // The issue's budget: twice the chunk bytes plus the index.
    print('promlab_heap_vs_budget', ingest.heapAfterLoadMb / (2 * (ingest.chunkMb + ingest.indexMb)), 'x');
    if (ingestOnly) return;
    const head = ingest.head;
    prom = await RealPrometheus.start(dir, join(dir, 'data'));

    const engine = new Engine();
    const end = written.maxT;
    const start = written.minT;
    for (const [name, query] of queries) {
      for (const [mode, step] of MODES) {
        const runPromlab = (): { ms: number; series: number } => {
          const t = performance.now();
          const v = step === 0 ? engine.instantQuery(head, query, end) : engine.rangeQuery(head, query, start, end, step);
          return { ms: performance.now() - t, series: resultSeries(v) };
        };
        const runProm = () => prom!.time(query, start, end, step);
        // A warm-up each, and a check that both answer with as many series.
        const a = runPromlab();
        const b = await runProm();
        if (a.series !== b.series) throw new Error(`${name} ${mode}: promlab returned ${a.series} series, prometheus ${b.series}`);
        const mine: number[] = [];
        const theirs: number[] = [];
        for (let i = 0; i < runs; i++) {
          mine.push(runPromlab().ms);
          theirs.push((await runProm()).ms);
        }
        const m = median(mine);
        const p = median(theirs);
        console.log(`# ${name} ${mode}: promlab ${m.toFixed(2)} ms, prometheus ${p.toFixed(2)} ms`);
        print(`vs_prometheus_${name}_${mode}`, m / p, 'x');
      }
    }
  } finally {
    await prom?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
