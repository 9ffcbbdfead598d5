// Small shell builtins and utilities the lessons use around the chapter's commands.

import { fileNames, readFile } from '../files.ts';
import type { Command } from './types.ts';

export const help: Command = {
  name: 'help',
  usage: 'help',
  summary: 'list the commands this terminal understands',
  async run(ctx) {
    const width = Math.max(...ctx.commands.map((c) => c.usage.length));
    ctx.out('This terminal is a simulated Docker host with the chapter\'s exercises in ~/exercises.\n\n');
    for (const c of ctx.commands) ctx.out(`  ${c.usage.padEnd(width)}  ${c.summary}\n`);
    ctx.out('\nShell: ; && || | > /dev/null 2>&1, $var, for i in {1..N}; do …; done. ↑/↓ history, Tab completes.\n');
    return 0;
  },
};

export const clear: Command = {
  name: 'clear',
  usage: 'clear',
  summary: 'clear the screen',
  async run(ctx) {
    ctx.clear();
    return 0;
  },
};

export const echo: Command = {
  name: 'echo',
  usage: 'echo [-n] TEXT…',
  summary: 'print its arguments',
  async run(ctx) {
    const noNewline = ctx.args[0] === '-n';
    ctx.out(ctx.args.slice(noNewline ? 1 : 0).join(' ') + (noNewline ? '' : '\n'));
    return 0;
  },
};

export const ls: Command = {
  name: 'ls',
  usage: 'ls',
  summary: 'list the files in ~/exercises',
  async run(ctx) {
    ctx.out(fileNames().join('  ') + '\n');
    return 0;
  },
};

export const cat: Command = {
  name: 'cat',
  usage: 'cat FILE…',
  summary: 'print a file (docker-compose.yml, prometheus.yml)',
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

export const grep: Command = {
  name: 'grep',
  usage: 'grep [-v] [-i] [-E] PATTERN [FILE]',
  summary: 'print lines matching a pattern (e.g. curl -s …/metrics | grep access_log)',
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
