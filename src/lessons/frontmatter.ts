// `---` YAML front matter, then the body. Errors name the file and the line, like a linter would.

import { parseDocument } from 'yaml';

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

/** Typed reads of plain YAML data, each failing with the field's path. */
export class Fields {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(message: string): never {
    throw new ContentError(this.file, `${this.path || 'front matter'}: ${message}`);
  }

  at(key: string | number): Fields {
    const obj = this.value;
    const v = Array.isArray(obj) && typeof key === 'number' ? obj[key] : isRecord(obj) ? obj[String(key)] : undefined;
    return new Fields(this.file, this.path ? `${this.path}.${key}` : String(key), v);
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
