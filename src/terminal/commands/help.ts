// `help`: every registered command with its usage, and what the shell itself understands.

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
