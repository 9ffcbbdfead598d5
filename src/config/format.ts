// Renders config check results the way `promtool check config` prints them.
import type { ConfigError } from './types.ts';

/** "Checking prometheus.yml" then "  SUCCESS: …" or "  FAILED: …" with one `line:col: message` per error. */
export function formatConfigErrors(errors: readonly ConfigError[], fileName = 'prometheus.yml'): string {
  const header = `Checking ${fileName}`;
  if (errors.length === 0) return `${header}\n  SUCCESS: ${fileName} is valid prometheus config file syntax`;
  const lines = errors.map((e) => `  ${e.line}:${e.col}: ${e.message}`);
  return [header, `  FAILED: parsing YAML file ${fileName}:`, ...lines].join('\n');
}
