// The lessons (lessons/*.md) parsed when the bundle is built, not in the page: parsing their YAML front matter
// and PromQL checks cold took the first screen's main thread ≈ 120 ms. The page imports `virtual:promlab/lessons`,
// the parsed lessons as JSON; a broken lesson file fails the build (and `npm start`'s page) with its name and
// field, as parseLessons words it. (Quizzes are parsed in the page: a question's dataset is a loaded head.)

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { LESSON_FILES, loadLessons } from '../src/course/course.ts';

const ID = 'virtual:promlab/lessons';
const RESOLVED = `\0${ID}`;

export function lessonsPlugin(root = process.cwd()): Plugin {
  return {
    name: 'promlab-lessons',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      for (const p of LESSON_FILES) this.addWatchFile(resolve(root, p));
      const lessons = await loadLessons((p) => readFile(resolve(root, p), 'utf8'));
      // JSON.parse of one string is faster for the engine than the same data as an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(lessons))});`;
    },
  };
}
