// `promlab drill …`: the drills page in the terminal — list, start (prints the page), hint, submit a diagnosis,
// end. The terminal speaks English like the rest of its commands.

import type { Diagnosis, RunningDrill } from '../../drills/view.ts';
import { columns, humanDuration } from '../format.ts';
import { say, type Words } from '../say.ts';
import type { CommandContext } from './types.ts';

export const DRILL_USAGE: Words = {
  ko: `  promlab drill list                  훈련 목록과 최고 기록
  promlab drill start ID              훈련 시작 (세상이 잠시 돌아간 뒤 호출이 옵니다)
  promlab drill show                  진행 중인 훈련: 호출, 시계, 원인 목록, 본 힌트
  promlab drill hint                  다음 힌트 보기 (점수가 깎입니다)
  promlab drill submit --service S [--instance I] (--query Q | --log L) --cause C
  promlab drill end                   훈련을 끝내고 내 설정을 되돌리기
`,
  en: `  promlab drill list                  list the drills and your best results
  promlab drill start ID              start a drill (the world runs a while, then you are paged)
  promlab drill show                  the running drill: page, clock, causes, hints taken
  promlab drill hint                  show the next hint (costs points)
  promlab drill submit --service S [--instance I] (--query Q | --log L) --cause C
  promlab drill end                   end the running drill and restore your config
`,
};

function flags(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    out[m[1]] = m[2] ?? args[++i] ?? '';
  }
  return out;
}

/** The drill's own texts in the terminal's language. */
const lang = (ctx: CommandContext): 'ko' | 'en' => ctx.env.lang?.() ?? 'en';

function page(ctx: CommandContext, r: RunningDrill): void {
  const elapsed = ctx.env.clock.now() - r.pagedAt;
  const l = lang(ctx);
  ctx.out(`${r.title[l]} (${r.id})\n${r.symptom[l]}\n`);
  ctx.out(`clock: ${humanDuration(elapsed)} of ${humanDuration(r.budget)}${elapsed > r.budget ? ' (over budget)' : ''}\n`);
  ctx.out(`causes:\n${r.causes.map((c) => `  ${c.id.padEnd(22)} ${c.text[l]}`).join('\n')}\n`);
  const shown = r.hints.filter((h) => h.text);
  if (shown.length) ctx.out(`hints:\n${shown.map((h) => `  - ${h.text![l]}`).join('\n')}\n`);
}

export async function drill(ctx: CommandContext, args: readonly string[]): Promise<number> {
  const drills = ctx.env.drills;
  if (!drills) {
    ctx.err('promlab: drills are not available in this terminal\n');
    return 1;
  }
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case undefined:
      case 'ls':
      case 'list': {
        const rows = (await drills.list()).map((d) => [
          d.id,
          d.title[lang(ctx)],
          humanDuration(d.budget),
          d.progress.solved ? `${d.progress.bestScore} points in ${humanDuration(d.progress.bestVirtualMs ?? 0)}` : d.progress.attempts ? `${d.progress.attempts} attempts` : '-',
        ]);
        ctx.out(columns([['DRILL', 'TITLE', 'BUDGET', 'BEST'], ...rows]));
        return 0;
      }
      case 'start': {
        if (!rest[0]) {
          ctx.err('promlab: drill start needs a drill id (promlab drill list)\n');
          return 2;
        }
        page(ctx, await drills.start(rest[0]));
        return 0;
      }
      case 'show': {
        const r = await drills.state();
        if (!r) ctx.out('no drill is running\n');
        else page(ctx, r);
        return 0;
      }
      case 'hint': {
        const r = await drills.hint();
        const shown = r.hints.filter((h) => h.text);
        ctx.out(shown.length ? `${shown.at(-1)!.text![lang(ctx)]}\n` : 'this drill has no hints\n');
        return 0;
      }
      case 'submit': {
        const f = flags(rest);
        const d: Diagnosis = { service: f.service ?? '', instance: f.instance ?? '', query: f.query ?? '', log: f.log ?? '', cause: f.cause ?? '' };
        if (!d.service || !d.cause || (!d.query && !d.log)) {
          ctx.err(`promlab: submit needs --service, --cause and --query or --log\n${say(ctx.env, DRILL_USAGE)}`);
          return 2;
        }
        const v = await drills.submit(d);
        if (v.pass) {
          const r = await drills.state();
          ctx.out(`correct: ${v.score} points${r?.virtualMs != null ? ` after ${humanDuration(r.virtualMs)} of virtual time` : ''}\n`);
          for (const line of r?.debrief ?? []) ctx.out(`  - ${line.text[lang(ctx)]}${line.graph ? `\n      ${line.graph.expr}` : ''}\n`);
          return 0;
        }
        ctx.out(`not yet (score now ${v.score}):\n${v.reasons.map((r) => `  ${r.field}: ${r.text[lang(ctx)]}`).join('\n')}\n`);
        return 1;
      }
      case 'end':
        await drills.end();
        ctx.out('drill ended; your config is back\n');
        return 0;
      default:
        ctx.err(`promlab: unknown drill command "${sub}"\n${say(ctx.env, DRILL_USAGE)}`);
        return 2;
    }
  } catch (err) {
    ctx.err(`promlab: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
