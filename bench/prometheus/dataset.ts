// The data set both sides load: OpenMetrics with explicit timestamps, the input of `promtool tsdb
// create-blocks-from openmetrics`. Deterministic (a seeded LCG), written one series at a time.
//
// The issue's shape: 1,000 integer counters `c`, a 1,200-series classic histogram `h_bucket` and 1,000 noisy
// gauges `g`, every 15 s for 6 h. The counters and gauges share their (job, instance) pairs, so `g / on(job,
// instance) group_left c` matches one to one. Types are gauge for all three: OpenMetrics would name a counter's
// samples `c_total` and a histogram's `h_bucket` needs `_count`/`_sum` beside it, and the queries want `c` and
// `h_bucket` as they are (the type changes nothing a query reads).

import { closeSync, openSync, writeSync } from 'node:fs';

export interface Shape {
  readonly jobs: number;
  /** Instances per job, for `c` and `g`. */
  readonly instances: number;
  /** (job, instance) pairs per job that have a histogram, each with every bucket. */
  readonly histogramInstances: number;
  readonly buckets: readonly string[];
  readonly stepMs: number;
  readonly rangeMs: number;
}

export const ISSUE_SHAPE: Shape = {
  jobs: 10,
  instances: 100,
  histogramInstances: 10,
  buckets: ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'],
  stepMs: 15_000,
  rangeMs: 6 * 3600_000,
};

/** 2026-01-01T00:00:00Z: fixed, so two runs write the same bytes. */
export const START_MS = Date.UTC(2026, 0, 1);

export interface Written {
  readonly samples: number;
  readonly series: number;
  readonly minT: number;
  readonly maxT: number;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// Buffers lines and writes them in large pieces: the file is a few hundred MB.
class Out {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 22) this.flush();
  }
  flush(): void {
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

export function writeDataset(file: string, shape: Shape = ISSUE_SHAPE): Written {
  const rand = lcg(20260101);
  const n = Math.floor(shape.rangeMs / shape.stepMs) + 1;
  // Timestamps in seconds with millisecond digits, as OpenMetrics writes them.
  const ts = Array.from({ length: n }, (_, i) => ` ${((START_MS + i * shape.stepMs) / 1000).toFixed(3)}\n`);
  const fd = openSync(file, 'w');
  const out = new Out(fd);
  let series = 0;
  const pair = (j: number, k: number) => `job="job${j}",instance="10.0.${j}.${k}:9100"`;

  out.line('# TYPE c gauge\n');
  for (let j = 0; j < shape.jobs; j++) {
    for (let k = 0; k < shape.instances; k++) {
      // Request counters from idle to busy: increments with a mean drawn log-uniformly from 0.1 to 100.
      const mean = Math.exp(Math.log(0.1) + rand() * Math.log(1000));
      const prefix = `c{${pair(j, k)}} `;
      let v = Math.floor(rand() * 1e6);
      for (let i = 0; i < n; i++) {
        v += Math.floor(rand() * 2 * mean);
        out.line(prefix + v + ts[i]);
      }
      series++;
    }
  }

  out.line('# TYPE h_bucket gauge\n');
  const b = shape.buckets.length;
  const counts = new Float64Array(n * b);
  for (let j = 0; j < shape.jobs; j++) {
    for (let k = 0; k < shape.histogramInstances; k++) {
      // Cumulative bucket counts: each step adds observations to each bucket and every bucket above it.
      const rate = 1 + rand() * 50;
      const acc = new Float64Array(b);
      for (let i = 0; i < n; i++) {
        let cum = 0;
        for (let q = 0; q < b; q++) {
          cum += Math.floor(rand() * (rate / b) * 2);
          acc[q] += cum;
          counts[i * b + q] = acc[q];
        }
      }
      for (let q = 0; q < b; q++) {
        const prefix = `h_bucket{${pair(j, k)},le="${shape.buckets[q]}"} `;
        for (let i = 0; i < n; i++) out.line(prefix + counts[i * b + q] + ts[i]);
        series++;
      }
    }
  }

  out.line('# TYPE g gauge\n');
  for (let j = 0; j < shape.jobs; j++) {
    for (let k = 0; k < shape.instances; k++) {
      // A random walk of full-precision floats (memory, temperatures): the hard case for XOR chunks.
      let v = 100 + rand() * 1000;
      const prefix = `g{${pair(j, k)}} `;
      for (let i = 0; i < n; i++) {
        v += rand() - 0.5;
        out.line(prefix + v + ts[i]);
      }
      series++;
    }
  }
  out.line('# EOF\n');
  out.flush();
  closeSync(fd);
  return { samples: series * n, series, minT: START_MS, maxT: START_MS + (n - 1) * shape.stepMs };
}
