// The course as the page shows it: lessons and quizzes loaded from lessons/, the learner's progress (from the
// Store), the open lesson, and the step checks evaluated against the live playground. Steps are done in order:
// only the first unfinished step is checked, and a passed step stays passed.

import type { AppContext } from '../app.ts';
import { evaluateCheck, type PlaygroundState } from '../../lessons/checks.ts';
import { loadQuizzes, type Course } from '../../course/course.ts';
import {
  EMPTY_PROGRESS,
  loadCurrent,
  loadProgress,
  saveCurrent,
  saveProgress,
  withAnswer,
  withStep,
  withoutAnswer,
  withoutQuiz,
  type LessonProgress,
} from '../../lessons/progress.ts';
import type { CheckResult, Lesson, Step } from '../../lessons/types.ts';
import { grade } from '../../quiz/grade.ts';
import type { Question } from '../../quiz/types.ts';
import { logView } from '../logs/filter.svelte.ts';
import type { TerminalSession } from '../terminal/session.svelte.ts';

// The quiz files as raw text, each a lazily loaded chunk of the bundle; the core names which ones it reads.
const bundledQuizzes = import.meta.glob<string>('../../../lessons/quiz/*.yaml', { query: '?raw', import: 'default' });

function readBundled(path: string): Promise<string> {
  const load = bundledQuizzes[`../../../${path}`];
  return load ? load() : Promise.reject(new Error(`${path} is not in the bundle`));
}

export class CourseState {
  course = $state<Course | null>(null);
  error = $state<string | null>(null);
  progress = $state<Record<string, LessonProgress>>({});
  currentId = $state('');
  overview = $state(false);
  /** Step id → the latest result of its check (only the active step is evaluated). */
  results = $state<Record<string, CheckResult>>({});
  /** Why saving failed, if it did. */
  saveError = $state<string | null>(null);
  private readonly state: PlaygroundState;
  private checking = false;
  private again = false;

  constructor(
    private readonly app: AppContext,
    terminal: TerminalSession,
  ) {
    this.state = {
      targets: () => app.prom.targets(),
      containers: () => app.world.containers(),
      instantQuery: async (e) => (await app.datasource.current.instantQuery(e, app.datasource.current.now())).value,
      configText: () => app.prom.configText(),
      history: () => terminal.history,
      logsShown: () => logView.shown,
      now: () => app.live.now,
      incidents: () => app.incidents.active().map((i) => i.kind),
      metricNames: () => app.prom.metricNames(),
    };
  }

  async load(): Promise<void> {
    try {
      // The lessons were parsed when the bundle was built (vite/lessons.ts).
      const lessons = (await import('virtual:promlab/lessons')).default;
      const course: Course = { lessons, quizzes: await loadQuizzes(readBundled, lessons) };
      const ids = lessons.map((l) => l.id);
      this.progress = await loadProgress(this.app.store, ids).catch(() => Object.fromEntries(ids.map((id) => [id, EMPTY_PROGRESS])));
      const saved = await loadCurrent(this.app.store).catch(() => undefined);
      this.currentId = saved && ids.includes(saved) ? saved : ids[0];
      this.course = course;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  get lesson(): Lesson | undefined {
    return this.course?.lessons.find((l) => l.id === this.currentId);
  }

  progressOf(id: string): LessonProgress {
    return this.progress[id] ?? EMPTY_PROGRESS;
  }

  /** The first step not yet passed, or null when all are. */
  activeStep(lesson: Lesson): Step | null {
    const done = this.progressOf(lesson.id).steps;
    return lesson.steps.find((s) => done[s.id] === undefined) ?? null;
  }

  select(id: string): void {
    this.currentId = id;
    this.overview = false;
    this.results = {};
    saveCurrent(this.app.store, id).catch((err: unknown) => this.failSave(err));
  }

  /**
   * Re-checks the active step of the open lesson (answer steps wait for the learner's answer). Checks may ask a
   * real server, so they are async: one round runs at a time, and a request during it runs one more round after.
   */
  async evaluate(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        await this.evaluateSteps();
      } while (this.again);
    } finally {
      this.checking = false;
    }
  }

  private async evaluateSteps(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    for (let step = this.activeStep(lesson); step && step.check.kind !== 'answer'; step = this.activeStep(lesson)) {
      const r = await evaluateCheck(step.check, this.state);
      // The learner may have opened another lesson meanwhile.
      if (this.lesson !== lesson) return;
      this.results[step.id] = r;
      if (!r.pass) return;
      this.pass(lesson, step);
    }
  }

  async submitAnswer(step: Step, expr: string): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || this.activeStep(lesson)?.id !== step.id) return;
    const r = await evaluateCheck(step.check, this.state, expr);
    this.results[step.id] = r;
    if (r.pass) {
      this.pass(lesson, step);
      await this.evaluate();
    }
  }

  async answerQuiz(lessonId: string, q: Question, given: string | number): Promise<CheckResult> {
    const r = await grade(q, given);
    this.update(lessonId, withAnswer(this.progressOf(lessonId), q.id, { given, correct: r.pass }));
    return r;
  }

  retryQuiz(lessonId: string): void {
    this.update(lessonId, withoutQuiz(this.progressOf(lessonId)));
  }

  retryQuestion(lessonId: string, questionId: string): void {
    this.update(lessonId, withoutAnswer(this.progressOf(lessonId), questionId));
  }

  private pass(lesson: Lesson, step: Step): void {
    this.update(lesson.id, withStep(this.progressOf(lesson.id), step.id, this.app.live.now));
  }

  private update(lessonId: string, p: LessonProgress): void {
    this.progress[lessonId] = p;
    saveProgress(this.app.store, lessonId, $state.snapshot(p)).catch((err: unknown) => this.failSave(err));
  }

  private failSave(err: unknown): void {
    this.saveError = err instanceof Error ? err.message : String(err);
  }
}
