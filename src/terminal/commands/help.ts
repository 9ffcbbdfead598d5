// `help`: every registered command with its usage, and what the shell itself understands.

import { say } from '../say.ts';
import type { Command } from './types.ts';

export const help: Command = {
  name: 'help',
  usage: 'help',
  summary: {
    ko: '이 터미널이 아는 명령 목록',
    en: 'list the commands this terminal understands',
  },
  async run(ctx) {
    const width = Math.max(...ctx.commands.map((c) => c.usage.length));
    ctx.out(
      say(ctx.env, {
        ko: '이 터미널은 시뮬레이션된 Docker 호스트이고, 챕터의 실습 파일은 ~/exercises에 있습니다.\n\n',
        en: 'This terminal is a simulated Docker host with the chapter\'s exercises in ~/exercises.\n\n',
      }),
    );
    for (const c of ctx.commands) ctx.out(`  ${c.usage.padEnd(width)}  ${say(ctx.env, c.summary)}\n`);
    ctx.out(
      say(ctx.env, {
        ko: '\n셸: ; && || | > /dev/null 2>&1, $var, for i in {1..N}; do …; done. ↑/↓ 기록, Tab 자동 완성.\n',
        en: '\nShell: ; && || | > /dev/null 2>&1, $var, for i in {1..N}; do …; done. ↑/↓ history, Tab completes.\n',
      }),
    );
    return 0;
  },
};
