// `promlab incident …` and `promlab traffic …`: the playground's own controls, for what Docker cannot do to the
// simulated apps — push them into an incident and back, and set how many users browse image-gallery.

import { INCIDENT_KINDS, IncidentError, type IncidentKind } from '../../sim/incidents/kinds.ts';
import { particle } from '../../i18n/particles.ts';
import { columns, humanDuration } from '../format.ts';
import { say, type Words } from '../say.ts';
import { DRILL_USAGE, drill } from './drill.ts';
import type { Command, CommandContext } from './types.ts';

const USAGE: Words = {
  ko: `사용법:
  promlab incident ls                 사고 목록과 실행 중인 사고
  promlab incident start KIND         사고 일으키기
  promlab incident stop KIND          사고에서 복구하기
  promlab traffic [RPS]               image-gallery로 가는 사용자의 초당 요청 수 보기·정하기
${DRILL_USAGE.ko}
사고 종류: ${INCIDENT_KINDS.join(', ')}
`,
  en: `Usage:
  promlab incident ls                 list incidents and which are running
  promlab incident start KIND         push the world into an incident
  promlab incident stop KIND          recover from it
  promlab traffic [RPS]               show or set the users' steady requests per second to image-gallery
${DRILL_USAGE.en}
Incidents: ${INCIDENT_KINDS.join(', ')}
`,
};

function isKind(s: string | undefined): s is IncidentKind {
  return (INCIDENT_KINDS as readonly string[]).includes(s ?? '');
}

function incident(ctx: CommandContext, args: readonly string[]): number {
  const incidents = ctx.env.incidents;
  if (!incidents) {
    ctx.err(say(ctx.env, { ko: 'promlab: 이 터미널에서는 사고를 일으킬 수 없습니다\n', en: 'promlab: incidents are not available in this terminal\n' }));
    return 1;
  }
  const [sub, kind] = args;
  if (sub === 'ls' || sub === 'list' || sub === undefined) {
    const now = ctx.env.clock.now();
    const active = incidents.listed();
    const rows = INCIDENT_KINDS.map((k) => {
      const a = active.find((x) => x.kind === k);
      const ago = a ? humanDuration(now - a.startedAt) : '';
      return [k, a ? say(ctx.env, { ko: '실행 중', en: 'running' }) : '-', a ? a.target : '', a ? say(ctx.env, { ko: `${ago} 전`, en: `${ago} ago` }) : ''];
    });
    const header = say(ctx.env, { ko: '사고\t상태\t대상\t시작', en: 'INCIDENT\tSTATE\tTARGET\tSTARTED' }).split('\t');
    ctx.out(columns([header, ...rows]));
    return 0;
  }
  if (sub !== 'start' && sub !== 'stop') {
    ctx.err(say(ctx.env, { ko: `promlab: 알 수 없는 incident 명령 "${sub}"\n`, en: `promlab: unknown incident command "${sub}"\n` }) + say(ctx.env, USAGE));
    return 2;
  }
  if (!isKind(kind)) {
    const kinds = INCIDENT_KINDS.join(', ');
    ctx.err(
      kind === undefined
        ? say(ctx.env, { ko: `promlab: 사고 종류를 적으세요: ${kinds}\n`, en: `promlab: missing incident; one of: ${kinds}\n` })
        : say(ctx.env, { ko: `promlab: 알 수 없는 사고 "${kind}". 다음 중 하나: ${kinds}\n`, en: `promlab: unknown incident "${kind}"; one of: ${kinds}\n` }),
    );
    return 2;
  }
  try {
    if (sub === 'start') {
      if (incidents.active().some((a) => a.kind === kind)) {
        ctx.err(say(ctx.env, { ko: `promlab: 사고 ${kind}${particle(kind, '은')} 이미 실행 중입니다\n`, en: `promlab: incident ${kind} is already running\n` }));
        return 1;
      }
      const a = incidents.start(kind);
      ctx.out(say(ctx.env, { ko: `사고 ${kind} 시작 (대상 ${a.target})\n`, en: `incident ${kind} started (target ${a.target})\n` }));
    } else {
      incidents.stop(kind);
      ctx.out(say(ctx.env, { ko: `사고 ${kind} 복구\n`, en: `incident ${kind} stopped\n` }));
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
    ctx.err(say(ctx.env, { ko: 'promlab: 이 터미널에서는 트래픽을 정할 수 없습니다\n', en: 'promlab: traffic is not available in this terminal\n' }));
    return 1;
  }
  if (args.length === 0) {
    ctx.out(say(ctx.env, { ko: `초당 요청 ${incidents.steadyRate}개\n`, en: `${incidents.steadyRate} requests/s\n` }));
    return 0;
  }
  const rps = Number(args[0]);
  if (!Number.isFinite(rps) || rps < 0 || rps > 50) {
    ctx.err(
      say(ctx.env, {
        ko: `promlab: 트래픽은 초당 요청 수로 0부터 50까지의 숫자여야 합니다 (입력: "${args[0]}")\n`,
        en: `promlab: traffic must be a number of requests per second from 0 to 50, got "${args[0]}"\n`,
      }),
    );
    return 2;
  }
  incidents.setSteadyRate(rps);
  ctx.out(say(ctx.env, { ko: `평소 트래픽: http://localhost:8010/ 으로 초당 요청 ${rps}개\n`, en: `steady traffic: ${rps} requests/s to http://localhost:8010/\n` }));
  return 0;
}

export const promlab: Command = {
  name: 'promlab',
  usage: 'promlab incident ls|start|stop [KIND] | traffic [RPS] | drill list|start|show|hint|submit|end',
  summary: {
    ko: '시뮬레이션된 앱에 사고를 일으키고 되돌리기, 사용자 트래픽 정하기, 장애 대응 훈련',
    en: 'push the simulated apps into an incident and back; set user traffic; run incident drills',
  },
  async run(ctx) {
    const [group, ...rest] = ctx.args;
    if (group === 'incident') return incident(ctx, rest);
    if (group === 'traffic') return traffic(ctx, rest);
    if (group === 'drill') return drill(ctx, rest);
    (group === undefined || group === 'help' ? ctx.out : ctx.err)(say(ctx.env, USAGE));
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
