// What `docker ps` and `docker compose ps` show about a container, and container logs as both print them.

import type { ContainerSummary } from '../env.ts';
import { columns, humanDuration } from '../format.ts';
import type { CommandContext } from './types.ts';

const IMAGES: Record<string, { image: string; command: string; ports: string }> = {
  prometheus: { image: 'diamol/ch09-prometheus', command: `"/bin/sh -c 'echo \\"$…"`, ports: '0.0.0.0:9090->9090/tcp' },
  'image-gallery': { image: 'diamol/ch09-image-gallery', command: '"/web/server"', ports: '0.0.0.0:8010->80/tcp' },
  iotd: { image: 'diamol/ch09-image-of-the-day', command: '"java -jar /app/iotd…"', ports: '0.0.0.0:8011->80/tcp' },
  accesslog: { image: 'diamol/ch09-access-log', command: '"docker-entrypoint.s…"', ports: '0.0.0.0:8012->80/tcp' },
};

export function describeContainer(c: ContainerSummary, now: number): { image: string; command: string; created: string; status: string; ports: string } {
  const meta = IMAGES[c.service];
  const age = humanDuration(now - c.startedAt);
  // Only the first accesslog replica can hold host port 8012; the others publish nothing.
  const ports = c.state !== 'running' ? '' : c.service === 'accesslog' && c.number > 1 ? '80/tcp' : meta.ports;
  return { image: meta.image, command: meta.command, created: `${age} ago`, status: c.state === 'running' ? `Up ${age}` : 'Exited (0)', ports };
}

/**
 * `ps [-a]` as both `docker ps` and `docker compose ps` print it: the running containers (all of them with -a)
 * in `order`, under `header`, a row each from `row`.
 */
export function printPs(
  ctx: CommandContext,
  args: readonly string[],
  header: readonly string[],
  order: (a: ContainerSummary, b: ContainerSummary) => number,
  row: (c: ContainerSummary, d: ReturnType<typeof describeContainer>) => readonly string[],
): number {
  const all = args.includes('-a') || args.includes('--all');
  const now = ctx.env.clock.now();
  const list = ctx.env.world.containers().filter((c) => all || c.state === 'running').sort(order);
  ctx.out(columns([header, ...list.map((c) => row(c, describeContainer(c, now)))]));
  return 0;
}

export interface LogFlags {
  timestamps: boolean;
  tail: number;
  /** The non-flag arguments: services or container names. */
  names: string[];
}

/** `[-t] [--tail N|-n N]`; -f is refused (it would never end). Prints the error and returns null on bad flags. */
export function parseLogFlags(ctx: CommandContext, args: readonly string[]): LogFlags | null {
  const flags: LogFlags = { timestamps: false, tail: Infinity, names: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--timestamps') flags.timestamps = true;
    else if (a === '--tail' || a === '-n' || a.startsWith('--tail=')) {
      const v = a.startsWith('--tail=') ? a.slice(7) : args[++i];
      if (v !== 'all' && !/^\d+$/.test(v ?? '')) {
        ctx.err(`invalid argument "${v ?? ''}" for "--tail" flag\n`);
        return null;
      }
      flags.tail = v === 'all' ? Infinity : Number(v);
    } else if (a === '-f' || a === '--follow') {
      ctx.err('promlab: following logs never ends here; leave out -f\n');
      return null;
    } else if (a.startsWith('-')) {
      ctx.err(`unknown flag: ${a}\n`);
      return null;
    } else flags.names.push(a);
  }
  return flags;
}

type LogEntry = { readonly container: string; readonly time: number; readonly line: string };

/** The last `tail` lines of each container, oldest first; with `prefix`, compose's `name  | ` column. */
export function renderLogs(entries: readonly LogEntry[], opts: { timestamps: boolean; tail: number; prefix: boolean }): string {
  const perContainer = new Map<string, LogEntry[]>();
  for (const e of entries) perContainer.set(e.container, [...(perContainer.get(e.container) ?? []), e]);
  const kept = new Set([...perContainer.values()].flatMap((list) => list.slice(Math.max(0, list.length - opts.tail))));
  const width = Math.max(0, ...[...perContainer.keys()].map((n) => n.length));
  let out = '';
  for (const e of entries) {
    if (!kept.has(e)) continue;
    const stamp = opts.timestamps ? new Date(e.time).toISOString() + ' ' : '';
    out += `${opts.prefix ? `${e.container.padEnd(width)}  | ` : ''}${stamp}${e.line}\n`;
  }
  return out;
}
