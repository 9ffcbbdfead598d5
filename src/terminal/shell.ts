// The terminal's shell: runs parsed command lines against the command registry, keeps the history (which lesson
// checks read), and completes words on Tab.

import { COMMANDS } from './commands/index.ts';
import type { Command, CommandContext } from './commands/types.ts';
import type { TerminalEnv } from './env.ts';
import { expandWord } from './expand.ts';
import { readFile } from './files.ts';
import { parseShell, ShellSyntaxError, type Command as ShellCommand, type List, type Pipeline, type Redirect } from './parse.ts';
import { say } from './say.ts';

export interface HistoryEntry {
  readonly line: string;
  readonly status: number;
  /** Virtual time when the line finished. */
  readonly time: number;
}

/** Where a run writes: the terminal screen. */
export interface Screen {
  out(text: string): void;
  err(text: string): void;
  clear(): void;
}

interface Sinks {
  out(text: string): void;
  err(text: string): void;
  outIsTerminal: boolean;
  /** Set by a `<` redirect: the file read as stdin. */
  stdin?: string;
}

export const PROMPT = 'user@docker-host:~/exercises$ ';

export class Shell {
  private readonly entries: HistoryEntry[] = [];
  private readonly vars = new Map<string, string>([['?', '0']]);
  private readonly listeners = new Set<() => void>();
  private readonly byName: Map<string, Command>;
  /** The line being run, which `history` lists last, as bash does. */
  private running = '';

  constructor(
    readonly env: TerminalEnv,
    readonly commands: readonly Command[] = COMMANDS,
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
  }

  history(): readonly HistoryEntry[] {
    return this.entries;
  }

  /** Puts back the history of an earlier session (before any line of this one), like ~/.bash_history. */
  restore(entries: readonly HistoryEntry[]): void {
    this.entries.unshift(...entries);
  }

  /** Called after every command line finishes. Returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Runs one command line; resolves to its exit status. */
  async run(line: string, screen: Screen): Promise<number> {
    if (line.trim() === '') return 0;
    this.running = historyLine(line);
    let status: number;
    try {
      status = await this.runList(parseShell(line), { out: screen.out, err: screen.err, outIsTerminal: true }, screen);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      screen.err(`bash: ${err.message}\n`);
      // Markdown turns URLs into <http://…> autolinks; pasted into a shell they become redirections.
      if (/<https?:\/\//.test(line)) screen.err('promlab: remove the < > around the URL (a Markdown autolink): curl http://localhost:8010\n');
      status = 2;
    }
    this.vars.set('?', String(status));
    this.entries.push({ line: this.running, status, time: this.env.clock.now() });
    for (const fn of this.listeners) fn();
    return status;
  }

  private async runList(list: List, sinks: Sinks, screen: Screen): Promise<number> {
    let status = 0;
    for (const { op, pipeline } of list.items) {
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await this.runPipeline(pipeline, sinks, screen);
      this.vars.set('?', String(status));
    }
    return status;
  }

  private async runPipeline(pipeline: Pipeline, sinks: Sinks, screen: Screen): Promise<number> {
    let stdin = '';
    let status = 0;
    for (const [i, cmd] of pipeline.commands.entries()) {
      const last = i === pipeline.commands.length - 1;
      let piped = '';
      const stage: Sinks = last ? sinks : { out: (t) => (piped += t), err: sinks.err, outIsTerminal: false };
      status = await this.runCommand(cmd, stdin, stage, screen);
      stdin = piped;
    }
    return status;
  }

  private async runCommand(cmd: ShellCommand, stdin: string, sinks: Sinks, screen: Screen): Promise<number> {
    const redirected = this.redirect(cmd.redirects, sinks);
    if (typeof redirected === 'string') {
      sinks.err(`bash: ${redirected}\n`);
      return 1;
    }
    if (cmd.type === 'for') {
      const items = cmd.items.flatMap((w) => expandWord(w, this.vars));
      let status = 0;
      for (const item of items) {
        this.vars.set(cmd.variable, item);
        status = await this.runList(cmd.body, redirected, screen);
      }
      return status;
    }
    const [name, ...args] = cmd.words.flatMap((w) => expandWord(w, this.vars));
    const command = this.byName.get(name);
    if (!command) {
      redirected.err(`bash: ${name}: command not found\n`);
      redirected.err(
        say(this.env, {
          ko: `'help'를 입력하면 이 터미널이 아는 명령(docker compose, curl, promtool, …)을 볼 수 있습니다.\n`,
          en: `Type 'help' to see the commands this terminal knows (docker compose, curl, promtool, …).\n`,
        }),
      );
      return 127;
    }
    const ctx: CommandContext = {
      args,
      stdin: redirected.stdin ?? stdin,
      stdoutIsTerminal: redirected.outIsTerminal,
      env: this.env,
      out: redirected.out,
      err: redirected.err,
      commands: this.commands,
      history: [...this.entries.map((e) => e.line), this.running],
      clear: () => screen.clear(),
    };
    return command.run(ctx);
  }

  /** Applies redirections: only /dev/null can be written, the page has no disk. Returns an error text otherwise. */
  private redirect(redirects: readonly Redirect[], sinks: Sinks): Sinks | string {
    let { out, err, outIsTerminal, stdin } = sinks;
    const discard = () => {};
    for (const r of redirects) {
      if (r.target === null) {
        err = out;
        continue;
      }
      const [path, ...more] = r.target.length ? expandWord(r.target, this.vars) : [''];
      if (more.length > 0 || path === '') return `${r.target.map((p) => p.text).join('')}: ambiguous redirect`;
      if (r.fd === 0) {
        stdin = path === '/dev/null' ? '' : readFile(this.env, path);
        if (stdin === undefined) return `${path}: No such file or directory`;
        continue;
      }
      if (path !== '/dev/null') return `${path}: Read-only file system`;
      if (r.fd === 1 || r.fd === 'both') {
        out = discard;
        outIsTerminal = false;
      }
      if (r.fd === 2 || r.fd === 'both') err = discard;
    }
    return { out, err, outIsTerminal, stdin };
  }

  /** Tab completion for `line` (the cursor at its end): the candidates and how many characters they replace. */
  complete(line: string): { replace: number; candidates: string[] } {
    const words = line.split(/\s+/);
    const current = words.pop() ?? '';
    const before = words.filter((w) => w !== '');
    // After `;`, `&&`, `|` or `do` a new command starts.
    const cut = Math.max(...['|', ';', '&&', '||', 'do'].map((sep) => before.lastIndexOf(sep)));
    const cmdWords = before.slice(cut + 1);
    let options: readonly string[];
    if (cmdWords.length === 0) options = this.commands.map((c) => c.name);
    else options = this.byName.get(cmdWords[0])?.complete?.(cmdWords.slice(1), this.env) ?? [];
    const candidates = [...new Set(options)].filter((o) => o.startsWith(current)).sort();
    return { replace: current.length, candidates };
  }
}

/** A multi-line command as bash's history keeps it (cmdhist): one line, `; ` between commands. */
export function historyLine(text: string): string {
  return text.replace(/(\b(?:do|then|else)|\||&&|\|\|)?\s*\n\s*/g, (_m, keyword: string | undefined) => (keyword ? `${keyword} ` : '; '));
}

/** The longest common prefix of the candidates: what Tab can fill in unambiguously. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let p = candidates[0];
  for (const c of candidates) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}
