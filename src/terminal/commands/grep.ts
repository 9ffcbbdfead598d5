// `grep [-v] [-i] [-E] PATTERN [FILE]`: filters a /metrics page piped from curl (`curl -s … | grep access_log`).

import { fileNames, readFile } from '../files.ts';
import type { Command } from './types.ts';

export const grep: Command = {
  name: 'grep',
  usage: 'grep [-v] [-i] [-E] PATTERN [FILE]',
  summary: {
    ko: '패턴에 맞는 줄만 출력 (예: curl -s …/metrics | grep access_log)',
    en: 'print lines matching a pattern (e.g. curl -s …/metrics | grep access_log)',
  },
  async run(ctx) {
    // -E is what JavaScript regular expressions are anyway.
    const isFlag = (a: string) => /^-[viE]+$/.test(a);
    const flags = ctx.args.filter(isFlag).join('');
    const unknown = ctx.args.find((a) => a.startsWith('-') && a.length > 1 && !isFlag(a));
    if (unknown) {
      ctx.err(`grep: invalid option -- '${unknown.replace(/^-+/, '').replace(/[viE]/g, '')[0] ?? unknown}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n`);
      return 2;
    }
    const [pattern, file] = ctx.args.filter((a) => !isFlag(a));
    if (pattern === undefined) {
      ctx.err('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
      return 2;
    }
    let re: RegExp;
    try {
      re = new RegExp(pattern, flags.includes('i') ? 'i' : '');
    } catch {
      ctx.err(`grep: Invalid regular expression\n`);
      return 2;
    }
    const text = file === undefined ? ctx.stdin : readFile(ctx.env, file);
    if (text === undefined) {
      ctx.err(`grep: ${file}: No such file or directory\n`);
      return 2;
    }
    const invert = flags.includes('v');
    const lines = text.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === '') && re.test(l) !== invert);
    for (const l of lines) ctx.out(l + '\n');
    return lines.length > 0 ? 0 : 1;
  },
  complete: () => fileNames(),
};
