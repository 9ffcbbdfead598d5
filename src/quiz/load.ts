// Reads a quiz file (lessons/quiz/<lesson>.yaml): the lesson it belongs to and its questions.

import { Fields, parseYaml } from '../lessons/frontmatter.ts';
import { answerSpec, configSpec } from '../lessons/load.ts';
import { buildDataset, type Dataset } from './dataset.ts';
import type { Question, Quiz } from './types.ts';

function readDataset(d: Fields): Dataset {
  const interval = d.at('interval').string();
  const series = d.at('series').list().map((s) => s.string());
  try {
    return buildDataset(interval, series);
  } catch (err) {
    return d.fail((err as Error).message);
  }
}

function readQuestion(f: Fields): Question {
  const base = {
    id: f.at('id').string(),
    chapter: f.optional('chapter', (c) => c.value === true) ?? false,
    prompt: f.at('prompt').localized(),
    explain: f.at('explain').localized(),
  };
  const kind = f.at('kind').string();
  switch (kind) {
    case 'choice': {
      const options = f.at('options').list().map((o) => o.localized());
      const answer = f.at('answer').number();
      if (!Number.isInteger(answer) || answer < 0 || answer >= options.length) f.at('answer').fail(`must be an option index 0…${options.length - 1}`);
      return { ...base, kind, options, answer };
    }
    case 'promql': {
      const dataset = readDataset(f.at('dataset'));
      return { ...base, kind, dataset, spec: answerSpec(f.at('answer')) };
    }
    case 'config': {
      return { ...base, kind, broken: f.at('broken').string(), spec: configSpec(f.at('expect')) };
    }
    default:
      return f.at('kind').fail('must be choice, promql or config');
  }
}

export function parseQuiz(file: string, text: string, lessonIds: readonly string[]): Quiz {
  const f = new Fields(file, '', parseYaml(file, text));
  const lesson = f.at('lesson').string();
  if (!lessonIds.includes(lesson)) f.at('lesson').fail(`no lesson has the id ${lesson}`);
  const questions = f.at('questions').list().map(readQuestion);
  const ids = questions.map((q) => q.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) f.at('questions').fail(`duplicate question id ${dup}`);
  return { lesson, file, questions };
}
