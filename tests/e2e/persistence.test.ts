// The learner's data survives a reload: series scraped before it are still queryable after it, the TSDB status
// page says what was restored, and the reset action (after a confirmation) wipes everything.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests, type Harness } from './harness.ts';
import { browserSuite } from './suite.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { forward, goTo, openPage, queryTable, setEditorText } from './pages.ts';

const missing = skipBrowserTests();

// Samples of one target's `up` in the last hour: it only grows while the data survives.
const UP_SAMPLES = 'count_over_time(up{job="image-gallery"}[1h])';

async function upSamples(page: Page): Promise<number> {
  const rows = await queryTable(page, UP_SAMPLES);
  return rows.length ? Number(rows[0].value) : 0;
}

describe.skipIf(missing !== null)('persistence in chromium', () => {
  let h: Harness;
  let page: Page;

  browserSuite('#/tsdb-status', 'tsdb-status-page', (p, harness) => {
    [page, h] = [p, harness];
  });

  it('starts empty, then shows the head growing', async () => {
    expect(await page.getByTestId('tsdb-restored').textContent()).toContain('저장된 데이터가 없었습니다');
    await page.getByTestId('clock-pause').click();
    await forward(page, 'forward-10m', 600_000);
    await openPage(page, 'tsdb-status', 'tsdb-status-page');
    await expect.poll(async () => Number(await page.getByTestId('tsdb-series').textContent())).toBeGreaterThan(100);
    expect(Number(await page.getByTestId('tsdb-bytes-per-sample').textContent())).toBeLessThan(4);
    // Histogram buckets of the Docker engine hold the most series, as on a real Prometheus scraping dockerd.
    expect(await page.getByTestId('tsdb-top-by-metric').locator('tbody tr').count()).toBe(10);
    expect(await page.getByTestId('tsdb-top-by-metric').textContent()).toContain('_bucket');
    expect(await page.getByTestId('tsdb-top-by-pair').textContent()).toContain('job=docker');
    expect(await page.getByTestId('tsdb-retention').textContent()).toBe('15d');
  });

  it('applies a shorter retention at once and refuses a bad one', async () => {
    await page.getByTestId('tsdb-retention-input').fill('15x');
    await page.getByTestId('tsdb-retention-apply').click();
    await expect.poll(() => page.getByTestId('tsdb-retention-error').textContent()).toContain('unknown unit "x"');
    const before = Number(await page.getByTestId('tsdb-samples').textContent());
    await page.getByTestId('tsdb-retention-input').fill('2m');
    await page.getByTestId('tsdb-retention-apply').click();
    await expect.poll(() => page.getByTestId('tsdb-retention').textContent()).toBe('2m');
    expect(await page.getByTestId('tsdb-retention-error').count()).toBe(0);
    // Whole chunks ending more than 2 minutes before the newest sample go: the 3 s access-log series have cut one.
    expect(Number(await page.getByTestId('tsdb-samples').textContent())).toBeLessThan(before);
    await page.getByTestId('tsdb-retention-input').fill('15d');
    await page.getByTestId('tsdb-retention-apply').click();
    await expect.poll(() => page.getByTestId('tsdb-retention').textContent()).toBe('15d');
  });

  it('keeps earlier series and the applied config across a reload', async () => {
    await goTo(page, 'config');
    const running = page.locator('[data-testid="config-running"] .cm-content');
    await running.waitFor();
    await setEditorText(page, 'config-editor', `# kept across reloads\n${DEFAULT_CONFIG_YAML}`);
    await page.getByTestId('config-apply').click();
    await expect.poll(() => running.textContent()).toContain('# kept across reloads');

    await forward(page, 'forward-10m', 600_000);
    const before = await upSamples(page);
    expect(before).toBeGreaterThanOrEqual(60);
    await openPage(page, 'tsdb-status', 'tsdb-status-page');
    // Ten minutes of 3 s access-log scrapes cut a chunk per series, written once in a segment. An autosave may be
    // under way (it started during the fast-forward, before the cuts): "save now" joins it, so save until one lands.
    await expect
      .poll(
        async () => {
          await page.getByTestId('tsdb-save').click();
          return page.getByTestId('tsdb-segments').textContent();
        },
        { timeout: 15_000 },
      )
      .toMatch(/세그먼트: [1-9]\d*개/);
    expect(await page.getByTestId('tsdb-last-save').textContent()).toContain('마지막 스냅숏');

    await page.reload();
    await page.getByTestId('query-page').or(page.getByTestId('tsdb-status-page')).waitFor({ timeout: 30_000 });
    await openPage(page, 'tsdb-status', 'tsdb-status-page');
    expect(await page.getByTestId('tsdb-restored').textContent()).toMatch(/시계열 \d+개, 샘플 \d+개를 복원했습니다/);
    // The reloaded page owns the store again (the Web Lock of the page it replaced is gone) and saves.
    await page.getByTestId('tsdb-save').click();
    await expect.poll(() => page.getByTestId('tsdb-last-save').textContent()).toContain('마지막 스냅숏');
    expect(await page.getByTestId('tsdb-save-error').count()).toBe(0);
    await page.getByTestId('clock-pause').click();
    // The clock continued after the restored samples, so the old ones and the new scrapes add up.
    expect(await upSamples(page)).toBeGreaterThanOrEqual(before);
    await forward(page, 'forward-1m', 60_000);
    expect(await upSamples(page)).toBeGreaterThanOrEqual(before + 5);
    await goTo(page, 'config');
    await expect.poll(() => page.locator('[data-testid="config-running"] .cm-content').textContent()).toContain('# kept across reloads');
  });

  it('wipes everything only after confirmation', async () => {
    await openPage(page, 'tsdb-status', 'tsdb-status-page');
    await page.getByTestId('tsdb-reset').click();
    await page.getByTestId('tsdb-reset-cancel').click();
    expect(await page.getByTestId('tsdb-reset-dialog').count()).toBe(0);

    await page.getByTestId('tsdb-reset').click();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('tsdb-reset-confirm').click()]);
    await page.getByTestId('tsdb-status-page').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('tsdb-restored').textContent()).toContain('저장된 데이터가 없었습니다');
    await page.getByTestId('clock-pause').click();
    expect(await upSamples(page)).toBeLessThan(10);
    // The saved prometheus.yml went too: the chapter's config runs again.
    await goTo(page, 'config');
    const running = page.locator('[data-testid="config-running"] .cm-content');
    await running.waitFor();
    expect(await running.textContent()).not.toContain('# kept across reloads');
  });

  it('replaces a stored TSDB of another format version, says why, and keeps working', async () => {
    await page.close();
    // Another page of the same origin (not running promlab) writes a snapshot from a "future" promlab.
    const other = await h.context.newPage();
    await other.goto(`${h.url}favicon.svg`);
    await other.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('promlab', 1);
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put({ version: 999, segments: [] }, 'tsdb/meta');
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await other.close();
    page = await h.open('#/tsdb-status');
    await page.getByTestId('tsdb-status-page').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('tsdb-restored').textContent()).toContain('format version 999');
    await page.getByTestId('clock-pause').click();
    await forward(page, 'forward-1m', 60_000);
    expect(await upSamples(page)).toBeGreaterThan(0);
  });
});
