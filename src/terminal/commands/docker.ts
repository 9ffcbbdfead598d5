// `docker`: the compose plugin, and the container commands the book uses around it (`docker ps`,
// `docker container ls`, `docker logs`, `docker container logs`).

import { compose, completeCompose } from './compose.ts';
import { parseLogFlags, printPs, renderLogs } from './containers.ts';
import type { Command, CommandContext } from './types.ts';

function ps(ctx: CommandContext, args: readonly string[]): number {
  return printPs(
    ctx,
    args,
    ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
    // Newest first, like the engine lists them.
    (a, b) => b.startedAt - a.startedAt,
    (c, d) => [c.hostname, d.image, d.command, d.created, d.status, d.ports, c.name],
  );
}

function logs(ctx: CommandContext, args: readonly string[]): number {
  const flags = parseLogFlags(ctx, args);
  if (!flags) return 1;
  if (flags.names.length !== 1) {
    ctx.err('"docker logs" requires exactly 1 argument.\nUsage:  docker logs [OPTIONS] CONTAINER\n');
    return 1;
  }
  const [ref] = flags.names;
  const c = ctx.env.world.containers().find((x) => x.name === ref || (ref.length >= 1 && x.hostname.startsWith(ref)));
  if (!c) {
    ctx.err(`Error response from daemon: No such container: ${ref}\n`);
    return 1;
  }
  const entries = ctx.env.world.logs.query({ services: [c.service] }).filter((e) => e.container === c.name);
  ctx.out(renderLogs(entries, { ...flags, prefix: false }));
  return 0;
}

const CONTAINER_SUBCOMMANDS: Record<string, (ctx: CommandContext, args: readonly string[]) => number> = { ls: ps, ps, list: ps, logs };

export const docker: Command = {
  name: 'docker',
  usage: 'docker compose … | docker ps [-a] | docker logs [--tail N] CONTAINER',
  summary: {
    ko: '챕터의 compose 프로젝트(prometheus, image-gallery, iotd, accesslog)와 그 컨테이너',
    en: 'the chapter\'s compose project (prometheus, image-gallery, iotd, accesslog) and its containers',
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === 'compose') return compose(ctx, rest);
    if (sub === 'ps') return ps(ctx, rest);
    if (sub === 'logs') return logs(ctx, rest);
    if (sub === 'container' && rest[0] !== undefined && rest[0] in CONTAINER_SUBCOMMANDS) return CONTAINER_SUBCOMMANDS[rest[0]](ctx, rest.slice(1));
    if (sub === undefined) {
      ctx.out('Usage:  docker [OPTIONS] COMMAND\n\nSimulated here: compose, ps, logs, container ls, container logs\n');
      return 0;
    }
    ctx.err(`promlab: \`docker ${ctx.args.slice(0, 2).join(' ')}\` is not simulated; try docker compose ps, docker ps or docker logs\n`);
    return 1;
  },
  complete(before, env) {
    if (before.length === 0) return ['compose', 'ps', 'logs', 'container'];
    if (before[0] === 'compose') return completeCompose(before.slice(1));
    if (before[0] === 'container' && before.length === 1) return Object.keys(CONTAINER_SUBCOMMANDS);
    if (before.at(-1) === 'logs') return env.world.containers().map((c) => c.name);
    return [];
  },
};
