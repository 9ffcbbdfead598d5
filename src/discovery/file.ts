// file_sd_configs (Prometheus' discovery/file): target groups read from JSON or YAML files on the in-page disk,
// re-read when a watched file changes (like fsnotify) and every refresh_interval. Each group gets
// __meta_filepath; a file that does not parse keeps its last good groups and reports the error.

import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { FileSDConfig } from '../config/types.ts';
import type { Files } from '../files/files.ts';
import type { Discoverer, TargetGroup } from './targetgroup.ts';

export const FILEPATH_LABEL = '__meta_filepath';

/** A target file that could not be read, with the position of the problem. */
export class FileSDError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`${path}:${line}:${col}: ${reason}`);
  }
}

export class FileDiscoverer implements Discoverer {
  readonly refreshInterval: number;
  /** Last good groups per file, kept while the file is broken. */
  private readonly lastGood = new Map<string, TargetGroup[]>();
  /** The current read error per file. */
  readonly errors = new Map<string, FileSDError>();

  constructor(
    private readonly config: FileSDConfig,
    private readonly files: Files,
  ) {
    this.refreshInterval = config.refreshInterval;
  }

  async refresh(): Promise<TargetGroup[]> {
    const paths = [...new Set(this.config.files.flatMap((pattern) => this.files.glob(pattern)))];
    for (const path of [...this.lastGood.keys()]) if (!paths.includes(path)) this.lastGood.delete(path);
    for (const path of [...this.errors.keys()]) if (!paths.includes(path)) this.errors.delete(path);
    for (const path of paths) {
      try {
        this.lastGood.set(path, readTargetFile(path, this.files.read(path) ?? ''));
        this.errors.delete(path);
      } catch (err) {
        if (!(err instanceof FileSDError)) throw err;
        this.errors.set(path, err);
      }
    }
    return paths.flatMap((p) => this.lastGood.get(p) ?? []);
  }

  /** Calls `onChange` when a file matching one of the patterns is written or removed. */
  watch(onChange: () => void): () => void {
    return this.files.watch((path) => {
      if (this.config.files.some((pattern) => this.files.glob(pattern).includes(path) || this.lastGood.has(path))) onChange();
    });
  }
}

/** Parses one target file: a list of `{targets: [...], labels: {...}}`, JSON or YAML by its extension. */
export function readTargetFile(path: string, text: string): TargetGroup[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // Typed out, so TypeScript knows code after a fail() call is unreachable.
  const fail: (node: Node | null | undefined, reason: string, offset?: number) => never = (node, reason, offset = node?.range?.[0] ?? 0) => {
    const { line, col } = lines.linePos(offset);
    throw new FileSDError(path, line, col, reason);
  };
  if (doc.errors.length > 0) fail(null, doc.errors[0].message.split('\n')[0], doc.errors[0].pos[0]);
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isSeq(root)) fail(root, 'expected a list of target groups');
  return (root.items as Node[]).map((item, i) => {
    if (!isMap(item)) fail(item, 'expected a target group with "targets" and "labels"');
    const labels: Record<string, string> = { [FILEPATH_LABEL]: path };
    const targets: Record<string, string>[] = [];
    for (const pair of item.items as { key: Node; value: Node | null }[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : fail(pair.key, 'expected a field name');
      if (key === 'targets') {
        if (!isSeq(pair.value)) fail(pair.value ?? pair.key, '"targets" must be a list of host:port strings');
        for (const t of pair.value.items as Node[]) {
          if (!isScalar(t) || typeof t.value !== 'string') fail(t, 'a target must be a "host:port" string');
          if (t.value.includes('/')) fail(t, `${JSON.stringify(t.value)} is not a valid hostname`);
          targets.push({ __address__: t.value });
        }
      } else if (key === 'labels') {
        if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
        if (!isMap(pair.value)) fail(pair.value, '"labels" must be a map of label names to values');
        for (const l of pair.value.items as { key: Node; value: Node | null }[]) {
          const name = isScalar(l.key) ? String(l.key.value) : '';
          if (name === '') fail(l.key, `${JSON.stringify(name)} is not a valid label name`);
          if (!isScalar(l.value) || l.value.value === null || typeof l.value.value === 'object') {
            fail(l.value ?? l.key, `the value of label ${JSON.stringify(name)} must be a string`);
          }
          labels[name] = String(l.value.value);
        }
      } else fail(pair.key, `field ${key} not found in a target group (only "targets" and "labels")`);
    }
    return { source: `${path}:${i}`, targets, labels };
  });
}
