// `clear`: empties the screen.

import type { Command } from './types.ts';

export const clear: Command = {
  name: 'clear',
  usage: 'clear',
  summary: {
    ko: '화면 지우기',
    en: 'clear the screen',
  },
  async run(ctx) {
    ctx.clear();
    return 0;
  },
};
