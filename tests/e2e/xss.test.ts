// Nobody can inject script through what the page shows: a crafted share link, an imported dashboard, a target file and
// a rule file carry `<img src=x onerror=…>` in queries, label values, titles, legends, annotations and notifications,
// and nothing of it runs or becomes markup.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { DEFAULT_ALERTING_YAML } from '../../src/rules/default.ts';
import { skipBrowserTests, startHarness, type Harness } from './harness.ts';
import { forward, goTo, setEditorText } from './pages.ts';

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

  it('labels from a target file and annotations of a firing alert show as text on every page that lists them', async () => {
    const page = await h.open('#/config');
    await page.getByTestId('config-editor').waitFor({ timeout: 30_000 });
    const config = `${DEFAULT_CONFIG_YAML}  - job_name: "web"\n    file_sd_configs:\n      - files: ["targets/*.yml"]\n${DEFAULT_ALERTING_YAML}`;
    const quoted = `'${PAYLOAD}'`;
    const files: [string, string][] = [
      ['targets/xss.yml', `- targets: ["iotd"]\n  labels:\n    team: ${quoted}\n`],
      [
        'rules/xss.yml',
        `groups:\n  - name: xss\n    rules:\n      - alert: Injected\n        expr: up{job="web"} == 1\n        labels:\n          note: ${quoted}\n        annotations:\n          summary: '{{ $labels.team }} ${PAYLOAD.replace(/'/g, "''")}'\n`,
      ],
    ];
    for (const [path, text] of files) {
      await page.getByTestId('file-new-path').fill(path);
      await page.getByTestId('file-create').click();
      await setEditorText(page, 'file-editor', text);
      await page.getByTestId('file-save').click();
      await expect.poll(() => page.getByTestId('file-save').isDisabled()).toBe(true);
    }
    // Rule files load on a reload, like Prometheus'.
    await setEditorText(page, 'config-editor', config);
    await page.getByTestId('config-apply').click();
    await page.getByTestId('config-applied').waitFor();
    await forward(page, 'forward-1m', 60_000);
    await forward(page, 'forward-1m', 60_000);
    for (const route of ['targets', 'service-discovery', 'alerts', 'alertmanager']) {
      await goTo(page, route);
      await page.waitForTimeout(500);
      expect({ route, ...(await injected(page)) }).toEqual({ route, ran: null, images: 0 });
    }
    // The alert fired, and its markup is there as text.
    await goTo(page, 'alerts');
    await expect.poll(() => page.locator('main').textContent()).toContain('Injected');
    expect(await page.locator('main').textContent()).toContain('<img src=x onerror=');
    await page.close();
  });

  it('raised no page error and no CSP violation', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
