// Debian's Prometheus as the yardstick: backfill a file with promtool, start the server on that data on a free
// 127.0.0.1 port (its own process, stopped by its PID), and time queries by the engine's own evalTotalTime.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';

/** Why the comparison cannot run here, or null when it can. */
export function binariesMissing(): string | null {
  const missing = [PROMETHEUS, PROMTOOL].filter((p) => !existsSync(p));
  return missing.length ? `${missing.join(' and ')} not found (apt-get install -y prometheus)` : null;
}

/** Runs `promtool tsdb create-blocks-from openmetrics`; returns its wall time in ms. */
export function backfill(file: string, dataDir: string): number {
  const t0 = performance.now();
  const r = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`promtool failed (${r.status ?? r.signal}):\n${r.stderr.slice(-2000)}`);
  return ms;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// The number after `"name":` in a JSON text, or NaN.
function numberAfter(text: string, name: string): number {
  const at = text.lastIndexOf(`"${name}":`);
  if (at < 0) return NaN;
  const from = at + name.length + 3;
  let to = from;
  while (to < text.length && '0123456789.eE+-'.includes(text[to])) to++;
  return to > from ? Number(text.slice(from, to)) : NaN;
}

const SERIES_OPENS = '{"metric":';

/**
 * Reads an answer as it streams in: how many series it holds (each series object opens with "metric"; a quote
 * inside a label value is escaped, so the key cannot occur there), its start and its last few kB (the stats).
 * Not even the text is kept whole: a range answer is ~40 MB, which in this heap would bring a full GC into
 * promlab's next timed query.
 */
async function readAnswer(res: Response): Promise<{ series: number; start: string; end: string }> {
  const decoder = new TextDecoder();
  let series = 0;
  let start = '';
  let end = '';
  // The last characters of the previous piece, too few to hold the whole key, so no match is counted twice.
  let carry = '';
  for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) {
    const text = carry + decoder.decode(piece, { stream: true });
    for (let at = text.indexOf(SERIES_OPENS); at >= 0; at = text.indexOf(SERIES_OPENS, at + 1)) series++;
    if (start.length < 1000) start += text.slice(0, 1000);
    end = (end + text.slice(carry.length)).slice(-4000);
    carry = text.slice(-(SERIES_OPENS.length - 1));
  }
  return { series, start, end };
}

export class RealPrometheus {
  private log = '';
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stderr?.on('data', (d: Buffer) => (this.log = (this.log + d.toString()).slice(-4000)));
  }

  /** Starts Prometheus on `dataDir` (the blocks promtool wrote) and waits for /-/ready. */
  static async start(dir: string, dataDir: string): Promise<RealPrometheus> {
    const address = `127.0.0.1:${await freePort()}`;
    const config = join(dir, 'prometheus.yml');
    // No scrape configs: the server holds the backfilled blocks and nothing else.
    writeFileSync(config, 'global:\n  evaluation_interval: 1m\n');
    const child = spawn(
      PROMETHEUS,
      [`--config.file=${config}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=${address}`, '--storage.tsdb.retention.time=100y'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const prom = new RealPrometheus(child, `http://${address}`);
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) break;
      try {
        if ((await fetch(`${prom.url}/-/ready`)).ok) return prom;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await prom.stop();
    throw new Error(`prometheus did not become ready:\n${prom.log}`);
  }

  /** Runs a query with stats=all; returns evalTotalTime in ms and the number of series in the result. */
  async time(query: string, start: number, end: number, stepMs: number): Promise<{ ms: number; series: number }> {
    const params = new URLSearchParams({ query, stats: 'all' });
    let path: string;
    if (stepMs === 0) {
      path = '/api/v1/query';
      params.set('time', String(end / 1000));
    } else {
      path = '/api/v1/query_range';
      params.set('start', String(start / 1000));
      params.set('end', String(end / 1000));
      params.set('step', String(stepMs / 1000));
    }
    const res = await fetch(`${this.url}${path}?${params}`);
    // Only the timing and the series count are read. Decoded, a range answer is ~1.4 M points as objects in
    // this process's heap, and collecting them fell into promlab's next timed query.
    const { series, start: first, end: last } = await readAnswer(res);
    const evalTotal = numberAfter(last, 'evalTotalTime');
    if (!first.startsWith('{"status":"success"') || Number.isNaN(evalTotal)) throw new Error(`prometheus: ${query}: ${res.status} ${first.slice(0, 500)}`);
    return { ms: evalTotal * 1000, series };
  }

  /** Stops the server by its PID and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.pid === undefined) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    process.kill(this.child.pid, 'SIGTERM');
    await exited;
  }
}
