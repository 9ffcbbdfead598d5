// Quiz questions as data: multiple choice, "write a PromQL query" judged on a fixed dataset, and "fix this
// prometheus.yml" judged by the config validator.

import type { AnswerSpec, ConfigSpec, Localized } from '../lessons/types.ts';
import type { Dataset } from './dataset.ts';

interface QuestionBase {
  readonly id: string;
  /** True for the chapter's own questions, kept verbatim. */
  readonly chapter: boolean;
  readonly prompt: Localized;
  readonly explain: Localized;
}

export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'choice';
  readonly options: readonly Localized[];
  readonly answer: number;
}

export interface PromQLQuestion extends QuestionBase {
  readonly kind: 'promql';
  readonly dataset: Dataset;
  readonly spec: AnswerSpec;
}

export interface ConfigQuestion extends QuestionBase {
  readonly kind: 'config';
  /** The broken prometheus.yml the learner starts from. */
  readonly broken: string;
  readonly spec: ConfigSpec;
}

export type Question = ChoiceQuestion | PromQLQuestion | ConfigQuestion;

export interface Quiz {
  readonly lesson: string;
  readonly file: string;
  readonly questions: readonly Question[];
}
