// `ls`: the files in ~/exercises.

import { fileNames } from '../files.ts';
import type { Command } from './types.ts';

export const ls: Command = {
  name: 'ls',
  usage: 'ls',
  summary: {
    ko: '~/exercises의 파일 목록',
    en: 'list the files in ~/exercises',
  },
  async run(ctx) {
    ctx.out(fileNames().join('  ') + '\n');
    return 0;
  },
};
