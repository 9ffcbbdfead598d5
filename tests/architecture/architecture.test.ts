// The shape of src/: folders and files import each other without cycles, the core (everything but the UI and
// the page's entry) knows nothing of Svelte, the DOM's bundler or the UI, and files stay small enough to read.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cycles, folderEdges, folderOf, importGraph } from './graph.ts';

const graph = importGraph('src');
const UI = new Set(['ui', 'main.ts']);
const core = [...graph.files.keys()].filter((f) => !UI.has(folderOf(f)));

const MAX_LINES = 400;

describe('architecture', () => {
  it('reads the import graph (the checks below see real edges)', () => {
    expect(graph.files.get('src/scrape/loop.ts')).toContain('src/model/labels/labels.ts');
    expect(folderEdges(graph).get('server')).toContain('scrape');
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(cycles(edges)).toEqual([['a', 'b', 'c']]);
  });

  it('has no import cycle between the folders of src/', () => {
    expect(cycles(folderEdges(graph))).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph.files)).toEqual([]);
  });

  it('keeps Svelte and the UI out of the core', () => {
    const offenders = core.flatMap((f) => [
      ...(graph.packages.get(f) ?? []).filter((p) => p === 'svelte' || p.startsWith('svelte/')).map((p) => `${f} → ${p}`),
      ...(graph.files.get(f) ?? []).filter((d) => d.endsWith('.svelte') || UI.has(folderOf(d))).map((d) => `${f} → ${d}`),
    ]);
    expect(offenders).toEqual([]);
  });

  it('keeps bundler-only APIs (import.meta.glob, import.meta.env, ?raw imports) out of the core', () => {
    const offenders = core.filter((f) => /import\.meta\.(glob|env)|from\s*['"][^'"]+\?(raw|url)['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it(`keeps every file at most ${MAX_LINES} lines`, () => {
    const long = [...graph.files.keys()].filter((f) => readFileSync(f, 'utf8').split('\n').length > MAX_LINES + 1);
    expect(long).toEqual([]);
  });
});
