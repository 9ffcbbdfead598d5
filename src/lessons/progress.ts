// The learner's progress, kept in the Store under `lessons/…` so it survives a reload: which steps passed,
// the quiz answers per lesson, and the lesson that was open.

export interface QuizAnswer {
  /** What the learner answered: an option index, a PromQL expression or a config text. */
  readonly given: string | number;
  readonly correct: boolean;
}

export interface LessonProgress {
  /** Step id → when it passed (ms, page time). */
  readonly steps: Readonly<Record<string, number>>;
  /** Question id → the last answer. */
  readonly quiz: Readonly<Record<string, QuizAnswer>>;
}

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

export const EMPTY_PROGRESS: LessonProgress = { steps: {}, quiz: {} };
const key = (lessonId: string) => `lessons/progress/${lessonId}`;
const CURRENT = 'lessons/current';

export async function loadProgress(store: KeyValue, lessonIds: readonly string[]): Promise<Record<string, LessonProgress>> {
  const entries = await Promise.all(lessonIds.map(async (id) => [id, (await store.get<LessonProgress>(key(id))) ?? EMPTY_PROGRESS] as const));
  return Object.fromEntries(entries);
}

export function saveProgress(store: KeyValue, lessonId: string, progress: LessonProgress): Promise<void> {
  return store.put(key(lessonId), progress);
}

export async function loadCurrent(store: KeyValue): Promise<string | undefined> {
  return store.get<string>(CURRENT);
}

export function saveCurrent(store: KeyValue, lessonId: string): Promise<void> {
  return store.put(CURRENT, lessonId);
}

export function withStep(p: LessonProgress, stepId: string, at: number): LessonProgress {
  return p.steps[stepId] !== undefined ? p : { ...p, steps: { ...p.steps, [stepId]: at } };
}

export function withAnswer(p: LessonProgress, questionId: string, answer: QuizAnswer): LessonProgress {
  return { ...p, quiz: { ...p.quiz, [questionId]: answer } };
}

/** Retry: forget the quiz answers, keep the steps. */
export function withoutQuiz(p: LessonProgress): LessonProgress {
  return { ...p, quiz: {} };
}

/** Forgets one question's answer, so it can be tried again while the others stay answered. */
export function withoutAnswer(p: LessonProgress, questionId: string): LessonProgress {
  const quiz = { ...p.quiz };
  delete quiz[questionId];
  return { ...p, quiz };
}
