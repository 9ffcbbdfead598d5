// `echo [-n] TEXT…`: handy inside loops (`for i in {1..3}; do echo $i; done`).

import type { Command } from './types.ts';

export const echo: Command = {
  name: 'echo',
  usage: 'echo [-n] TEXT…',
  summary: {
    ko: '인자를 그대로 출력',
    en: 'print its arguments',
  },
  async run(ctx) {
    const noNewline = ctx.args[0] === '-n';
    ctx.out(ctx.args.slice(noNewline ? 1 : 0).join(' ') + (noNewline ? '' : '\n'));
    return 0;
  },
};
