// The import graph of src/: every relative import of every .ts and .svelte file (type-only imports too: they
// tie the files' meaning together just the same), read with a regular expression over the source text.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface Graph {
  /** File (repository-relative) → the files it imports. */
  readonly files: ReadonlyMap<string, readonly string[]>;
  /** File → the bare package names it imports. */
  readonly packages: ReadonlyMap<string, readonly string[]>;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|svelte)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Strips comments so an import named in prose is not an edge. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function importGraph(root = 'src'): Graph {
  const files = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of walk(root)) {
    const deps: string[] = [];
    const pkgs: string[] = [];
    for (const m of code(readFileSync(file, 'utf8')).matchAll(IMPORT)) {
      const spec = m[2];
      if (spec.startsWith('.')) deps.push(relative('.', resolve(dirname(file), spec.replace(/\?.*$/, ''))));
      else pkgs.push(spec);
    }
    files.set(relative('.', file), deps);
    packages.set(relative('.', file), pkgs);
  }
  return { files, packages };
}

/** The top folder of src/ a file belongs to (`src/promql/engine/x.ts` → `promql`); a file directly in src/ is its own. */
export function folderOf(file: string): string {
  return file.split('/')[1];
}

/** The strongly connected components with more than one node (Tarjan), each sorted, largest first. */
export function cycles(edges: ReadonlyMap<string, Iterable<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => b.length - a.length);
}

export function folderEdges(g: Graph): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [file, deps] of g.files) {
    const from = folderOf(file);
    const set = edges.get(from) ?? edges.set(from, new Set()).get(from)!;
    for (const d of deps) if (d.startsWith('src/') && folderOf(d) !== from) set.add(folderOf(d));
  }
  return edges;
}
