// A fixed dataset for PromQL questions, written in the series notation of Prometheus' promql test scripts:
// `metric{label="v"} 0+10x20` is 21 samples 0, 10, …, 200 one interval apart; `_` skips a step.
// Every learner's answer is evaluated on the same numbers at the dataset's last timestamp.

import { labelsFromRecord } from '../model/labels/labels.ts';
import { Engine, parseExpr, parseDuration, type Value } from '../promql/index.ts';
import { Head } from '../tsdb/head.ts';

export interface Dataset {
  readonly head: Head;
  /** Evaluation time (ms): the last sample's timestamp. */
  readonly time: number;
  /** The source, shown to the learner: the interval and the series lines. */
  readonly interval: string;
  readonly lines: readonly string[];
}

export class DatasetError extends Error {}

/** `a+bxN` / `a-bxN` expand to N+1 values; plain numbers and `_` (no sample) stand for one step. */
export function expandValues(text: string): (number | null)[] {
  const out: (number | null)[] = [];
  for (const item of text.trim().split(/\s+/)) {
    const m = /^(-?[\d.]+(?:e[+-]?\d+)?)(?:([+-])([\d.]+(?:e[+-]?\d+)?)x(\d+))?$/i.exec(item);
    if (item === '_') out.push(null);
    else if (m && m[2] === undefined) out.push(Number(m[1]));
    else if (m) {
      const [start, step, n] = [Number(m[1]), Number(m[3]) * (m[2] === '-' ? -1 : 1), Number(m[4])];
      for (let i = 0; i <= n; i++) out.push(start + step * i);
    } else throw new DatasetError(`bad value ${JSON.stringify(item)} (use a number, _ or a+bxN)`);
  }
  return out;
}

/** Reads `interval` and `series` lines (`selector values`) into a head. */
export function buildDataset(interval: string, lines: readonly string[]): Dataset {
  const step = parseDuration(interval);
  if (step === null || step <= 0) throw new DatasetError(`bad interval ${JSON.stringify(interval)}`);
  const head = new Head();
  let last = 0;
  for (const line of lines) {
    const cut = line.lastIndexOf('}') + 1 || line.search(/\s/);
    const selector = parseExpr(line.slice(0, cut));
    if (selector.type !== 'VectorSelector' || selector.matchers.some((m) => m.type !== '=')) {
      throw new DatasetError(`${JSON.stringify(line)}: a series is written metric{label="value",…}`);
    }
    const ref = head.getOrCreate(labelsFromRecord(Object.fromEntries(selector.matchers.map((m) => [m.name, m.value]))));
    expandValues(line.slice(cut)).forEach((v, i) => {
      if (v === null) return;
      head.append(ref, i * step, v);
      last = Math.max(last, i * step);
    });
  }
  return { head, time: last, interval, lines };
}

const engine = new Engine();

export function queryDataset(d: Dataset, expr: string): Value {
  return engine.instantQuery(d.head, expr, d.time);
}
