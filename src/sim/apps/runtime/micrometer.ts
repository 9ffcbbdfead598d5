// Micrometer's Timer as the Prometheus registry exposes it: a `<name>_seconds` summary (count, sum) and a
// `<name>_seconds_max` gauge family holding a TimeWindowMax (3 buffers rotated every 20 s, so the max covers the
// last 40-60 s).

import type { Registry } from '../../metrics/registry.ts';

const ROTATE_MS = 20_000;
const BUFFERS = 3;

export class MicrometerTimer {
  private readonly summary;
  private readonly max;
  private readonly recent = new Map<string, { values: string[]; obs: { t: number; v: number }[] }>();

  constructor(reg: Registry, name: string, help: string, labelNames: readonly string[], private readonly startedAt: number) {
    this.summary = reg.summary({ name: `${name}_seconds`, help, labelNames, countFirst: true });
    this.max = reg.gauge({ name: `${name}_seconds_max`, help, labelNames });
  }

  record(values: string[], seconds: number, now: number): void {
    this.summary.labels(...values).observe(seconds, now);
    const key = values.join('\xff');
    const entry = this.recent.get(key) ?? { values, obs: [] };
    entry.obs.push({ t: now, v: seconds });
    this.recent.set(key, entry);
    this.refresh(now);
  }

  /** Sets each max gauge to the max of what its current ring buffer has seen. */
  refresh(now: number): void {
    const rotation = this.startedAt + Math.floor((now - this.startedAt) / ROTATE_MS) * ROTATE_MS;
    const since = rotation - (BUFFERS - 1) * ROTATE_MS;
    for (const { values, obs } of this.recent.values()) {
      while (obs.length && obs[0].t < since) obs.shift();
      this.max.labels(...values).set(obs.reduce((m, o) => Math.max(m, o.v), 0));
    }
  }
}
