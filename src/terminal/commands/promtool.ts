// `promtool check config FILE`: the same validator Prometheus loads its config with, printed promtool's way.

import { loadConfig } from '../../config/load.ts';
import { formatConfigErrors } from '../../config/format.ts';
import { CONFIG_FILE, readFile } from '../files.ts';
import type { Command } from './types.ts';

export const promtool: Command = {
  name: 'promtool',
  usage: 'promtool check config FILE',
  summary: {
    ko: '프로메테우스가 (다시) 읽을 때처럼 prometheus.yml 검사',
    en: 'validate a prometheus.yml like Prometheus does on (re)load',
  },
  async run(ctx) {
    const [group, what, ...files] = ctx.args;
    if (group !== 'check' || what !== 'config') {
      ctx.err(`usage: promtool check config <config-files>...\n`);
      return group === undefined ? 0 : 1;
    }
    if (files.length === 0) {
      ctx.err('promtool: error: required argument \'config-files\' not provided, try --help\n');
      return 1;
    }
    let status = 0;
    for (const file of files) {
      const text = readFile(ctx.env, file);
      if (text === undefined) {
        ctx.err(`Checking ${file}\n  FAILED: open ${file}: no such file or directory\n\n`);
        status = 1;
        continue;
      }
      const result = loadConfig(text);
      const report = formatConfigErrors(result.ok ? [] : result.errors, file) + '\n\n';
      if (result.ok) ctx.out(report);
      else {
        ctx.err(report);
        status = 1;
      }
    }
    return status;
  },
  complete: (before) => (before.length === 0 ? ['check'] : before.length === 1 ? ['config'] : [CONFIG_FILE]),
};
