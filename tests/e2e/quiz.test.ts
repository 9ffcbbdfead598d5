// Quizzes in a real browser: the chapter's three questions answered, explanations shown, the score kept per lesson
// (also after a reload and in the course overview), a PromQL answer judged on its dataset, and retry.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';

const missing = skipBrowserTests();

async function openLesson(page: Page, id: string): Promise<void> {
  if ((await page.getByTestId('overview').count()) === 0) await page.getByTestId('course-overview').click();
  await page.locator(`[data-testid="overview-lesson"][data-lesson="${id}"] button`).click();
  await expect.poll(() => page.getByTestId('lesson-title').getAttribute('data-lesson'), { timeout: 30_000 }).toBe(id);
}

const question = (page: Page, id: string) => page.locator(`[data-testid="quiz-question"][data-question="${id}"]`);

/** Clicks the option whose text starts with the letter, e.g. 'B)'. */
async function choose(page: Page, id: string, letter: string): Promise<void> {
  await question(page, id).getByTestId('quiz-option').filter({ hasText: new RegExp(`^${letter}\\)`) }).click();
}

describe.skipIf(missing !== null)('quizzes in chromium', () => {
  let page: Page;

  browserSuite('', 'lesson-title', (p) => (page = p));

  it('answers the chapter\'s three questions and shows the explanations and the score', async () => {
    await openLesson(page, 'pull-and-scrape');
    expect(await question(page, 'pull-model').textContent()).toContain('Prometheus가 메트릭을 수집하는 기본 방식은?');
    await choose(page, 'pull-model', 'B');
    const q1 = question(page, 'pull-model').getByTestId('quiz-feedback');
    expect(await q1.getAttribute('data-correct')).toBe('true');
    expect(await q1.textContent()).toContain('정답: B) Pull 방식');
    expect(await q1.textContent()).toContain('Prometheus는 기본적으로 각 타겟의 엔드포인트를 주기적인 Pull 방식으로 메트릭을 수집합니다.');
    expect(await page.getByTestId('quiz-score').textContent()).toBe('점수 1/4');

    await openLesson(page, 'prometheus-yml');
    // Numbered like the rest of the quiz; the chapter's own number is in the tag, not a second "Q2." before "2.".
    expect(await page.getByTestId('quiz-number').allTextContents()).toEqual(['1.', '2.', '3.', '4.']);
    const prompt = question(page, 'scrape-configs').getByTestId('quiz-prompt');
    expect((await prompt.textContent())!.replace(/\s+/g, ' ').trim()).toBe('1. Prometheus 설정파일에서 여러 서비스의 메트릭 수집 대상을 정의하는 항목은? 챕터 문제 Q2');
    await choose(page, 'scrape-configs', 'A');
    const q2 = question(page, 'scrape-configs').getByTestId('quiz-feedback');
    expect(await q2.getAttribute('data-correct')).toBe('false');
    expect(await q2.textContent()).toContain('정답: B) scrape_configs');
    expect(await page.getByTestId('quiz-score').textContent()).toBe('점수 0/4');

    await openLesson(page, 'dashboard-trends');
    expect(await question(page, 'roles').textContent()).toContain('다음 중 Prometheus와 Grafana의 역할 설명으로 옳은 것은?');
    await choose(page, 'roles', 'C');
    const q3 = question(page, 'roles').getByTestId('quiz-feedback');
    expect(await q3.getAttribute('data-correct')).toBe('true');
    expect(await q3.textContent()).toContain('Prometheus는 메트릭을 수집하고 저장하며, Grafana는 이러한 메트릭을 시각화하는 역할을 합니다.');
    expect(await page.getByTestId('quiz-score').textContent()).toBe('점수 1/4');
  });

  it('judges a PromQL answer on the question\'s dataset', async () => {
    const q = question(page, 'failed-panel');
    // Its labels are graded, and the question says so.
    expect(await q.getByTestId('quiz-labels-matter').textContent()).toContain('레이블까지 채점합니다');
    await q.getByTestId('quiz-input').fill('sum(image_gallery_requests_total{code="500"}) without(instance)');
    await q.getByTestId('quiz-submit').click();
    await expect.poll(() => q.getByTestId('quiz-feedback').getAttribute('data-correct')).toBe('true');
    expect(await page.getByTestId('quiz-score').textContent()).toBe('점수 2/4');
  });

  it('keeps the scores across a reload and lists them in the course overview', async () => {
    await page.reload();
    await page.getByTestId('lesson-title').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('quiz-score').textContent()).toBe('점수 2/4');
    await page.getByTestId('course-overview').click();
    const quizOf = (id: string) => page.locator(`[data-testid="overview-lesson"][data-lesson="${id}"] [data-testid="overview-quiz"]`).textContent();
    expect(await quizOf('pull-and-scrape')).toBe('퀴즈 1/4');
    expect(await quizOf('prometheus-yml')).toBe('퀴즈 0/4');
    expect(await quizOf('dashboard-trends')).toBe('퀴즈 2/4');
    expect(await quizOf('scale-out')).toBe('퀴즈 —');
  });

  it('lets one wrong answer be retried while the others stay answered', async () => {
    await openLesson(page, 'prometheus-yml');
    await choose(page, 'default-interval', 'A');
    expect(await page.getByTestId('quiz-score').textContent()).toMatch(/^점수 [01]\/4$/);
    const before = await page.getByTestId('quiz-score').textContent();
    await question(page, 'scrape-configs').getByTestId('quiz-retry').click();
    expect(await question(page, 'scrape-configs').getAttribute('data-answered')).toBe('false');
    expect(await question(page, 'default-interval').getAttribute('data-answered')).toBe('true');
    await choose(page, 'scrape-configs', 'B');
    expect(await question(page, 'scrape-configs').getByTestId('quiz-feedback').getAttribute('data-correct')).toBe('true');
    expect(await page.getByTestId('quiz-score').textContent()).toBe(before!.replace(/\d(?=\/4)/, (d) => String(Number(d) + 1)));
  });

  it('accepts an equivalent answer to lesson 4\'s Q3 and says what differs in a wrong one', async () => {
    await openLesson(page, 'labels-promql');
    const submit = async (id: string, expr: string) => {
      const q = question(page, id);
      await q.getByTestId('quiz-input').fill(expr);
      await q.getByTestId('quiz-submit').click();
      return q.getByTestId('quiz-feedback');
    };
    const q3 = await submit('rate-per-second', 'sum(rate(image_gallery_requests_total{code="200"}[1m])) without(instance)');
    expect(await q3.getAttribute('data-correct')).toBe('true');

    const wrong = await submit('sum-without', 'sum(access_log_total) without(instance)');
    expect(await wrong.getAttribute('data-correct')).toBe('false');
    expect(await wrong.textContent()).toContain('시리즈가 3개 나왔습니다 (기대 1개): hostname 레이블 값이 달라 시리즈가 나뉘어 있습니다');
    await question(page, 'sum-without').getByTestId('quiz-retry').click();
    // The retried question offers the learner's last text to fix.
    expect(await question(page, 'sum-without').getByTestId('quiz-input').inputValue()).toBe('sum(access_log_total) without(instance)');
    const typo = await submit('sum-without', 'sum(access_logs_total) without(hostname, instance)');
    expect(await typo.textContent()).toContain('메트릭 access_logs_total은 수집된 적이 없습니다. 혹시 access_log_total?');
    await page.screenshot({ path: `${ARTIFACTS}/quiz-feedback.png` });
  });
});
