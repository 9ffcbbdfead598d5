// `history [N]`: earlier command lines, numbered like bash prints them.

import type { Command } from './types.ts';

export const history: Command = {
  name: 'history',
  usage: 'history [N]',
  summary: {
    ko: '앞서 입력한 명령 목록 (↑로 다시 불러오기)',
    en: 'list earlier command lines (↑ recalls them)',
  },
  async run(ctx) {
    const [n] = ctx.args;
    if (n !== undefined && !/^\d+$/.test(n)) {
      ctx.err(`bash: history: ${n}: numeric argument required\n`);
      return 1;
    }
    const lines = ctx.history;
    const start = n === undefined ? 0 : Math.max(0, lines.length - Number(n));
    for (let i = start; i < lines.length; i++) ctx.out(`${String(i + 1).padStart(5)}  ${lines[i]}\n`);
    return 0;
  },
};
