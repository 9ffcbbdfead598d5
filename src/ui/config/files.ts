// The in-page files under /etc/prometheus and what the running config reads them as: rule files (rule_files)
// or file_sd target files of a job (file_sd_configs). Checking a file reports errors at line:col, like
// `promtool check rules`.

import type { Config } from '../../config/types.ts';
import { FileSDError, readTargetFile } from '../../discovery/file.ts';
import type { Files } from '../../files/files.ts';
import { loadRuleFile } from '../../rules/file.ts';
import type { PositionedError } from './diagnostics.ts';

export type FileRole = { readonly kind: 'rules' } | { readonly kind: 'file_sd'; readonly job: string };

/** The roles of every file the config's patterns match, by path. */
export function fileRoles(config: Config, files: Pick<Files, 'glob'>): Map<string, FileRole[]> {
  const roles = new Map<string, FileRole[]>();
  const add = (path: string, role: FileRole) => roles.set(path, [...(roles.get(path) ?? []), role]);
  for (const pattern of config.ruleFiles) for (const path of files.glob(pattern)) add(path, { kind: 'rules' });
  for (const job of config.scrapeConfigs)
    for (const sd of job.fileSDConfigs)
      for (const pattern of sd.files) for (const path of files.glob(pattern)) add(path, { kind: 'file_sd', job: job.jobName });
  return roles;
}

/** Errors of a file read in these roles: rule files like `promtool check rules`, target files like file_sd reads them. */
export function checkFile(path: string, text: string, roles: readonly FileRole[]): PositionedError[] {
  const errors: PositionedError[] = [];
  if (roles.some((r) => r.kind === 'rules')) {
    const result = loadRuleFile(path, text);
    if (!result.ok) errors.push(...result.errors);
  }
  if (roles.some((r) => r.kind === 'file_sd')) {
    try {
      readTargetFile(path, text);
    } catch (err) {
      if (!(err instanceof FileSDError)) throw err;
      errors.push({ line: err.line, col: err.col, message: err.reason });
    }
  }
  return errors;
}
