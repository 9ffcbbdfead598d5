// `promlab incident …` and `promlab traffic …`: the playground's own controls, for what Docker cannot do to the
// simulated apps — push them into an incident and back, and set how many users browse image-gallery.

import { INCIDENT_KINDS, IncidentError, type IncidentKind } from '../../sim/incidents/kinds.ts';
import { columns, humanDuration } from '../format.ts';
import { DRILL_USAGE, drill } from './drill.ts';
import type { Command, CommandContext } from './types.ts';

const USAGE = `Usage:
  promlab incident ls                 list incidents and which are running
  promlab incident start KIND         push the world into an incident
  promlab incident stop KIND          recover from it
  promlab traffic [RPS]               show or set the users' steady requests per second to image-gallery
${DRILL_USAGE}
Incidents: ${INCIDENT_KINDS.join(', ')}
`;

function isKind(s: string | undefined): s is IncidentKind {
  return (INCIDENT_KINDS as readonly string[]).includes(s ?? '');
}

function incident(ctx: CommandContext, args: readonly string[]): number {
  const incidents = ctx.env.incidents;
  if (!incidents) {
    ctx.err('promlab: incidents are not available in this terminal\n');
    return 1;
  }
  const [sub, kind] = args;
  if (sub === 'ls' || sub === 'list' || sub === undefined) {
    const now = ctx.env.clock.now();
    const active = incidents.active();
    const rows = INCIDENT_KINDS.map((k) => {
      const a = active.find((x) => x.kind === k);
      return [k, a ? 'running' : '-', a ? a.target : '', a ? `${humanDuration(now - a.startedAt)} ago` : ''];
    });
    ctx.out(columns([['INCIDENT', 'STATE', 'TARGET', 'STARTED'], ...rows]));
    return 0;
  }
  if (sub !== 'start' && sub !== 'stop') {
    ctx.err(`promlab: unknown incident command "${sub}"\n${USAGE}`);
    return 2;
  }
  if (!isKind(kind)) {
    ctx.err(`promlab: ${kind === undefined ? 'missing incident' : `unknown incident "${kind}"`}; one of: ${INCIDENT_KINDS.join(', ')}\n`);
    return 2;
  }
  try {
    if (sub === 'start') {
      const a = incidents.start(kind);
      ctx.out(`incident ${kind} started (target ${a.target})\n`);
    } else {
      incidents.stop(kind);
      ctx.out(`incident ${kind} stopped\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof IncidentError)) throw err;
    ctx.err(`promlab: ${err.message}\n`);
    return 1;
  }
}

function traffic(ctx: CommandContext, args: readonly string[]): number {
  const incidents = ctx.env.incidents;
  if (!incidents) {
    ctx.err('promlab: traffic is not available in this terminal\n');
    return 1;
  }
  if (args.length === 0) {
    ctx.out(`${incidents.steadyRate} requests/s\n`);
    return 0;
  }
  const rps = Number(args[0]);
  if (!Number.isFinite(rps) || rps < 0 || rps > 50) {
    ctx.err(`promlab: traffic must be a number of requests per second from 0 to 50, got "${args[0]}"\n`);
    return 2;
  }
  incidents.setSteadyRate(rps);
  ctx.out(`steady traffic: ${rps} requests/s to http://localhost:8010/\n`);
  return 0;
}

export const promlab: Command = {
  name: 'promlab',
  usage: 'promlab incident ls|start|stop [KIND] | traffic [RPS] | drill list|start|show|hint|submit|end',
  summary: 'push the simulated apps into an incident and back; set user traffic; run incident drills',
  async run(ctx) {
    const [group, ...rest] = ctx.args;
    if (group === 'incident') return incident(ctx, rest);
    if (group === 'traffic') return traffic(ctx, rest);
    if (group === 'drill') return drill(ctx, rest);
    (group === undefined || group === 'help' ? ctx.out : ctx.err)(USAGE);
    return group === undefined || group === 'help' ? 0 : 2;
  },
  complete: (before) => {
    if (before.length === 0) return ['incident', 'traffic', 'drill'];
    if (before[0] === 'drill' && before.length === 1) return ['list', 'start', 'show', 'hint', 'submit', 'end'];
    if (before[0] === 'incident' && before.length === 1) return ['ls', 'start', 'stop'];
    if (before[0] === 'incident' && before.length === 2 && (before[1] === 'start' || before[1] === 'stop')) return INCIDENT_KINDS;
    return [];
  },
};
