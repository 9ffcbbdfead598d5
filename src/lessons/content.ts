// The course content bundled from lessons/: lesson Markdown and quiz YAML, loaded as raw text on demand (a chunk of
// its own) and parsed here, so a broken file fails with its name and field.

import { parseQuiz } from '../quiz/load.ts';
import type { Quiz } from '../quiz/types.ts';
import { parseLessons } from './load.ts';
import type { Lesson } from './types.ts';

const lessonFiles = import.meta.glob<string>(['../../lessons/*.md', '!../../lessons/README.md'], { query: '?raw', import: 'default' });
const quizFiles = import.meta.glob<string>('../../lessons/quiz/*.yaml', { query: '?raw', import: 'default' });

async function read(files: Record<string, () => Promise<string>>): Promise<Record<string, string>> {
  const entries = await Promise.all(Object.entries(files).map(async ([path, load]) => [path.replace('../../', ''), await load()] as const));
  return Object.fromEntries(entries);
}

export interface Course {
  readonly lessons: readonly Lesson[];
  /** Lesson id → its quiz. */
  readonly quizzes: Readonly<Record<string, Quiz>>;
}

export async function loadCourse(): Promise<Course> {
  const lessons = parseLessons(await read(lessonFiles));
  const quizzes = Object.entries(await read(quizFiles)).map(([file, text]) => parseQuiz(file, text, lessons.map((l) => l.id)));
  return { lessons, quizzes: Object.fromEntries(quizzes.map((q) => [q.lesson, q])) };
}
