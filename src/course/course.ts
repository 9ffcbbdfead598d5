// The course: the lesson Markdown and quiz YAML in lessons/, named in an explicit list (so the core needs no
// bundler to find them; a test holds the list to the folder), read through the caller's reader — the page's
// bundle or the disk — and parsed here, so a broken file fails with its name and field.

import { parseLessons } from '../lessons/load.ts';
import type { Lesson } from '../lessons/types.ts';
import { parseQuiz } from '../quiz/load.ts';
import type { Quiz } from '../quiz/types.ts';

export const LESSON_FILES: readonly string[] = [
  'lessons/01-pull-and-scrape.md',
  'lessons/02-prometheus-yml.md',
  'lessons/03-scale-out.md',
  'lessons/04-labels-promql.md',
  'lessons/05-dashboard-trends.md',
  'lessons/06-transparency.md',
];

export const QUIZ_FILES: readonly string[] = [
  'lessons/quiz/pull-and-scrape.yaml',
  'lessons/quiz/prometheus-yml.yaml',
  'lessons/quiz/scale-out.yaml',
  'lessons/quiz/labels-promql.yaml',
  'lessons/quiz/dashboard-trends.yaml',
  'lessons/quiz/transparency.yaml',
];

/** Reads one course file by its path from the repository root (`lessons/…`). */
export type ReadFile = (path: string) => Promise<string>;

export interface Course {
  readonly lessons: readonly Lesson[];
  /** Lesson id → its quiz. */
  readonly quizzes: Readonly<Record<string, Quiz>>;
}

async function readAll(paths: readonly string[], read: ReadFile): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await read(p)] as const)));
}

/** The lessons alone: plain data (the page gets them parsed when the bundle is built, see vite/course.ts). */
export async function loadLessons(read: ReadFile): Promise<Lesson[]> {
  return parseLessons(await readAll(LESSON_FILES, read));
}

/** The quizzes of `lessons`. Not plain data: a question's dataset is loaded into a head. */
export async function loadQuizzes(read: ReadFile, lessons: readonly Lesson[]): Promise<Course['quizzes']> {
  const ids = lessons.map((l) => l.id);
  const quizzes = Object.entries(await readAll(QUIZ_FILES, read)).map(([file, text]) => parseQuiz(file, text, ids));
  return Object.fromEntries(quizzes.map((q) => [q.lesson, q]));
}

export async function loadCourse(read: ReadFile): Promise<Course> {
  const lessons = await loadLessons(read);
  return { lessons, quizzes: await loadQuizzes(read, lessons) };
}
