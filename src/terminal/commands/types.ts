// The contract of one terminal command. To add a command: write src/terminal/commands/<name>.ts exporting a
// `Command`, and list it in src/terminal/commands/index.ts. `help` and Tab completion pick it up from there.

import type { TerminalEnv } from '../env.ts';
import type { Words } from '../say.ts';

export interface CommandContext {
  /** Arguments after the command name, already expanded and unquoted. */
  readonly args: readonly string[];
  /** What the previous command of a pipeline printed, or ''. */
  readonly stdin: string;
  /** False when stdout is redirected or piped (curl then shows its progress meter on stderr). */
  readonly stdoutIsTerminal: boolean;
  readonly env: TerminalEnv;
  out(text: string): void;
  err(text: string): void;
  /** The commands the shell knows, for `help`. */
  readonly commands: readonly Command[];
  /** Earlier command lines, oldest first, for `history`. */
  readonly history: readonly string[];
  /** Clears the screen (`clear`). */
  clear(): void;
}

export interface Command {
  readonly name: string;
  /** One line for `help`, e.g. `curl [-s] [-o FILE] URL`. */
  readonly usage: string;
  readonly summary: Words;
  /** Resolves to the exit status. */
  run(ctx: CommandContext): Promise<number>;
  /** Candidates for the word being typed, given the words before it (after the command name). */
  complete?(before: readonly string[], env: TerminalEnv): readonly string[];
}
