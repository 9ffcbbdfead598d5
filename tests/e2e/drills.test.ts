// The Drills page in a real browser: a drill starts (the world runs, the fault strikes, the page arrives), the
// evidence query is typed on the Query page and handed over, a wrong cause is rejected with the signal that
// contradicts it, a reload keeps the drill going, the right diagnosis passes, and the debrief links open the exact
// graph range.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { goTo, runQuery } from './pages.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';

const missing = skipBrowserTests();

describe.skipIf(missing)('incident drills', () => {
  let page: Page;
  browserSuite('#/drills', 'drills-page', (p) => (page = p));

  it('solves the goroutine-leak drill through the pages and rejects a wrong cause with its reason', { timeout: 240_000 }, async () => {
    await page.getByTestId('drill-item').first().waitFor();
    expect(await page.getByTestId('drill-item').count()).toBeGreaterThanOrEqual(10);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${ARTIFACTS}/drills-list-1440.png`, fullPage: true });

    await page.getByTestId('drill-start-goroutine-leak').click();
    await page.getByTestId('drill-running').waitFor({ timeout: 180_000 });
    await expect.poll(() => page.getByTestId('drill-symptom').textContent()).toContain('image-gallery');

    // The evidence: typed on the Query page, handed to the diagnosis form.
    await goTo(page, 'query');
    await runQuery(page, 'go_goroutines{job="image-gallery"}');
    await page.getByTestId('query-use-evidence').click();
    await page.getByTestId('drill-form').waitFor();
    expect(await page.getByTestId('drill-query').inputValue()).toBe('go_goroutines{job="image-gallery"}');

    await page.getByTestId('drill-service').selectOption('image-gallery');
    await page.getByTestId('drill-cause-traffic-surge').check();
    await page.getByTestId('drill-submit').click();
    const reason = page.locator('[data-testid="drill-reason"][data-field="cause"]');
    await reason.waitFor();
    expect(await page.getByTestId('drill-verdict').getAttribute('data-pass')).toBe('false');
    expect(await reason.textContent()).toContain('요청률은 그대로입니다');
    await page.screenshot({ path: `${ARTIFACTS}/drills-running-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}/drills-running-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    // A reload in the middle of the drill: it goes on with the same pager time (the worker resumes it from the store).
    const paged = await page.getByTestId('drill-running').getAttribute('data-paged');
    await page.reload();
    await page.getByTestId('drill-running').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('drill-running').getAttribute('data-paged')).toBe(paged);
    await page.getByTestId('drill-query').fill('go_goroutines{job="image-gallery"}');
    await page.getByTestId('drill-service').selectOption('image-gallery');

    await page.getByTestId('drill-cause-goroutine-leak').check();
    await page.getByTestId('drill-submit').click();
    // A rejection says why: its reasons are the failure's message.
    await page
      .locator('[data-testid="drill-verdict"][data-pass="true"]')
      .waitFor()
      .catch(async () => expect.fail(`rejected: ${(await page.getByTestId('drill-reason').allTextContents()).join(' | ')}`));
    await page.getByTestId('drill-debrief').waitFor();
    expect(await page.getByTestId('drill-verdict').getAttribute('data-pass')).toBe('true');
    await page.screenshot({ path: `${ARTIFACTS}/drills-debrief-1440.png`, fullPage: true });

    // The debrief's graph opens the Query page on the incident's exact range.
    const href = (await page.getByTestId('debrief-graph').first().getAttribute('href'))!;
    expect(href).toMatch(/^#\/query\?g0\.expr=go_goroutines.*g0\.tab=graph.*g0\.end_input=/);
    await page.getByTestId('debrief-graph').first().click();
    await page.getByTestId('graph-end').waitFor();
    await expect.poll(() => page.getByTestId('graph').getAttribute('data-series')).toBe('1');

    await goTo(page, 'drills');
    await page.getByTestId('drill-end').click();
    await page.locator('[data-testid="drill-item"][data-drill="goroutine-leak"][data-solved="true"]').waitFor();
  });
});
