// Reads YAML nodes the way Go's yaml.v2 UnmarshalStrict fills Prometheus' config structs: same type
// errors, unknown-field errors and duplicate-key errors, but every error is collected with its position.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { ConfigError } from './types.ts';
import { DurationError, parseDuration } from '../model/duration.ts';

/** A mapping entry whose key is known to the section that read it. */
export interface Field {
  key: Node;
  value: Node | null;
}

// YAML 1.1 `<<` keys: the yaml package gives them a symbol value, their source stays "<<".
const MERGE_KEY = '<<';

export class Decoder {
  readonly errors: ConfigError[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Records an error at the start of `node`. */
  fail(node: Node, message: string): void {
    const { line, col } = this.lines.linePos(node.range?.[0] ?? 0);
    this.errors.push({ line, col, message });
  }

  /** Follows aliases (*name) to the anchored node, as yaml.v2 does. */
  resolve(node: unknown): Node | null {
    const seen = new Set<unknown>();
    let cur = node;
    while (isAlias(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = cur.resolve(this.doc);
    }
    return (cur as Node | null | undefined) ?? null;
  }

  /** True for an absent value or YAML null: yaml.v2 leaves the Go zero value, i.e. "not set". */
  isNull(node: Node | null): boolean {
    return node === null || (isScalar(node) && node.value === null);
  }

  /**
   * The entries of a mapping, with `<<` merge keys expanded; null gives none.
   * Anything else is a type error naming the Go type Prometheus unmarshals into.
   */
  pairs(node: Node | null, goType: string): Pair<Node, Node | null>[] | undefined {
    if (this.isNull(node)) return [];
    if (!isMap(node)) return this.typeError(node!, goType);
    const out: Pair<Node, Node | null>[] = [];
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = this.resolve(pair.key);
      if (isScalar(key) && typeof key.value === 'symbol' && key.source === MERGE_KEY) {
        const merged = this.resolve(pair.value);
        for (const source of isSeq(merged) ? merged.items : [merged]) {
          const entries = this.pairs(this.resolve(source), goType) ?? [];
          // Keys written in the mapping itself win over merged ones.
          out.push(...entries.filter((e) => !node.has(e.key)));
        }
        continue;
      }
      out.push(pair);
    }
    return out;
  }

  /** Items of a sequence (null gives none). */
  items(node: Node | null, goType: string): (Node | null)[] | undefined {
    if (this.isNull(node)) return [];
    if (!isSeq(node)) return this.typeError(node!, goType);
    return node.items.map((item) => this.resolve(item));
  }

  /**
   * Splits a mapping into the fields a section knows. Unknown keys fail like Go's strict decoding;
   * keys Prometheus has but promlab does not simulate fail with a plain statement of that.
   */
  fields(
    node: Node | null,
    goType: string,
    known: readonly string[],
    unsimulated: readonly string[],
  ): Map<string, Field> | undefined {
    const pairs = this.pairs(node, goType);
    if (!pairs) return undefined;
    const out = new Map<string, Field>();
    const repeated = (name: string) => `field ${name} already set in type ${goType}`;
    for (const [name, key, value] of this.entries(pairs, repeated)) {
      if (known.includes(name)) out.set(name, { key, value });
      else if (unsimulated.includes(name)) this.fail(key, `field ${name} is not supported by promlab`);
      else this.fail(key, `field ${name} not found in type ${goType}`);
    }
    return out;
  }

  /** A map of strings (external_labels, static labels) as [key node, name, value]. */
  stringMap(node: Node | null, goType: string, valueType: string): [Node, string, string][] {
    const out: [Node, string, string][] = [];
    const repeated = (name: string) => `key ${JSON.stringify(name)} already set in map`;
    for (const [name, key, value] of this.entries(this.pairs(node, goType) ?? [], repeated)) {
      const text = this.string(value, valueType);
      if (text !== undefined) out.push([key, name, text]);
    }
    return out;
  }

  /** A Go string: any scalar is taken as written; null is "". */
  string(node: Node | null, goType = 'string'): string | undefined {
    if (this.isNull(node)) return '';
    if (!isScalar(node)) return this.typeError(node!, goType);
    return this.scalarText(node);
  }

  bool(node: Node | null): boolean | undefined {
    if (this.isNull(node)) return false;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return this.typeError(node!, 'bool');
  }

  int(node: Node | null): number | undefined {
    if (this.isNull(node)) return 0;
    if (isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value)) return node.value;
    return this.typeError(node!, 'int');
  }

  /** An unsigned integer (uint, uint64): a negative or fractional number is a type error. */
  uint(node: Node | null, goType = 'uint'): number | undefined {
    if (this.isNull(node)) return 0;
    if (isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value) && node.value >= 0) return node.value;
    return this.typeError(node!, goType);
  }

  /** A model.Duration in milliseconds; 0 when null, which Prometheus reads as "use the default". */
  duration(node: Node | null): number | undefined {
    if (this.isNull(node)) return 0;
    const text = this.string(node);
    if (text === undefined) return undefined;
    try {
      return parseDuration(text);
    } catch (err) {
      if (!(err instanceof DurationError)) throw err;
      this.fail(node!, err.message);
      return undefined;
    }
  }

  /** A []string, with each item's node for per-item checks. */
  stringList(node: Node | null): [Node, string][] | undefined {
    const items = this.items(node, '[]string');
    if (!items) return undefined;
    const out: [Node, string][] = [];
    for (const item of items) {
      const text = this.string(item);
      if (text !== undefined && item) out.push([item, text]);
    }
    return out;
  }

  /** Mapping entries as [name, key node, value node], failing on repeated keys like UnmarshalStrict. */
  private *entries(
    pairs: Pair<Node, Node | null>[],
    repeated: (name: string) => string,
  ): Generator<[string, Node, Node | null]> {
    const seen = new Set<string>();
    for (const pair of pairs) {
      const key = this.resolve(pair.key);
      if (!isScalar(key)) {
        if (key) this.typeError(key, 'string');
        continue;
      }
      const name = this.scalarText(key);
      if (seen.has(name)) {
        this.fail(key, repeated(name));
        continue;
      }
      seen.add(name);
      yield [name, key, this.resolve(pair.value)];
    }
  }

  /** The scalar's text as Go sees it: the decoded string for quoted scalars, the source for plain ones. */
  private scalarText(node: Node): string {
    if (!isScalar(node)) return '';
    if (typeof node.value === 'string') return node.value;
    return node.source ?? String(node.value);
  }

  /** yaml.v2's "cannot unmarshal !!str `abc` into bool", at the offending node. */
  private typeError(node: Node, goType: string): undefined {
    let shown = '';
    if (isScalar(node)) {
      const text = this.scalarText(node);
      shown = ` \`${text.length > 10 ? `${text.slice(0, 7)}...` : text}\``;
    }
    this.fail(node, `cannot unmarshal ${shortTag(node)}${shown} into ${goType}`);
    return undefined;
  }
}

/** The YAML tag yaml.v2 names in type errors: !!map, !!seq, !!str, !!int, !!float, !!bool, !!null. */
function shortTag(node: Node): string {
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (!isScalar(node)) return '!!str';
  if (node.tag) return node.tag.replace('tag:yaml.org,2002:', '!!');
  switch (typeof node.value) {
    case 'boolean':
      return '!!bool';
    case 'number':
      return isFloatSource(node.source ?? String(node.value)) ? '!!float' : '!!int';
    case 'string':
      return '!!str';
    default:
      return node.value === null ? '!!null' : '!!str';
  }
}

function isFloatSource(source: string): boolean {
  return /^[-+]?\.(inf|nan)$/i.test(source) || (!/^[-+]?0x/i.test(source) && /[.eE]/.test(source));
}
