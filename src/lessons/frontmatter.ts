// `---` YAML front matter, then the body. Errors name the file and the line, like a linter would.

import { isNode, LineCounter, parseDocument } from 'yaml';
import { parseExpr } from '../promql/index.ts';

export class ContentError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ContentError';
  }
}

export function splitFrontMatter(file: string, text: string): { data: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) throw new ContentError(file, 'missing front matter: the file must start with a line `---`, YAML, and a closing `---`');
  return { data: parseYaml(file, m[1], 2), body: text.slice(m[0].length) };
}

/** Parses YAML; `firstLine` is the file line the text starts on, for error positions. */
export function parseYaml(file: string, text: string, firstLine = 1): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = (err.linePos?.[0].line ?? 1) + firstLine - 1;
    throw new ContentError(file, `line ${line}: ${err.message.split('\n')[0]}`);
  }
  return doc.toJS();
}

/** A whole YAML file as Fields whose errors name the line of the field at fault. */
export function yamlFields(file: string, text: string): Fields {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  const err = doc.errors[0];
  if (err) throw new ContentError(file, `line ${lines.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]}`);
  const line = (path: string): number | undefined => {
    // The deepest node of the path that exists: a missing field is reported at its parent.
    const keys = path === '' ? [] : path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return new Fields(file, '', doc.toJS(), line);
}

/** Typed reads of plain YAML data, each failing with the field's path (and its line, when `line` can tell). */
export class Fields {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
    /** The file line a field path starts on, if known. */
    private readonly line?: (path: string) => number | undefined,
  ) {}

  fail(message: string): never {
    const line = this.line?.(this.path);
    throw new ContentError(this.file, `${line === undefined ? '' : `line ${line}: `}${this.path || 'front matter'}: ${message}`);
  }

  at(key: string | number): Fields {
    const obj = this.value;
    const v = Array.isArray(obj) && typeof key === 'number' ? obj[key] : isRecord(obj) ? obj[String(key)] : undefined;
    return new Fields(this.file, this.path ? `${this.path}.${key}` : String(key), v, this.line);
  }

  has(key: string): boolean {
    return isRecord(this.value) && this.value[key] !== undefined;
  }

  keys(): string[] {
    if (!isRecord(this.value)) this.fail('must be a mapping');
    return Object.keys(this.value);
  }

  string(): string {
    if (typeof this.value !== 'string' || this.value.trim() === '') this.fail('must be a non-empty string');
    return this.value;
  }

  number(): number {
    if (typeof this.value !== 'number' || !Number.isFinite(this.value)) this.fail('must be a number');
    return this.value;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail('must be true or false');
    return this.value;
  }

  list(): Fields[] {
    if (!Array.isArray(this.value)) this.fail('must be a list');
    return this.value.map((_, i) => this.at(i));
  }

  localized(): { ko: string; en: string } {
    return { ko: this.at('ko').string(), en: this.at('en').string() };
  }

  optional<T>(key: string, read: (f: Fields) => T): T | undefined {
    return this.has(key) ? read(this.at(key)) : undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A field holding a PromQL expression, checked with promlab's parser (lessons and drills both have them). */
export function promqlField(f: Fields): string {
  const expr = f.string();
  try {
    parseExpr(expr);
  } catch (err) {
    f.fail(`invalid PromQL ${JSON.stringify(expr)}: ${(err as Error).message}`);
  }
  return expr;
}
