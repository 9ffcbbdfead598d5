// Grading one answer, and the score of a quiz.

import { METRIC_NAME } from '../model/labels/labels.ts';
import { judgeAnswer } from '../lessons/answer.ts';
import { configCheck } from '../lessons/checks.ts';
import type { QuizAnswer } from '../lessons/progress.ts';
import type { CheckResult } from '../lessons/types.ts';
import { queryDataset } from './dataset.ts';
import type { Question, Quiz } from './types.ts';

/** Grades `given` (an option index, or the learner's PromQL / YAML text). */
export async function grade(q: Question, given: string | number): Promise<CheckResult> {
  switch (q.kind) {
    case 'choice':
      return { pass: given === q.answer, reason: given === q.answer ? 'choice.ok' : 'choice.wrong', params: {} };
    case 'promql':
      return judgeAnswer(String(given), q.spec, (e) => queryDataset(q.dataset, e), q.dataset.head.labelValues(METRIC_NAME));
    case 'config':
      return configCheck(String(given), q.spec);
  }
}

export function score(quiz: Quiz, answers: Readonly<Record<string, QuizAnswer>>): { correct: number; answered: number; total: number } {
  const given = quiz.questions.map((q) => answers[q.id]).filter((a) => a !== undefined);
  return { correct: given.filter((a) => a.correct).length, answered: given.length, total: quiz.questions.length };
}
