// Two tabs on one browser profile: one tab's worker saves the playground; the other says so plainly and can take
// over (it reloads once the holder has saved and let go). Reloading either tab loses no stored sample.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests, type Harness } from './harness.ts';
import { forward, queryTable } from './pages.ts';
import { browserSuite } from './suite.ts';

const missing = skipBrowserTests();

const UP_SAMPLES = 'count_over_time(up{job="image-gallery"}[1h])';

async function upSamples(page: Page): Promise<number> {
  const rows = await queryTable(page, UP_SAMPLES);
  return rows.length ? Number(rows[0].value) : 0;
}

async function holderOf(page: Page): Promise<string> {
  const notice = page.getByTestId('holder-notice');
  return (await notice.count()) === 0 ? 'this' : ((await notice.getAttribute('data-holder')) ?? '');
}

async function ready(page: Page): Promise<void> {
  await page.getByTestId('clock-now').waitFor({ timeout: 30_000 });
  await page.getByTestId('clock-pause').click();
}

describe.skipIf(missing !== null)('two tabs in chromium', () => {
  let h: Harness;
  let a: Page;

  browserSuite('#/query', 'clock-now', (p, harness) => {
    [a, h] = [p, harness];
  });

  it('one tab saves, the other says so and takes over, and no reload loses a stored sample', async () => {
    await a.getByTestId('clock-pause').click();
    await forward(a, 'forward-10m', 600_000);
    const first = await upSamples(a);
    expect(first).toBeGreaterThan(50);
    expect(await holderOf(a)).toBe('this');

    // The second tab restores what the first saved, runs on without saving, and says so.
    const b = await h.open('#/query');
    await b.getByTestId('holder-notice').waitFor({ timeout: 30_000 });
    expect(await holderOf(b)).toBe('other');
    expect(await b.getByTestId('holder-notice').textContent()).toContain('이 탭에서 한 일은 저장되지 않습니다');
    await ready(b);
    expect(await upSamples(b)).toBeGreaterThanOrEqual(first);

    // Taking over: the first tab saves and stops; the second reloads from the store and saves from now on.
    await forward(a, 'forward-1m', 60_000);
    const handed = await upSamples(a);
    await Promise.all([b.waitForEvent('load', { timeout: 30_000 }), b.getByTestId('holder-take-over').click()]);
    await ready(b);
    await expect.poll(() => holderOf(a), { timeout: 10_000 }).toBe('released');
    expect(await holderOf(b)).toBe('this');
    expect(await upSamples(b)).toBeGreaterThanOrEqual(handed);

    // Reloading the tab that saves keeps everything it had.
    await forward(b, 'forward-10m', 600_000);
    const more = await upSamples(b);
    await b.reload();
    await ready(b);
    expect(await holderOf(b)).toBe('this');
    expect(await upSamples(b)).toBeGreaterThanOrEqual(more);

    // Reloading the other tab restores the same store and says again that another tab saves.
    await a.reload();
    await a.getByTestId('holder-notice').waitFor({ timeout: 30_000 });
    expect(await holderOf(a)).toBe('other');
    await ready(a);
    expect(await upSamples(a)).toBeGreaterThanOrEqual(more);
  });
});
