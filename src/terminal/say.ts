// The terminal's own words in the page's language. Only what the playground itself says is translated (`help`,
// `promlab`, the shell's hints); the simulated programs (docker, curl, promtool) print what the real ones print.

import type { TerminalEnv } from './env.ts';

export interface Words {
  readonly ko: string;
  readonly en: string;
}

/** `w` in the terminal's language (English where the terminal runs without a page, as in the tests' shell). */
export function say(env: Pick<TerminalEnv, 'lang'>, w: Words): string {
  return w[env.lang?.() ?? 'en'];
}
