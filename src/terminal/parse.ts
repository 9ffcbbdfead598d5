// A small bash: enough grammar for the chapter's commands. Lists joined by `;`, `&&`, `||` and newlines,
// pipelines with `|`, redirections (`>`, `>>`, `2>`, `2>&1`, `&>`), quoting, `$var`, and the `for NAME in
// WORDS; do LIST; done` loop. Anything else is a clear syntax error in bash's own words.

/** One piece of a word: quoted pieces are neither brace-expanded nor split. */
export interface WordPart {
  readonly text: string;
  readonly quote: 'none' | 'single' | 'double';
}

export type Word = readonly WordPart[];

export interface Redirect {
  /** 0 = stdin (`<`), 1 = stdout, 2 = stderr, 'both' = `&>`. */
  readonly fd: 0 | 1 | 2 | 'both';
  readonly append: boolean;
  /** The target file, or null for `2>&1`. */
  readonly target: Word | null;
}

export interface SimpleCommand {
  readonly type: 'simple';
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

export interface ForLoop {
  readonly type: 'for';
  readonly variable: string;
  readonly items: readonly Word[];
  readonly body: List;
  readonly redirects: readonly Redirect[];
}

export type Command = SimpleCommand | ForLoop;

export interface Pipeline {
  readonly commands: readonly Command[];
}

/** `op` joins an item to the previous one: ';' runs it anyway, '&&' after success, '||' after failure. */
export interface List {
  readonly items: readonly { readonly op: ';' | '&&' | '||'; readonly pipeline: Pipeline }[];
}

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: string };

const OPERATORS = ['&&', '||', ';;', '2>&1', '&>', '2>>', '2>', '>>', '>', '<', '|', ';', '&', '\n', '(', ')'];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    // `2>` is an operator only at a word boundary; `x2>y` is the word x2 then `>`.
    if (op) {
      tokens.push({ kind: 'op', op });
      i += op.length;
      continue;
    }
    const start = i;
    const parts: WordPart[] = [];
    let plain = '';
    const flush = () => {
      if (plain) parts.push({ text: plain, quote: 'none' });
      plain = '';
    };
    while (i < src.length && !' \t\n;&|<>()'.includes(src[i])) {
      const ch = src[i];
      if (ch === '\\') {
        flush();
        if (i + 1 < src.length) parts.push({ text: src[i + 1], quote: 'single' });
        i += 2;
      } else if (ch === "'") {
        flush();
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
        parts.push({ text: src.slice(i + 1, end), quote: 'single' });
        i = end + 1;
      } else if (ch === '"') {
        flush();
        let j = i + 1;
        let text = '';
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\\' && '"\\$`'.includes(src[j + 1] ?? '')) {
            text += src[j + 1];
            j += 2;
          } else text += src[j++];
        }
        if (j >= src.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
        parts.push({ text, quote: 'double' });
        i = j + 1;
      } else {
        plain += ch;
        i++;
      }
    }
    flush();
    tokens.push({ kind: 'word', word: parts.length ? parts : [{ text: '', quote: 'single' }], raw: src.slice(start, i) });
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parseScript(): List {
    const list = this.parseList([]);
    const t = this.peek();
    if (t) throw unexpected(t);
    return list;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.op === op;
  }

  private isKeyword(kw: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.raw === kw;
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.pos++;
  }

  /** Items until end of input or one of the `stop` keywords (which is left unread). */
  private parseList(stop: string[]): List {
    const items: { op: ';' | '&&' | '||'; pipeline: Pipeline }[] = [];
    let op: ';' | '&&' | '||' = ';';
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t || stop.some((kw) => this.isKeyword(kw))) {
        if (op !== ';') throw t ? unexpected(t) : new ShellSyntaxError('syntax error: unexpected end of file');
        return { items };
      }
      items.push({ op, pipeline: this.parsePipeline() });
      const next = this.peek();
      if (!next) return { items };
      if (next.kind === 'op' && (next.op === ';' || next.op === '\n')) {
        this.pos++;
        op = ';';
      } else if (next.kind === 'op' && (next.op === '&&' || next.op === '||')) {
        this.pos++;
        op = next.op;
      } else {
        throw unexpected(next);
      }
    }
  }

  private parsePipeline(): Pipeline {
    const commands = [this.parseCommand()];
    while (this.isOp('|')) {
      this.pos++;
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { commands };
  }

  private parseCommand(): Command {
    if (this.isKeyword('for')) return this.parseFor();
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'word') {
        if (words.length === 0 && ['do', 'done', 'then', 'fi', 'in'].includes(t.raw)) throw unexpected(t);
        words.push(t.word);
        this.pos++;
        continue;
      }
      const r = this.parseRedirect();
      if (!r) break;
      redirects.push(r);
    }
    if (words.length === 0) {
      const t = this.peek();
      throw t ? unexpected(t) : new ShellSyntaxError('syntax error: unexpected end of file');
    }
    return { type: 'simple', words, redirects };
  }

  private parseRedirect(): Redirect | null {
    const t = this.peek();
    if (t?.kind !== 'op') return null;
    const forms: Record<string, { fd: 0 | 1 | 2 | 'both'; append: boolean }> = {
      '<': { fd: 0, append: false },
      '>': { fd: 1, append: false },
      '>>': { fd: 1, append: true },
      '2>': { fd: 2, append: false },
      '2>>': { fd: 2, append: true },
      '&>': { fd: 'both', append: false },
    };
    if (t.op === '2>&1') {
      this.pos++;
      return { fd: 2, append: false, target: null };
    }
    const form = forms[t.op];
    if (!form) return null;
    this.pos++;
    const target = this.peek();
    if (target?.kind !== 'word') throw target ? unexpected(target) : new ShellSyntaxError("syntax error near unexpected token `newline'");
    this.pos++;
    return { ...form, target: target.word };
  }

  private parseFor(): ForLoop {
    this.pos++; // for
    const name = this.peek();
    if (name?.kind !== 'word' || !/^[A-Za-z_]\w*$/.test(name.raw)) {
      throw new ShellSyntaxError(name ? `\`${name.kind === 'word' ? name.raw : name.op}': not a valid identifier` : 'syntax error: unexpected end of file');
    }
    this.pos++;
    const items: Word[] = [];
    if (this.isKeyword('in')) {
      this.pos++;
      while (this.peek()?.kind === 'word' && !this.isKeyword('do')) items.push((this.tokens[this.pos++] as { word: Word }).word);
    }
    if (this.isOp(';') || this.isOp('\n')) this.pos++;
    this.skipNewlines();
    if (!this.isKeyword('do')) {
      const t = this.peek();
      throw t ? unexpected(t) : new ShellSyntaxError('syntax error: unexpected end of file');
    }
    this.pos++;
    const body = this.parseList(['done']);
    if (!this.isKeyword('done')) throw new ShellSyntaxError('syntax error: unexpected end of file');
    if (body.items.length === 0) throw new ShellSyntaxError("syntax error near unexpected token `done'");
    this.pos++;
    const redirects: Redirect[] = [];
    for (let r = this.parseRedirect(); r; r = this.parseRedirect()) redirects.push(r);
    return { type: 'for', variable: name.raw, items, body, redirects };
  }
}

function unexpected(t: Token): ShellSyntaxError {
  const text = t.kind === 'word' ? t.raw : t.op === '\n' ? 'newline' : t.op;
  return new ShellSyntaxError(`syntax error near unexpected token \`${text}'`);
}

/** Parses a command line; throws ShellSyntaxError with bash's wording. */
export function parseShell(src: string): List {
  return new Parser(tokenize(src)).parseScript();
}

/** Whether a command line is unfinished (an open quote or a `for` without `done`), for a `>` continuation prompt. */
export function isIncomplete(src: string): boolean {
  try {
    parseShell(src);
    return false;
  } catch (err) {
    return err instanceof ShellSyntaxError && /unexpected EOF|unexpected end of file/.test(err.message);
  }
}
