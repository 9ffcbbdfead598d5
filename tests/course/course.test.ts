import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LESSON_FILES, QUIZ_FILES, loadCourse } from '../../src/course/course.ts';

describe('course', () => {
  it('lists every lesson and quiz file in lessons/ and nothing else', async () => {
    const lessons = (await readdir('lessons')).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => `lessons/${f}`);
    const quizzes = (await readdir('lessons/quiz')).map((f) => `lessons/quiz/${f}`);
    expect([...LESSON_FILES].sort()).toEqual(lessons.sort());
    expect([...QUIZ_FILES].sort()).toEqual(quizzes.sort());
  });

  it('loads from the disk under Node: every lesson in order, each with its quiz', async () => {
    const course = await loadCourse((p) => readFile(p, 'utf8'));
    expect(course.lessons.map((l) => l.order)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const l of course.lessons) expect(course.quizzes[l.id]?.lesson).toBe(l.id);
  });

  it('names the file a reader could not read', async () => {
    await expect(loadCourse((p) => (p.endsWith('03-scale-out.md') ? Promise.reject(new Error(`${p}: not found`)) : readFile(p, 'utf8')))).rejects.toThrow(
      'lessons/03-scale-out.md: not found',
    );
  });
});
