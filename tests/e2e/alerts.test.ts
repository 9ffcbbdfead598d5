// Alerting in a real browser: an error-rate incident started from the control bar drives the chapter's
// `error_rate > 0.05` alert through pending and firing on the Alerts page, a Slack message lands in the
// Alertmanager inbox, and recovery resolves both. A broken rule file is refused with file:line:col while the
// old rules keep running; a broken alertmanager.yml likewise.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { skipBrowserTests } from './harness.ts';
import { browserSuite } from './suite.ts';
import { forward, goTo, openPage, setEditorText } from './pages.ts';

const missing = skipBrowserTests();

const RULE = '[data-testid="alert-rule"][data-rule="ImageGalleryHighErrorRate"]';
const RULES_FILE = '/etc/prometheus/rules/image-gallery.yml';

async function ruleState(page: Page): Promise<string | null> {
  return page.locator(RULE).getAttribute('data-state');
}

/** Moves the clock 10s at a time until `check` holds (at most `maxSteps` steps). */
async function forwardUntil(page: Page, check: () => Promise<boolean>, maxSteps = 30): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (await check()) return;
    await forward(page, 'forward-10s', 10_000);
  }
  expect(await check()).toBe(true);
}

async function slackMessages(page: Page, status: 'firing' | 'resolved'): Promise<string[]> {
  return page.locator(`[data-testid="notification"][data-integration="slack"][data-status="${status}"] [data-testid="notification-title"]`).allTextContents();
}

/** How many silences the page has put in its IndexedDB store. */
function savedSilences(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('promlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('alertmanager/silences');
          get.onsuccess = () => {
            open.result.close();
            resolve(Array.isArray(get.result) ? get.result.length : 0);
          };
        };
      }),
  );
}

describe.skipIf(missing !== null)('alerting in chromium', () => {
  let page: Page;

  browserSuite('#/alerts', 'alerts-page', async (p) => {
    page = p;
    await page.getByTestId('clock-pause').click();
  });

  it('takes the error-rate alert from inactive to pending, firing and a Slack message, then resolves it', async () => {
    await forward(page, 'forward-1m', 60_000);
    expect(await ruleState(page)).toBe('inactive');

    await page.getByTestId('incidents-toggle').click();
    await page.getByTestId('incident-error-rate').click();
    expect(await page.getByTestId('incident-error-rate').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('incidents-toggle').click();

    await forwardUntil(page, async () => (await ruleState(page)) === 'pending');
    expect(await page.locator(`${RULE} [data-testid="alert-state"]`).allTextContents()).toEqual(['pending']);
    // The Korean page shows the rule's Korean summary (summary_ko) under "summary".
    expect(await page.locator(`${RULE} [data-testid="alert-annotation-summary"]`).textContent()).toMatch(/^image-gallery 오류율 \d+(\.\d+)?%$/);

    await forwardUntil(page, async () => (await ruleState(page)) === 'firing');
    expect(await page.getByTestId('alerts-count-firing').textContent()).toContain('1');

    await openPage(page, 'alertmanager', 'alertmanager-page');
    await forwardUntil(page, async () => (await slackMessages(page, 'firing')).length > 0);
    expect(await slackMessages(page, 'firing')).toEqual(['[FIRING:1] ImageGalleryHighErrorRate image-gallery (critical)']);
    const payload = await page.locator('[data-testid="notification"][data-integration="slack"] [data-testid="notification-payload"]').first().textContent();
    expect(JSON.parse(payload!)).toMatchObject({ channel: '#image-gallery-alerts', attachments: [{ color: 'danger' }] });

    // Recovery: the incident's users leave, the rate drains, the alert resolves and Slack hears it.
    await page.getByTestId('incidents-toggle').click();
    await page.getByTestId('incident-error-rate').click();
    await page.getByTestId('incidents-toggle').click();
    await forwardUntil(page, async () => (await slackMessages(page, 'resolved')).length > 0);
    expect(await slackMessages(page, 'resolved')).toEqual(['[RESOLVED] ImageGalleryHighErrorRate image-gallery (critical)']);

    await openPage(page, 'alerts', 'alerts-page');
    expect(await ruleState(page)).toBe('inactive');
  });

  it('refuses a broken rule file with file:line:col and keeps evaluating the old rules', async () => {
    await goTo(page, 'config');
    await page.locator(`[data-testid="file-item"][data-path="${RULES_FILE}"]`).click();
    await setEditorText(page, 'file-editor', DEFAULT_RULES_YAML.replace('> 0.05', '> > 0.05'));
    await page.getByTestId('file-save').click();

    await openPage(page, 'rules', 'rules-page');
    await page.getByTestId('rules-reload').click();
    // The reload runs in the worker: the error shows once its answer is back.
    await page.getByTestId('rules-error').first().waitFor();
    const errors = await page.getByTestId('rules-error').allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^\/etc\/prometheus\/rules\/image-gallery\.yml:17:15: group "image-gallery", rule 3, "ImageGalleryHighErrorRate": could not parse expression: /,
    );
    // The old rules are still there and still evaluated.
    const rows = page.locator('[data-testid="rule-row"]');
    expect(await rows.evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.rule))).toEqual([
      'job:image_gallery_requests:rate1m',
      'job:image_gallery_requests:error_rate1m',
      'ImageGalleryHighErrorRate',
      'ImageGalleryDown',
      'ImageGalleryTrafficSurge',
      'GoroutineLeak',
      'MemoryLeak',
      'CrashLooping',
    ]);
    await forward(page, 'forward-1m', 60_000);
    expect(await page.getByTestId('rule-health').allTextContents()).toEqual(Array(8).fill('ok'));

    // A rule's expression opens the Query page with it.
    await page.getByTestId('rule-expr').first().click();
    await page.getByTestId('query-page').waitFor();
    await expect.poll(() => page.locator('[data-testid="query-editor"] .cm-content').first().textContent()).toContain('rate(image_gallery_requests_total[1m])');
  });

  it('silences a firing alert from the Alertmanager page', async () => {
    await page.getByTestId('incidents-toggle').click();
    await page.getByTestId('incident-error-rate').click();
    await page.getByTestId('incidents-toggle').click();
    await goTo(page, 'alertmanager');
    await page.getByTestId('am-tab-alerts').click();
    await forwardUntil(page, async () => (await page.getByTestId('am-alert').count()) > 0);
    expect(await page.getByTestId('am-alert').first().getAttribute('data-state')).toBe('active');

    await page.getByTestId('am-alert-silence').first().click();
    expect(await page.getByTestId('silence-matchers').inputValue()).toBe('alertname="ImageGalleryHighErrorRate", job="image-gallery", severity="critical"');
    await page.getByTestId('silence-create').click();
    await expect.poll(() => page.getByTestId('silence-error').textContent()).toBe('comment missing');
    await page.getByTestId('silence-comment').fill('known: the incident is ours');
    await page.getByTestId('silence-create').click();
    // The worker's Alertmanager answers the create; the list shows its answer.
    await expect.poll(() => page.locator('[data-testid="silence"][data-state="active"]').count()).toBe(1);

    await page.getByTestId('am-tab-alerts').click();
    await expect.poll(() => page.getByTestId('am-alert').first().getAttribute('data-state')).toBe('suppressed');

    // Silences survive a reload of the page (through the Store).
    await expect.poll(() => savedSilences(page)).toBe(1);
    await page.reload();
    await goTo(page, 'alertmanager');
    await page.getByTestId('am-tab-silences').click();
    await expect.poll(() => page.getByTestId('silence').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('known: the incident is ours')]);
    await page.getByTestId('incidents-toggle').click();
    await page.getByTestId('incident-error-rate').click();
    await page.getByTestId('incidents-toggle').click();
  });

  it('refuses a broken alertmanager.yml with line:col', async () => {
    await goTo(page, 'alertmanager');
    await page.getByTestId('am-tab-config').click();
    await setEditorText(page, 'am-config-editor', 'route:\n  receiver: nobody\nreceivers:\n  - name: slack\n');
    await page.getByTestId('am-config-apply').click();
    // The worker answers the apply; the error shows when its answer arrives.
    await expect.poll(() => page.getByTestId('am-config-error').allTextContents()).toEqual(['2:13: undefined receiver "nobody" used in route']);
  });
});
