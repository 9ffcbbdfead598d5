// The page's lessons come from vite/lessons.ts, parsed when the bundle is built: they must be the lessons
// loadLessons reads from lessons/, and a broken lesson must stop the build with the file's name.

import { mkdtempSync, readFileSync, cpSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSON_FILES, loadLessons } from '../../src/course/course.ts';
import { lessonsPlugin } from '../../vite/lessons.ts';

async function moduleOf(root: string): Promise<unknown> {
  const plugin = lessonsPlugin(root);
  const resolveId = plugin.resolveId as (id: string) => string | undefined;
  const id = resolveId('virtual:promlab/lessons');
  expect(id).toBeDefined();
  const watched: string[] = [];
  const load = plugin.load as (this: { addWatchFile(p: string): void }, id: string) => Promise<string>;
  const code = await load.call({ addWatchFile: (p) => watched.push(p) }, id!);
  expect(watched).toHaveLength(LESSON_FILES.length);
  const url = `data:text/javascript,${encodeURIComponent(code)}`;
  return (await import(/* @vite-ignore */ url)).default;
}

describe('the lessons parsed at build time', () => {
  it('are the lessons in lessons/, as plain data', async () => {
    const lessons = await loadLessons((p) => readFile(p, 'utf8'));
    expect(await moduleOf(process.cwd())).toEqual(JSON.parse(JSON.stringify(lessons)));
  });

  it('stop the build on a broken lesson, naming the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'promlab-lessons-'));
    cpSync('lessons', join(root, 'lessons'), { recursive: true });
    const file = join(root, LESSON_FILES[1]);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^id: .*$/m, 'id: [unclosed'));
    await expect(moduleOf(root)).rejects.toThrow(LESSON_FILES[1]);
  });
});
