// `cat FILE…`: the compose file and the running prometheus.yml; without files, stdin.

import { fileNames, readFile } from '../files.ts';
import type { Command } from './types.ts';

export const cat: Command = {
  name: 'cat',
  usage: 'cat FILE…',
  summary: {
    ko: '파일 내용 보기 (docker-compose.yml, prometheus.yml)',
    en: 'print a file (docker-compose.yml, prometheus.yml)',
  },
  async run(ctx) {
    if (ctx.args.length === 0) {
      ctx.out(ctx.stdin);
      return 0;
    }
    let status = 0;
    for (const path of ctx.args) {
      const text = readFile(ctx.env, path);
      if (text === undefined) {
        ctx.err(`cat: ${path}: No such file or directory\n`);
        status = 1;
      } else ctx.out(text);
    }
    return status;
  },
  complete: () => fileNames(),
};
