// Go's text/template syntax, the part Prometheus annotations and Alertmanager notifications use: actions with
// pipelines, variables, `if`/`else if`/`else`, `range`, `with`, `template "name" .`, trim markers and comments.

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export type Operand =
  | { kind: 'field'; chain: string[] } // .A.B (empty chain: the dot)
  | { kind: 'var'; name: string; chain: string[] } // $x.A
  | { kind: 'func'; name: string }
  | { kind: 'lit'; value: string | number | boolean | null }
  | { kind: 'pipe'; pipe: Pipeline };

export interface Pipeline {
  /** Variables declared (`$x :=`) or assigned (`$x =`). */
  decl: string[];
  assign: boolean;
  cmds: { args: Operand[]; line: number }[];
  line: number;
}

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline }
  | { kind: 'if' | 'with'; pipe: Pipeline; list: Node[]; elseList: Node[] }
  | { kind: 'range'; pipe: Pipeline; list: Node[]; elseList: Node[] }
  | { kind: 'template'; name: string; pipe: Pipeline | null; line: number };

export interface Template {
  readonly name: string;
  readonly root: Node[];
}

interface Action {
  text: string;
  line: number;
}

type Token = { t: 'ident' | 'field' | 'var' | 'str' | 'num' | 'sym'; v: string };

/** Splits text into literal text and `{{ }}` actions, applying `{{-` and `-}}` trimming. */
function split(name: string, src: string): (string | Action)[] {
  const out: (string | Action)[] = [];
  let pos = 0;
  let trimNext = false;
  const lineAt = (i: number) => src.slice(0, i).split('\n').length;
  while (pos <= src.length) {
    const open = src.indexOf('{{', pos);
    let text = src.slice(pos, open < 0 ? src.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      if (text) out.push(text);
      break;
    }
    const trimLeft = src.startsWith('{{- ', open) || src.startsWith('{{-\t', open) || src.startsWith('{{-\n', open);
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text) out.push(text);
    let start = open + (trimLeft ? 3 : 2);
    // The closing delimiter outside string literals.
    let i = start;
    let close = -1;
    while (i < src.length) {
      const c = src[i];
      if (c === '"' || c === '`') {
        const end = c === '`' ? src.indexOf('`', i + 1) : findQuoteEnd(src, i + 1);
        if (end < 0) throw new TemplateError(`template: ${name}:${lineAt(i)}: unterminated quoted string`);
        i = end + 1;
        continue;
      }
      if (src.startsWith('}}', i)) {
        close = i;
        break;
      }
      i++;
    }
    if (close < 0) throw new TemplateError(`template: ${name}:${lineAt(open)}: unclosed action`);
    let inner = src.slice(start, close);
    trimNext = / -$|\t-$|\n-$/.test(inner);
    if (trimNext) inner = inner.slice(0, -2);
    start = close + 2;
    if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(inner)) out.push({ text: inner, line: lineAt(open) });
    pos = start;
  }
  return out;
}

function findQuoteEnd(s: string, i: number): number {
  for (; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
    else if (s[i] === '\n') return -1;
  }
  return -1;
}

function tokenize(name: string, a: Action): Token[] {
  const out: Token[] = [];
  const s = a.text;
  let i = 0;
  const fail = (msg: string): never => {
    throw new TemplateError(`template: ${name}:${a.line}: ${msg}`);
  };
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = s.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^:=|^[()|,=]/.exec(rest))) out.push({ t: 'sym', v: m[0] });
    else if ((m = /^\$[A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest))) out.push({ t: 'var', v: m[0] });
    else if ((m = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+|^\./.exec(rest))) out.push({ t: 'field', v: m[0] });
    else if ((m = /^[-+]?(?:0x[0-9a-fA-F]+|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(rest))) out.push({ t: 'num', v: m[0] });
    else if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) out.push({ t: 'ident', v: m[0] });
    else if (c === '"') {
      const end = findQuoteEnd(s, i + 1);
      if (end < 0) fail('unterminated quoted string');
      try {
        out.push({ t: 'str', v: JSON.parse(s.slice(i, end + 1)) as string });
      } catch {
        fail(`bad string literal ${s.slice(i, end + 1)}`);
      }
      i = end + 1;
      continue;
    } else if (c === '`') {
      const end = s.indexOf('`', i + 1);
      out.push({ t: 'str', v: s.slice(i + 1, end) });
      i = end + 1;
      continue;
    } else fail(`unexpected ${JSON.stringify(c)} in command`);
    i += m![0].length;
  }
  return out;
}

class Parser {
  private items: (string | Action)[];
  private i = 0;

  constructor(
    private readonly name: string,
    src: string,
    private readonly funcs: ReadonlySet<string> | null,
  ) {
    this.items = split(name, src);
  }

  parse(): Node[] {
    const { list, end } = this.list();
    if (end) this.fail(end.line, `unexpected {{${end.word}}}`);
    return list;
  }

  private fail(line: number, msg: string): never {
    throw new TemplateError(`template: ${this.name}:${line}: ${msg}`);
  }

  /** Nodes up to an {{end}} or {{else …}}, which is returned. */
  private list(): { list: Node[]; end: { word: string; rest: Token[]; line: number } | null } {
    const list: Node[] = [];
    while (this.i < this.items.length) {
      const item = this.items[this.i++];
      if (typeof item === 'string') {
        list.push({ kind: 'text', text: item });
        continue;
      }
      const toks = tokenize(this.name, item);
      if (toks.length === 0) this.fail(item.line, 'missing value for command');
      const word = toks[0].t === 'ident' ? toks[0].v : '';
      switch (word) {
        case 'end':
        case 'else':
          return { list, end: { word, rest: toks.slice(1), line: item.line } };
        case 'if':
        case 'with':
        case 'range':
          list.push(this.block(word, toks.slice(1), item.line));
          break;
        case 'template': {
          const nameTok = toks[1];
          if (!nameTok || nameTok.t !== 'str') this.fail(item.line, 'unexpected name in template clause');
          const pipe = toks.length > 2 ? this.pipeline(toks.slice(2), item.line) : null;
          list.push({ kind: 'template', name: nameTok.v, pipe, line: item.line });
          break;
        }
        case 'define':
        case 'block':
        case 'break':
        case 'continue':
          this.fail(item.line, `{{${word}}} is not supported here`);
          break;
        default:
          list.push({ kind: 'action', pipe: this.pipeline(toks, item.line) });
      }
    }
    return { list, end: null };
  }

  private block(kind: 'if' | 'with' | 'range', toks: Token[], line: number): Node {
    if (toks.length === 0) this.fail(line, `missing value for ${kind}`);
    const pipe = this.pipeline(toks, line);
    const body = this.list();
    if (!body.end) this.fail(line, `unexpected EOF`);
    let elseList: Node[] = [];
    if (body.end.word === 'else') {
      const r = body.end.rest;
      if (r.length > 0 && r[0].t === 'ident' && (r[0].v === 'if' || r[0].v === 'with') && kind !== 'range') {
        // {{else if x}} is {{else}}{{if x}}…{{end}} sharing the outer {{end}}.
        const nested = this.block(r[0].v, r.slice(1), body.end.line);
        return { kind, pipe, list: body.list, elseList: [nested] } as Node;
      }
      const tail = this.list();
      if (!tail.end || tail.end.word !== 'end') this.fail(line, 'expected end; found EOF');
      elseList = tail.list;
    }
    return { kind, pipe, list: body.list, elseList } as Node;
  }

  private pipeline(toks: Token[], line: number): Pipeline {
    const pipe: Pipeline = { decl: [], assign: false, cmds: [], line };
    // $x := …, $i, $e := …
    const declEnd = toks.findIndex((t) => t.t === 'sym' && (t.v === ':=' || t.v === '='));
    if (declEnd > 0 && toks.slice(0, declEnd).every((t) => t.t === 'var' || (t.t === 'sym' && t.v === ','))) {
      pipe.decl = toks.slice(0, declEnd).filter((t) => t.t === 'var').map((t) => t.v);
      pipe.assign = toks[declEnd].v === '=';
      toks = toks.slice(declEnd + 1);
    }
    let pos = 0;
    const operand = (): Operand => {
      const t = toks[pos++];
      switch (t.t) {
        case 'field':
          return { kind: 'field', chain: t.v === '.' ? [] : t.v.slice(1).split('.') };
        case 'var': {
          const [name, ...chain] = t.v.split('.');
          return { kind: 'var', name, chain };
        }
        case 'str':
          return { kind: 'lit', value: t.v };
        case 'num':
          return { kind: 'lit', value: Number(t.v) };
        case 'ident':
          if (t.v === 'true' || t.v === 'false') return { kind: 'lit', value: t.v === 'true' };
          if (t.v === 'nil') return { kind: 'lit', value: null };
          // Like Go, an unknown function is a parse error, so a rule file with one fails to load.
          if (this.funcs && !this.funcs.has(t.v)) this.fail(line, `function "${t.v}" not defined`);
          return { kind: 'func', name: t.v };
        case 'sym':
          if (t.v === '(') {
            let depth = 1;
            const start = pos;
            while (pos < toks.length && depth > 0) {
              if (toks[pos].v === '(' && toks[pos].t === 'sym') depth++;
              if (toks[pos].v === ')' && toks[pos].t === 'sym') depth--;
              pos++;
            }
            if (depth > 0) this.fail(line, 'unclosed left paren');
            return { kind: 'pipe', pipe: this.pipeline(toks.slice(start, pos - 1), line) };
          }
          return this.fail(line, `unexpected ${JSON.stringify(t.v)} in operand`);
      }
    };
    let args: Operand[] = [];
    while (pos < toks.length) {
      const t = toks[pos];
      if (t.t === 'sym' && t.v === '|') {
        if (args.length === 0) this.fail(line, 'missing command');
        pipe.cmds.push({ args, line });
        args = [];
        pos++;
        continue;
      }
      args.push(operand());
    }
    if (args.length === 0) this.fail(line, 'missing value for command');
    pipe.cmds.push({ args, line });
    return pipe;
  }
}

/**
 * Parses template text; throws TemplateError with Go's `template: name:line: message` wording. With `funcs`, a call
 * of any other function is an error too.
 */
export function parseTemplate(name: string, text: string, funcs: ReadonlySet<string> | null = null): Template {
  return { name, root: new Parser(name, text, funcs).parse() };
}
