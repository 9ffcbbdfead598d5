// Runs a parsed template against data, like Go's text/template Execute. Plain objects are Go maps (a missing
// key reads as ""), functions on an object are Go methods, and the function table is the caller's.

import { formatValue } from './format.ts';
import { TemplateError, type Node, type Operand, type Pipeline, type Template } from './parse.ts';

export type TemplateFunc = (...args: unknown[]) => unknown;

export interface ExecOptions {
  funcs: Record<string, TemplateFunc>;
  /** Templates `{{template "name" .}}` may call. */
  named?: Record<string, Template>;
}

/** Go's notion of truth: zero values, empty collections and nil are false. */
export function truth(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v).length > 0;
  return true;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

class State {
  private vars: { name: string; value: unknown }[];
  private depth = 0;

  constructor(
    private readonly tmpl: Template,
    private readonly opts: ExecOptions,
    dot: unknown,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  private fail(line: number, msg: string): never {
    throw new TemplateError(`template: ${this.tmpl.name}:${line}: executing "${this.tmpl.name}": ${msg}`);
  }

  walk(nodes: Node[], dot: unknown, out: string[]): void {
    for (const n of nodes) {
      switch (n.kind) {
        case 'text':
          out.push(n.text);
          break;
        case 'action': {
          const v = this.pipeline(n.pipe, dot);
          if (n.pipe.decl.length === 0) out.push(formatValue(v));
          break;
        }
        case 'if':
        case 'with': {
          const mark = this.vars.length;
          const v = this.pipeline(n.pipe, dot);
          if (truth(v)) this.walk(n.list, n.kind === 'with' ? v : dot, out);
          else this.walk(n.elseList, dot, out);
          this.vars.length = mark;
          break;
        }
        case 'range':
          this.range(n, dot, out);
          break;
        case 'template': {
          const t = this.opts.named?.[n.name];
          if (!t) this.fail(n.line, `no such template "${n.name}"`);
          if (++this.depth > 100) this.fail(n.line, 'exceeded maximum template depth (100000)');
          const sub = new State(t, this.opts, n.pipe ? this.pipeline(n.pipe, dot) : null);
          sub.depth = this.depth;
          sub.walk(t.root, sub.vars[0].value, out);
          this.depth--;
          break;
        }
      }
    }
  }

  private range(n: Extract<Node, { kind: 'range' }>, dot: unknown, out: string[]): void {
    const mark = this.vars.length;
    const decl = n.pipe.decl;
    const v = this.pipeline({ ...n.pipe, decl: [] }, dot);
    let entries: [unknown, unknown][];
    if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
    else if (isMap(v)) entries = Object.keys(v).sort().map((k) => [k, v[k]]);
    else if (typeof v === 'number' && Number.isInteger(v)) entries = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
    else if (v === null || v === undefined) entries = [];
    else return this.fail(n.pipe.line, `range can't iterate over ${formatValue(v)}`);
    if (entries.length === 0) this.walk(n.elseList, dot, out);
    for (const [k, x] of entries) {
      if (decl.length === 1) this.vars.push({ name: decl[0], value: x });
      if (decl.length === 2) this.vars.push({ name: decl[0], value: k }, { name: decl[1], value: x });
      this.walk(n.list, x, out);
      this.vars.length = mark;
    }
    this.vars.length = mark;
  }

  private pipeline(p: Pipeline, dot: unknown): unknown {
    let v: unknown = undefined;
    let first = true;
    for (const cmd of p.cmds) {
      v = this.command(cmd.args, dot, first ? undefined : { value: v }, cmd.line);
      first = false;
    }
    for (const name of p.decl) {
      if (p.assign) {
        const slot = [...this.vars].reverse().find((x) => x.name === name);
        if (!slot) this.fail(p.line, `undefined variable: ${name}`);
        slot.value = v;
      } else this.vars.push({ name, value: v });
    }
    return v;
  }

  private command(args: Operand[], dot: unknown, piped: { value: unknown } | undefined, line: number): unknown {
    const [head, ...rest] = args;
    const extra = () => {
      const vals = rest.map((a) => this.operand(a, dot, line));
      if (piped) vals.push(piped.value);
      return vals;
    };
    if (head.kind === 'func') {
      const fn = this.opts.funcs[head.name];
      if (!fn) this.fail(line, `function "${head.name}" not defined`);
      try {
        return fn(...extra());
      } catch (err) {
        if (err instanceof TemplateError) throw err;
        return this.fail(line, `error calling ${head.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (head.kind === 'field' || head.kind === 'var') {
      const base = head.kind === 'var' ? this.variable(head.name, line) : dot;
      return this.chain(base, head.chain, extra(), line);
    }
    if (rest.length > 0 || piped) this.fail(line, `can't give argument to non-function ${head.kind === 'lit' ? formatValue(head.value) : 'pipeline'}`);
    return this.operand(head, dot, line);
  }

  private operand(a: Operand, dot: unknown, line: number): unknown {
    switch (a.kind) {
      case 'lit':
        return a.value;
      case 'pipe': {
        const mark = this.vars.length;
        const v = this.pipeline(a.pipe, dot);
        this.vars.length = mark;
        return v;
      }
      case 'field':
        return this.chain(dot, a.chain, [], line);
      case 'var':
        return this.chain(this.variable(a.name, line), a.chain, [], line);
      case 'func':
        return this.command([a], dot, undefined, line);
    }
  }

  private variable(name: string, line: number): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(line, `undefined variable: ${name}`);
  }

  /** .A.B.C: map keys, object fields, and methods (called; the last one gets the command's arguments). */
  private chain(base: unknown, chain: string[], args: unknown[], line: number): unknown {
    let v = base;
    let called = false;
    chain.forEach((name, i) => {
      const last = i === chain.length - 1;
      if (isMap(v)) {
        // Methods of Go map types (KV.SortedPairs) sit beside the keys.
        const member = name in v ? v[name] : '';
        called = last && typeof member === 'function';
        v = typeof member === 'function' ? (member as TemplateFunc).apply(v, last ? args : []) : member;
        return;
      }
      if (typeof v !== 'object' || v === null) this.fail(line, `can't evaluate field ${name} in type ${v === null || v === undefined ? 'interface {}' : typeof v}`);
      const member = (v as Record<string, unknown>)[name];
      if (member === undefined) this.fail(line, `can't evaluate field ${name}`);
      called = last && typeof member === 'function';
      v = typeof member === 'function' ? (member as TemplateFunc).apply(v, last ? args : []) : member;
    });
    if (args.length > 0 && !called) this.fail(line, `can't give argument to non-function ${chain.length ? `.${chain.join('.')}` : '.'}`);
    return v;
  }
}

/** Executes a template; errors are TemplateErrors. */
export function execute(tmpl: Template, data: unknown, opts: ExecOptions): string {
  const out: string[] = [];
  new State(tmpl, opts, data).walk(tmpl.root, data, out);
  return out.join('');
}
