// The course in a real browser: a newcomer lands on lesson 1 with the playground scraping; lesson 3 is walked by
// typing the chapter's commands into the terminal, and its checks turn green; progress and language survive a reload.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';
import { forward } from './pages.ts';

const missing = skipBrowserTests();

/** Types a line into the terminal, presses Enter and waits for the prompt to come back. */
async function type(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('terminal-input');
  await input.fill(line);
  await input.press('Enter');
  await expect.poll(() => input.isEnabled(), { timeout: 60_000 }).toBe(true);
}

const output = (page: Page) => page.getByTestId('terminal-output').textContent();
const stepStatus = (page: Page, id: string) => page.locator(`[data-testid="lesson-step"][data-step="${id}"]`).getAttribute('data-status');

describe.skipIf(missing !== null)('lessons and the terminal in chromium', () => {
  let page: Page;

  browserSuite('', null, (p) => (page = p));

  it('lands a newcomer on lesson 1 next to a playground that is already scraping', async () => {
    const title = page.getByTestId('lesson-title');
    await expect.poll(() => title.getAttribute('data-lesson'), { timeout: 30_000 }).toBe('pull-and-scrape');
    expect(await title.textContent()).toContain('Pull 방식과 스크래핑');
    // The Markdown body is rendered (and sanitized) HTML: a table of the apps and code blocks.
    expect(await page.locator('.lesson-panel .markdown table').count()).toBe(1);
    expect(await page.locator('.lesson-panel .markdown script').count()).toBe(0);
    await expect.poll(() => stepStatus(page, 'read-gallery')).toBe('active');
    await page.getByTestId('query-page').waitFor({ timeout: 30_000 });
  });

  it('walks lesson 3 by typing the chapter\'s commands into the terminal', async () => {
    await page.getByTestId('course-overview').click();
    await page.locator('[data-testid="overview-lesson"][data-lesson="scale-out"] button').click();
    await expect.poll(() => page.getByTestId('lesson-title').getAttribute('data-lesson')).toBe('scale-out');
    expect(await stepStatus(page, 'scale')).toBe('active');
    expect(await page.getByTestId('step-command').textContent()).toContain('docker compose -f docker-compose.yml up -d --scale accesslog=3');
    expect(await stepStatus(page, 'discover')).toBe('pending');

    await page.getByTestId('terminal-toggle').click();
    await type(page, 'docker compose -f docker-compose.yml up -d --scale accesslog=3');
    await expect.poll(() => output(page)).toMatch(/\[\+\] Running 6\/6/);
    expect(await output(page)).toMatch(/✔ Container exercises-accesslog-3\s+Started/);
    await expect.poll(() => stepStatus(page, 'scale')).toBe('done');
    expect(await page.getByTestId('replica-count').textContent()).toBe('3');

    // DNS-SD looks again every 30 s: a minute later the three replicas are targets, and up.
    await forward(page, 'forward-1m', 60_000);
    await expect.poll(() => stepStatus(page, 'discover'), { timeout: 30_000 }).toBe('done');

    // The step offers the chapter's loop: one click puts it at the prompt, Enter runs it.
    await page.getByTestId('step-command').click();
    expect(await page.getByTestId('terminal-input').inputValue()).toBe('for i in {1..10}; do curl http://localhost:8010 > /dev/null; done');
    await page.getByTestId('terminal-input').press('Enter');
    await expect.poll(() => page.getByTestId('terminal-input').isEnabled(), { timeout: 60_000 }).toBe(true);
    expect((await output(page))!.match(/% Total/g)!.length).toBeGreaterThanOrEqual(10);
    await forward(page, 'forward-10s', 10_000);
    await expect.poll(() => stepStatus(page, 'spread'), { timeout: 30_000 }).toBe('done');

    const answer = page.getByTestId('step-answer');
    await answer.fill('sum(access_log_total)');
    await page.getByTestId('step-check').click();
    await expect.poll(() => page.getByTestId('step-result').textContent()).toContain('시리즈 1개');
    await answer.fill('access_log_total');
    await page.getByTestId('step-check').click();
    await expect.poll(() => stepStatus(page, 'per-replica')).toBe('done');
    await page.getByTestId('lesson-complete').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/lesson-3.png` });
  });

  it('answers the API on :9090 with Prometheus\' JSON, and explains unknown commands', async () => {
    await type(page, 'clear');
    await type(page, `curl -s 'http://localhost:9090/api/v1/query?query=count(up)'`);
    await expect.poll(() => output(page)).toMatch(/"status":"success"/);
    expect(await output(page)).toMatch(/"resultType":"vector"/);
    await type(page, 'kubectl get pods');
    expect(await output(page)).toContain('bash: kubectl: command not found');
  });

  it('completes with Tab and recalls history with ↑', async () => {
    const input = page.getByTestId('terminal-input');
    await input.fill('docker compose p');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('docker compose ps ');
    await input.press('Enter');
    await expect.poll(() => output(page)).toMatch(/NAME\s+IMAGE\s+COMMAND\s+SERVICE\s+CREATED\s+STATUS\s+PORTS/);
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('docker compose ps ');
    // An unfinished `for` continues on the next line after a `> ` prompt, as in bash.
    await type(page, 'for i in 1 2');
    await type(page, 'do echo n$i');
    await type(page, 'done');
    expect(await output(page)).toMatch(/\$ for i in 1 2\n> do echo n\$i\n> done\nn1\nn2\n$/);
  });

  it('keeps progress, the open lesson and the language across a reload', async () => {
    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('lesson-title').textContent()).toContain('Scaling out with DNS service discovery');
    await page.reload();
    const title = page.getByTestId('lesson-title');
    await expect.poll(() => title.getAttribute('data-lesson'), { timeout: 30_000 }).toBe('scale-out');
    expect(await title.textContent()).toContain('Scaling out');
    for (const id of ['scale', 'discover', 'spread', 'per-replica']) expect(await stepStatus(page, id)).toBe('done');
    // The command history came back too: ↑ recalls the last line of the earlier session.
    await page.getByTestId('terminal-toggle').click();
    await page.getByTestId('terminal-input').press('ArrowUp');
    expect(await page.getByTestId('terminal-input').inputValue()).toBe('for i in 1 2; do echo n$i; done');
    await page.getByTestId('course-overview').click();
    expect(await page.locator('[data-testid="overview-lesson"][data-lesson="scale-out"] [data-testid="overview-steps"]').textContent()).toBe(
      'steps 4/4',
    );
    await page.getByTestId('lang-ko').click();
  });
});

describe.skipIf(missing !== null)('lesson 6 checks what happened, in chromium', () => {
  let page: Page;

  browserSuite('', 'lesson-title', (p) => (page = p));

  const answerStep = async (id: string, expr: string) => {
    await page.getByTestId('step-answer').fill(expr);
    await page.getByTestId('step-check').click();
    await expect.poll(async () => `${await stepStatus(page, id)} ${await page.getByTestId('step-result').first().textContent({ timeout: 1000 }).catch(() => '')}`, { timeout: 30_000 }).toMatch(/^done/);
  };

  it('passes the incident step for an incident started from the control bar, and keeps it when the command says "already running"', async () => {
    await page.getByTestId('course-overview').click();
    await page.locator('[data-testid="overview-lesson"][data-lesson="transparency"] button').click();
    await expect.poll(() => page.getByTestId('lesson-title').getAttribute('data-lesson')).toBe('transparency');
    // Errors to measure: iotd down, ten requests, a scrape.
    await page.getByTestId('terminal-toggle').click();
    await type(page, 'docker compose stop iotd');
    await type(page, 'for i in {1..10}; do curl -s -o /dev/null http://localhost:8010; done');
    await forward(page, 'forward-10s', 10_000);
    await type(page, 'for i in {1..10}; do curl -s -o /dev/null http://localhost:8010; done');
    await forward(page, 'forward-10s', 10_000);
    await answerStep('error-rate', 'sum(rate(image_gallery_requests_total{code="500"}[5m])) / sum(rate(image_gallery_requests_total[5m]))');
    await answerStep('alert-condition', 'sum(rate(image_gallery_requests_total{code="500"}[5m])) / sum(rate(image_gallery_requests_total[5m])) > 0.05');
    await type(page, 'docker compose start iotd');
    expect(await stepStatus(page, 'incident')).toBe('active');

    await page.getByTestId('terminal-toggle').click();
    await page.getByTestId('incidents-toggle').click();
    await page.getByTestId('incident-error-rate').click();
    await page.getByTestId('incidents-toggle').click();
    await expect.poll(() => stepStatus(page, 'incident'), { timeout: 30_000 }).toBe('done');

    await page.getByTestId('terminal-toggle').click();
    await type(page, 'promlab incident start error-rate');
    expect(await output(page)).toContain('이미 실행 중입니다');
    expect(await stepStatus(page, 'incident')).toBe('done');
    await page.getByTestId('terminal-toggle').click();
  });

  it('passes "find the error lines" only once the Logs page shows image-gallery\'s error lines', async () => {
    await forward(page, 'forward-1m', 60_000);
    await forward(page, 'forward-10s', 10_000);
    // A minute of errors went by, but nobody looked.
    expect(await stepStatus(page, 'error-logs')).toBe('active');
    await expect.poll(() => page.getByTestId('step-result').textContent()).toContain('로그 페이지를 열어');
    await page.evaluate(() => (location.hash = '#/logs'));
    await page.getByTestId('logs-page').waitFor();
    await expect.poll(() => page.getByTestId('step-result').textContent()).toContain('다른 줄도');
    expect(await stepStatus(page, 'error-logs')).toBe('active');
    await page.getByTestId('logs-service-image-gallery').click();
    await page.getByTestId('logs-level').selectOption('error');
    await expect.poll(() => stepStatus(page, 'error-logs'), { timeout: 30_000 }).toBe('done');
    await page.screenshot({ path: `${ARTIFACTS}/lesson-6-logs.png` });
  });
});
