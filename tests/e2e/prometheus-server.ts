// Debian's real Prometheus (package `prometheus`, installed by .ci/run) on a free 127.0.0.1 port, scraping its own
// /metrics every second, for the tests of the real-server mode.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.ts';

export const PROMETHEUS = '/usr/bin/prometheus';

/** Why the real-server tests cannot run here, or null when they can; in CI a missing binary is an error. */
export function prometheusMissing(): string | null {
  if (existsSync(PROMETHEUS)) return null;
  const why = `${PROMETHEUS} not found (apt-get install -y prometheus)`;
  if (process.env.CI) throw new Error(why);
  return why;
}

export interface RealPrometheus {
  readonly url: string;
  readonly address: string;
  stop(): Promise<void>;
}

/** Starts the server and waits until it has scraped itself, so `up` has a sample. */
export async function startPrometheus(corsOrigin = '.*'): Promise<RealPrometheus> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'promlab-prometheus-'));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ["${address}"]\n`,
  );
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=${address}`,
      `--web.cors.origin=${corsOrigin}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const url = `http://${address}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/api/v1/query?query=up`);
      const body = (await res.json()) as { data?: { result?: unknown[] } };
      if (body.data?.result?.length) return { url, address, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`prometheus did not come up with a first scrape:\n${log}`);
}
