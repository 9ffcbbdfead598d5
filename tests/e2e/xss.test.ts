// Nobody can inject script through what the page shows: a crafted share link and an imported dashboard carry
// `<img src=x onerror=…>` in queries, label values, titles and legends, and nothing of it runs or becomes markup.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowserTests, startHarness, type Harness } from './harness.ts';

const missing = skipBrowserTests();

const PAYLOAD = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';

/** True when the payload ran or became an element anywhere on the page. */
async function injected(page: Page): Promise<{ ran: unknown; images: number }> {
  return page.evaluate(() => ({
    ran: (window as { __xss?: unknown }).__xss ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
  }));
}

describe.skipIf(missing)('no injection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('a share link with markup in the query, a label value and bad parameters shows it all as text', async () => {
    const expr = `label_replace(up{job="image-gallery"}, "note", ${JSON.stringify(PAYLOAD)}, "", "")`;
    const link = `#/query?${new URLSearchParams({ 'g0.expr': expr, 'g0.tab': 'table', 'g1.expr': PAYLOAD, 'g1.tab': PAYLOAD, 'g1.range_input': PAYLOAD })}`;
    const page = await h.open(link);
    // The link's query ran at load, before the first scrape: let the clock run, then run it again.
    await page.getByTestId('forward-10s').click();
    await expect
      .poll(
        async () => {
          await page.getByTestId('query-execute').first().click();
          return page.getByTestId('result-row').count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('result-labels').first().textContent()).toContain(`note=${JSON.stringify(PAYLOAD)}`);
    expect(await injected(page)).toEqual({ ran: null, images: 0 });
    await page.close();
  });

  it('an imported dashboard with markup in titles, legends and queries renders it as text', async () => {
    const page = await h.open('#/dashboards');
    await page.getByTestId('import-open').click();
    const dashboard = {
      title: `Board ${PAYLOAD}`,
      uid: 'xss-board',
      panels: [
        {
          type: 'timeseries',
          title: `Panel ${PAYLOAD}`,
          gridPos: { x: 0, y: 0, w: 12, h: 8 },
          targets: [{ refId: 'A', expr: `label_replace(up, "note", ${JSON.stringify(PAYLOAD)}, "", "")`, legendFormat: `{{note}} ${PAYLOAD}` }],
        },
        { type: 'stat', title: PAYLOAD, gridPos: { x: 12, y: 0, w: 6, h: 8 }, targets: [{ refId: 'A', expr: `up{job="${PAYLOAD}"}` }] },
      ],
    };
    await page.getByTestId('import-text').fill(JSON.stringify(dashboard));
    await page.getByTestId('import-run').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent(), { timeout: 30_000 }).toContain(PAYLOAD);
    await expect.poll(() => page.getByTestId('panel').count()).toBe(2);
    await page.waitForTimeout(1500);
    expect(await injected(page)).toEqual({ ran: null, images: 0 });
    await page.close();
  });

  it('raised no page error and no CSP violation', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
