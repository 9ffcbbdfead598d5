// The terminal's state for the page: one shell over the app's world and Prometheus, its screen (kept while the
// drawer is closed), and the recall position in the history for ↑/↓.

import type { AppContext } from '../app.ts';
import { PROMPT, Shell, commonPrefix, type HistoryEntry, type Screen } from '../../terminal/shell.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

export interface Chunk {
  readonly kind: 'prompt' | 'in' | 'out' | 'err';
  text: string;
}

/** Enough scrollback for a long `for` loop; older output is dropped like a terminal's scrollback limit. */
const MAX_CHUNKS = 4000;
/** Where the command history survives a reload, and how much of it (bash's HISTSIZE default). */
const HISTORY_KEY = 'terminal/history';
const HISTORY_SIZE = 500;

export class TerminalSession {
  readonly shell: Shell;
  chunks = $state<Chunk[]>([]);
  busy = $state(false);
  open = $state(false);
  /** The line being typed at the prompt. */
  draft = $state('');
  /** Bumped after every command line, so lesson checks re-read the history. */
  runs = $state(0);
  private recall = -1;

  constructor(private readonly app: AppContext) {
    this.shell = new Shell({ world: app.world, prom: app.prom, clock: app.clock, fetch: (...a) => fetch(...a), incidents: app.incidents, drills: app.drills, lang: () => i18n.locale });
    app.store
      .get<HistoryEntry[]>(HISTORY_KEY)
      .then((saved) => {
        if (!Array.isArray(saved)) return;
        this.shell.restore(saved);
        this.runs++;
      })
      .catch(() => {});
  }

  private write(kind: Chunk['kind'], text: string): void {
    if (text === '') return;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.kind === kind) last.text += text;
    else this.chunks.push({ kind, text });
    if (this.chunks.length > MAX_CHUNKS) this.chunks.splice(0, this.chunks.length - MAX_CHUNKS);
  }

  /** Shows a typed line after its prompt (`> ` for the continuation lines of an unfinished command). */
  echo(prompt: string, line: string): void {
    this.write('prompt', prompt);
    this.write('in', line + '\n');
  }

  /** Runs a command line; `shown` is its last typed line when earlier ones were already echoed. */
  async submit(line: string, shown: { prompt: string; line: string } = { prompt: PROMPT, line }): Promise<void> {
    this.echo(shown.prompt, shown.line);
    this.recall = -1;
    this.busy = true;
    const screen: Screen = {
      out: (t) => this.write('out', t),
      err: (t) => this.write('err', t),
      clear: () => (this.chunks = []),
    };
    try {
      await this.shell.run(line, screen);
    } catch (err) {
      screen.err(`promlab: ${err instanceof Error ? err.message : String(err)}\n`);
    } finally {
      this.busy = false;
      this.runs++;
      // Best effort, like bash writing ~/.bash_history: a full store only loses the history.
      this.app.store.put(HISTORY_KEY, this.shell.history().slice(-HISTORY_SIZE)).catch(() => {});
    }
  }

  /** Opens the drawer with `line` at the prompt, for the learner to read and press Enter. */
  offer(line: string): void {
    this.draft = line;
    this.open = true;
  }

  /** Ctrl+C at the prompt: the line is abandoned, as bash shows it. */
  cancel(prompt: string, line: string): void {
    this.echo(prompt, line + '^C');
    this.recall = -1;
  }

  /** ↑ (-1) and ↓ (+1) through earlier lines; returns the line to show. */
  recallLine(direction: -1 | 1, current: string): string {
    const lines = this.shell.history().map((h) => h.line);
    if (lines.length === 0) return current;
    let i = this.recall === -1 ? lines.length : this.recall;
    i = Math.min(lines.length, Math.max(0, i + direction));
    this.recall = i === lines.length ? -1 : i;
    return i === lines.length ? '' : lines[i];
  }

  /** Tab: completes the unambiguous part; with several candidates, lists them like bash. */
  complete(line: string): string {
    const { replace, candidates } = this.shell.complete(line);
    if (candidates.length === 0) return line;
    const head = line.slice(0, line.length - replace);
    if (candidates.length === 1) {
      const word = candidates[0];
      return head + word + (word.endsWith('=') || word.endsWith('/') ? '' : ' ');
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > replace) return head + prefix;
    this.echo(PROMPT, line);
    this.write('out', candidates.join('  ') + '\n');
    return line;
  }
}

const sessions = new WeakMap<AppContext, TerminalSession>();

/** The page's one terminal session (the drawer and the lesson checks share it). */
export function terminalSession(app: AppContext): TerminalSession {
  let s = sessions.get(app);
  if (!s) {
    s = new TerminalSession(app);
    sessions.set(app, s);
  }
  return s;
}
