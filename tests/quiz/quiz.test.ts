// Every quiz question is graded for real: a right answer passes and a wrong one fails — choices by index, PromQL on
// the question's fixed dataset, configs by the validator.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLessons } from '../../src/lessons/load.ts';
import { withAnswer, EMPTY_PROGRESS } from '../../src/lessons/progress.ts';
import { expandValues } from '../../src/quiz/dataset.ts';
import { grade, score } from '../../src/quiz/grade.ts';
import { parseQuiz } from '../../src/quiz/load.ts';
import type { Quiz } from '../../src/quiz/types.ts';

const lessonIds = parseLessons(
  Object.fromEntries(readdirSync('lessons').filter((f) => /^\d.*\.md$/.test(f)).map((f) => [f, readFileSync(`lessons/${f}`, 'utf8')])),
).map((l) => l.id);
const quizzes: Quiz[] = readdirSync('lessons/quiz').map((f) => parseQuiz(f, readFileSync(`lessons/quiz/${f}`, 'utf8'), lessonIds));
const questions = quizzes.flatMap((q) => q.questions);

/** A right and a wrong answer for each non-choice question. */
const ANSWERS: Record<string, { right: string; wrong: string }> = {
  'filter-code': { right: 'image_gallery_requests_total{code="500"}', wrong: 'image_gallery_requests_total' },
  'fix-interval': {
    right: 'global:\n  scrape_interval: 10s\nscrape_configs:\n  - job_name: "image-gallery"\n    static_configs:\n      - targets: ["image-gallery"]\n',
    wrong: 'global:\n  scrape_interval: 10\nscrape_configs:\n  - job_name: "image-gallery"\n',
  },
  'fix-iotd-path': {
    right: 'scrape_configs:\n  - job_name: "iotd-api"\n    metrics_path: /actuator/prometheus\n    static_configs:\n      - targets: ["iotd"]\n',
    wrong: 'scrape_configs:\n  - job_name: "iotd-api"\n    metrics_path: /metrics\n    static_configs:\n      - targets: ["iotd"]\n',
  },
  'fix-dns-port': {
    right: 'scrape_configs:\n  - job_name: "access-log"\n    scrape_interval: 3s\n    dns_sd_configs:\n      - names: [accesslog]\n        type: A\n        port: 80\n',
    wrong: 'scrape_configs:\n  - job_name: "access-log"\n    scrape_interval: 3s\n    static_configs:\n      - targets: ["accesslog:80"]\n',
  },
  'count-replicas': { right: 'sum(up{job="access-log"})', wrong: 'count(up{job="access-log"})' },
  'sum-without': { right: 'sum by (job) (access_log_total)', wrong: 'sum(access_log_total) without(instance)' },
  'rate-per-second': { right: 'rate(image_gallery_requests_total{code="200"}[1m])', wrong: 'image_gallery_requests_total{code="200"} / 60' },
  'failed-panel': { right: 'sum without(instance) (image_gallery_requests_total{code="500"})', wrong: 'sum(image_gallery_requests_total) without(instance)' },
  'error-ratio': {
    right: 'sum(rate(image_gallery_requests_total{code="500"}[5m])) / sum(rate(image_gallery_requests_total[5m]))',
    wrong: 'sum(image_gallery_requests_total{code="500"}) / sum(image_gallery_requests_total)',
  },
};

describe('quiz files', () => {
  it('hold the chapter\'s three questions verbatim, and at least 12 more', () => {
    const chapter = questions.filter((q) => q.chapter);
    expect(chapter.map((q) => q.prompt.ko).sort()).toEqual([
      'Q1. Prometheus가 메트릭을 수집하는 기본 방식은?',
      'Q2. Prometheus 설정파일에서 여러 서비스의 메트릭 수집 대상을 정의하는 항목은?',
      'Q3. 다음 중 Prometheus와 Grafana의 역할 설명으로 옳은 것은?',
    ]);
    expect(chapter.find((q) => q.id === 'pull-model')).toMatchObject({
      kind: 'choice',
      answer: 1,
      options: [{ ko: 'Push 방식' }, { ko: 'Pull 방식' }, { ko: 'Manual 방식' }, { ko: 'File Import' }],
      explain: { ko: 'Prometheus는 기본적으로 각 타겟의 엔드포인트를 주기적인 Pull 방식으로 메트릭을 수집합니다.' },
    });
    expect(questions.length - chapter.length).toBeGreaterThanOrEqual(12);
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(['choice', 'promql', 'config']));
    expect(quizzes.map((q) => q.lesson).sort()).toEqual([...lessonIds].sort());
  });

  it('knows a right and a wrong answer for every PromQL and config question', () => {
    expect(Object.keys(ANSWERS).sort()).toEqual(questions.filter((q) => q.kind !== 'choice').map((q) => q.id).sort());
  });
});

describe('grading', () => {
  for (const q of questions) {
    it(`${q.id}: a right answer passes, a wrong one fails`, async () => {
      if (q.kind === 'choice') {
        expect((await grade(q, q.answer)).pass).toBe(true);
        for (let i = 0; i < q.options.length; i++) if (i !== q.answer) expect((await grade(q, i)).pass).toBe(false);
        return;
      }
      const { right, wrong } = ANSWERS[q.id];
      const r = await grade(q, right);
      expect(r.pass, JSON.stringify(r)).toBe(true);
      expect((await grade(q, wrong)).pass).toBe(false);
      if (q.kind === 'config') expect((await grade(q, q.broken)).pass).toBe(false);
    });
  }

  it('accepts answers equivalent in values where the question leaves labels free (lesson 4, Q3)', async () => {
    const q3 = questions.find((q) => q.id === 'rate-per-second')!;
    for (const answer of ['sum(rate(image_gallery_requests_total{code="200"}[1m])) without(instance)', 'sum(rate(image_gallery_requests_total{code="200"}[1m]))']) {
      const r = await grade(q3, answer);
      expect(r.pass, `${answer}: ${JSON.stringify(r)}`).toBe(true);
    }
    // Same single value, but no rate: still wrong.
    expect((await grade(q3, 'vector(3)')).pass).toBe(false);
  });

  it('says what differs: the series count and the label that keeps them apart, or the metric that was never scraped', async () => {
    const q = questions.find((x) => x.id === 'sum-without')!;
    expect(await grade(q, 'sum(access_log_total) without(instance)')).toEqual({
      pass: false,
      reason: 'answer.tooMany',
      params: { have: 3, want: 1, label: 'hostname' },
    });
    // The question says which labels stay, so an unlabeled sum is wrong there, and told so.
    expect(await grade(q, 'sum(access_log_total)')).toMatchObject({ pass: false, reason: 'answer.labelsDiffer', params: { want: '{job="access-log"}', have: '{}' } });
    expect(await grade(q, 'sum(access_logs_total) without(hostname, instance)')).toEqual({
      pass: false,
      reason: 'answer.unknownMetricSuggest',
      params: { name: 'access_logs_total', suggestions: 'access_log_total' },
    });
    const rate = questions.find((x) => x.id === 'rate-per-second')!;
    expect(await grade(rate, 'rate(image_gallery_requests_total{code="200"}[2m]) * 2')).toMatchObject({ pass: false, reason: 'answer.value', params: { have: '6' } });
  });

  it('scores answered questions', () => {
    const quiz = quizzes.find((q) => q.lesson === 'pull-and-scrape')!;
    let p = withAnswer(EMPTY_PROGRESS, 'pull-model', { given: 1, correct: true });
    p = withAnswer(p, 'gauge-type', { given: 0, correct: false });
    expect(score(quiz, p.quiz)).toEqual({ correct: 1, answered: 2, total: 4 });
  });
});

describe('datasets', () => {
  it('expands the promql test notation', () => {
    expect(expandValues('0+10x3 _ 5 1-1x2')).toEqual([0, 10, 20, 30, null, 5, 1, 0, -1]);
    expect(() => expandValues('1+x')).toThrow('bad value "1+x"');
  });

  it('rejects a quiz with a broken dataset or an unknown lesson', () => {
    const q = (series: string, lesson = 'scale-out') =>
      `lesson: ${lesson}\nquestions:\n  - id: a\n    kind: promql\n    prompt: {ko: a, en: a}\n    explain: {ko: a, en: a}\n    dataset:\n      interval: 10s\n      series: ['${series}']\n    answer: {sameAs: up}\n`;
    expect(() => parseQuiz('x.yaml', q('up{a=~"b"} 1'), lessonIds)).toThrow(/x\.yaml: questions\.0\.dataset: .*metric\{label="value"/);
    expect(() => parseQuiz('x.yaml', q('up 1'), ['other'])).toThrow('x.yaml: lesson: no lesson has the id scale-out');
  });
});
