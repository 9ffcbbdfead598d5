// `docker compose` (v2) over the simulated world: up -d [--scale svc=N], ps, logs, stop, start, restart, down.
// Output follows compose's progress display once it has finished: `[+] Running 6/6` then one `✔ Container …`
// line per container with its last state. The world acts instantly, so the elapsed times are 0.0s.

import { SERVICES } from '../../sim/world.ts';
import type { ComposeEvents, ComposeHost } from '../env.ts';
import { COMPOSE_FILE } from '../files.ts';
import { parseLogFlags, printPs, renderLogs } from './containers.ts';
import type { Command, CommandContext } from './types.ts';

const COMPOSE_FILES = [COMPOSE_FILE, 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
const SUBCOMMANDS = ['up', 'ps', 'logs', 'stop', 'start', 'restart', 'down'];

class ComposeUsageError extends Error {}

/** Splits `[-f FILE] [-p NAME] SUBCOMMAND ARGS…`. */
function parseGlobal(args: readonly string[]): { file: string | null; sub: string | undefined; rest: string[] } {
  let file: string | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-f' || a === '--file') {
      file = args[++i] ?? '';
      if (!file) throw new ComposeUsageError(`flag needs an argument: '${a.replace(/^-+/, '')}' in ${a}`);
    } else if (a.startsWith('--file=')) file = a.slice(7);
    else if (a.startsWith('-')) throw new ComposeUsageError(`unknown shorthand flag: '${a.replace(/^-+/, '')}' in ${a}`);
    else break;
  }
  return { file, sub: args[i], rest: args.slice(i + 1) };
}

/** One `✔ Container name  Action  0.0s` line per container, in the order compose last touched them. */
function progress(verb: string, events: ComposeEvents): string {
  const last = new Map<string, string>();
  for (const e of events) {
    last.delete(e.container);
    last.set(e.container, e.action);
  }
  const width = Math.max(0, ...[...last.keys()].map((n) => n.length));
  const lines = [...last].map(([name, action]) => ` ✔ Container ${name.padEnd(width)}  ${action.padEnd(7)}  0.0s`);
  return [`[+] ${verb} ${last.size}/${last.size}`, ...lines].join('\n') + '\n';
}

function checkServices(services: readonly string[]): string | null {
  const unknown = services.find((s) => !(SERVICES as readonly string[]).includes(s));
  return unknown ? `no such service: ${unknown}` : null;
}

function up(ctx: CommandContext, args: readonly string[]): number {
  let detach = false;
  let accesslog: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d' || a === '--detach') detach = true;
    else if (a === '--scale' || a.startsWith('--scale=')) {
      const spec = a === '--scale' ? args[++i] : a.slice('--scale='.length);
      const m = /^([\w-]+)=(\d+)$/.exec(spec ?? '');
      if (!m) {
        ctx.err(`invalid scale specifier: ${spec ?? ''}\n`);
        return 1;
      }
      if (m[1] !== 'accesslog') {
        ctx.err(m[1] === 'image-gallery' || m[1] === 'iotd' || m[1] === 'prometheus'
          ? `promlab: only accesslog can be scaled here (the chapter publishes a fixed host port for ${m[1]})\n`
          : `no such service: ${m[1]}\n`);
        return 1;
      }
      accesslog = Number(m[2]);
    } else if (a.startsWith('-')) {
      ctx.err(`unknown flag: ${a}\n`);
      return 1;
    } else {
      const bad = checkServices([a]);
      ctx.err(bad ? `${bad}\n` : `promlab: \`up\` starts the whole project here; leave out the service name (${a})\n`);
      return 1;
    }
  }
  if (!detach) {
    ctx.err('promlab: attached mode streams container logs forever; run `docker compose up -d` instead\n');
    return 1;
  }
  const events = ctx.env.world.up(accesslog === undefined ? {} : { scale: { accesslog } });
  ctx.err(progress('Running', events));
  return 0;
}

function ps(ctx: CommandContext, args: readonly string[]): number {
  return printPs(
    ctx,
    args,
    ['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS'],
    (a, b) => a.name.localeCompare(b.name),
    (c, d) => [c.name, d.image, d.command, c.service, d.created, d.status, d.ports],
  );
}

/** `logs [-t] [--tail N] [SERVICE…]`: each line prefixed with its container, like compose without a TTY. */
function logs(ctx: CommandContext, args: readonly string[]): number {
  const flags = parseLogFlags(ctx, args);
  if (!flags) return 1;
  const bad = checkServices(flags.names);
  if (bad) {
    ctx.err(`${bad}\n`);
    return 1;
  }
  ctx.out(renderLogs(ctx.env.world.logs.query({ services: flags.names }), { ...flags, prefix: true }));
  return 0;
}

function perService(
  ctx: CommandContext,
  args: readonly string[],
  verb: string,
  act: (host: ComposeHost, service: string) => ComposeEvents,
): number {
  const services = args.filter((a) => !a.startsWith('-'));
  const bad = checkServices(services);
  if (bad) {
    ctx.err(`${bad}\n`);
    return 1;
  }
  // Named services must exist as containers (after `down` there are none to start or stop).
  const missing = services.find((s) => !ctx.env.world.containers().some((c) => c.service === s));
  if (missing) {
    ctx.err(`service "${missing}" has no container to ${verb === 'Stopping' ? 'stop' : 'start'}\n`);
    return 1;
  }
  const targets = services.length > 0 ? services : [...SERVICES];
  const events = targets.flatMap((s) => act(ctx.env.world, s));
  ctx.err(progress(verb, events));
  return 0;
}

/** `docker compose ARGS…` (also the v1 `docker-compose`). */
export async function compose(ctx: CommandContext, args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseGlobal(args);
  } catch (err) {
    ctx.err(`${(err as Error).message}\n`);
    return 1;
  }
  const { file, sub, rest } = parsed;
  const name = file?.replace(/^\.\//, '');
  if (name !== undefined && !COMPOSE_FILES.includes(name)) {
    ctx.err(`open /home/user/exercises/${name}: no such file or directory\n`);
    if (name === 'docker-compose-with-grafana.yml') ctx.err('promlab: there is no Grafana container here; the chapter\'s dashboard is on the Dashboards page\n');
    return 1;
  }
  switch (sub) {
    case 'up':
      return up(ctx, rest);
    case 'ps':
      return ps(ctx, rest);
    case 'logs':
      return logs(ctx, rest);
    case 'stop':
      return perService(ctx, rest, 'Stopping', (h, s) => h.stop(s));
    case 'start':
      return perService(ctx, rest, 'Running', (h, s) => h.start(s));
    case 'restart':
      return perService(ctx, rest, 'Restarting', (h, s) => [...h.stop(s), ...h.start(s)]);
    case 'down': {
      ctx.err(progress('Running', ctx.env.world.down()));
      return 0;
    }
    case undefined:
      ctx.out(`Usage:  docker compose [OPTIONS] COMMAND\n\nCommands:\n${SUBCOMMANDS.map((s) => `  ${s}`).join('\n')}\n`);
      return 0;
    default:
      ctx.err(`unknown docker command: "compose ${sub}"\n`);
      return 1;
  }
}

export function completeCompose(before: readonly string[]): string[] {
  const prev = before[before.length - 1];
  if (prev === '-f' || prev === '--file') return [COMPOSE_FILE];
  if (prev === '--scale') return ['accesslog='];
  const sub = before.find((w, i) => SUBCOMMANDS.includes(w) && before[i - 1] !== '-f');
  if (!sub) return [...SUBCOMMANDS, '-f'];
  if (sub === 'up') return ['-d', '--scale'];
  if (sub === 'ps') return ['-a'];
  if (sub === 'logs') return ['--tail', '-t', ...SERVICES];
  if (sub === 'down') return [];
  return [...SERVICES];
}

/** The v1 spelling the book uses; same behaviour. */
export const dockerCompose: Command = {
  name: 'docker-compose',
  usage: 'docker-compose …',
  summary: {
    ko: '`docker compose`와 같습니다 (책의 표기)',
    en: 'the same as `docker compose` (the book\'s spelling)',
  },
  run: (ctx) => compose(ctx, ctx.args),
  complete: (before) => completeCompose(before),
};
