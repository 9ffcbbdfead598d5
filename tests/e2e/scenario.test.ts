// The chapter's exercise in a real browser: scale accesslog to 3, send 10 requests, query access_log_total,
// check the targets, draw the graph; then an invalid config that must not stop the running one.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';
import { forward, goTo, openPage, runQuery, setEditorText, tableRows } from './pages.ts';

const missing = skipBrowserTests();

const JOBS = ['access-log', 'docker', 'image-gallery', 'iotd-api'];

async function targetPools(page: Page): Promise<{ pool: string; states: string[] }[]> {
  await openPage(page, 'targets', 'targets-page');
  return page.getByTestId('pool').evaluateAll((pools) =>
    pools.map((p) => ({
      pool: (p as HTMLElement).dataset.pool!,
      states: [...p.querySelectorAll('[data-testid="target-state"]')].map((s) => s.textContent!.trim()),
    })),
  );
}

describe.skipIf(missing !== null)('promlab in chromium', () => {
  let page: Page;

  browserSuite('#/query', 'query-page', (p) => (page = p));

  it('runs the chapter: 3 accesslog replicas, 10 requests, access_log_total per instance', async () => {
    await page.getByTestId('scale-input').fill('3');
    await page.getByTestId('scale-apply').click();
    await expect.poll(() => page.getByTestId('replica-count').textContent()).toBe('3');

    await page.getByTestId('send-count').fill('10');
    await page.getByTestId('send-button').click();
    const result = (await page.getByTestId('send-result').textContent({ timeout: 30_000 }))!;
    const ok = Number(/(\d+) × 200/.exec(result)?.[1] ?? 0);
    expect(result).toMatch(/10/);
    expect(ok).toBeGreaterThan(0);

    // DNS service discovery refreshes every 30s; a minute finds the new replicas and scrapes them.
    await forward(page, 'forward-1m', 60_000);

    await runQuery(page, 'access_log_total');
    await expect.poll(async () => (await tableRows(page)).length, { timeout: 20_000 }).toBe(3);
    const rows = await tableRows(page);
    const instances = rows.map((r) => /instance="([^"]+)"/.exec(r.labels)?.[1]);
    for (const inst of instances) expect(inst).toMatch(/^172\.20\.0\.\d+:80$/);
    expect(new Set(instances).size).toBe(3);
    expect(rows.reduce((sum, r) => sum + Number(r.value), 0)).toBe(ok);
  });

  it('shows the four jobs with every target up', async () => {
    await expect
      .poll(async () => (await targetPools(page)).map((p) => p.pool).sort(), { timeout: 20_000 })
      .toEqual(JOBS);
    await expect
      .poll(async () => (await targetPools(page)).flatMap((p) => p.states).filter((s) => s !== 'UP'), { timeout: 20_000 })
      .toEqual([]);
    const pools = await targetPools(page);
    expect(pools.find((p) => p.pool === 'access-log')!.states).toHaveLength(3);
    await expect.poll(() => page.getByTestId('pool-count').first().textContent()).toMatch(/\d+\/\d+/);
    await page.screenshot({ path: `${ARTIFACTS}/targets.png`, fullPage: true });
  });

  it('draws access_log_total on the graph tab', async () => {
    // More traffic a minute later, so the lines step up.
    await forward(page, 'forward-1m', 60_000);
    await page.getByTestId('send-button').click();
    await forward(page, 'forward-1m', 60_000);
    await openPage(page, 'query', 'query-page');
    await page.getByTestId('tab-graph').click();
    await page.getByTestId('range-5m').click();
    const graph = page.getByTestId('graph');
    await expect.poll(() => graph.getAttribute('data-range'), { timeout: 20_000 }).toBe(String(5 * 60_000));
    await expect.poll(() => graph.getAttribute('data-series'), { timeout: 20_000 }).toBe('3');
    expect(Number(await graph.getAttribute('data-drawn'))).toBeGreaterThan(0);
    const box = await page.locator('[data-testid="graph"] canvas').boundingBox();
    expect(box!.height).toBeGreaterThan(200);
    await page.screenshot({ path: `${ARTIFACTS}/graph.png`, fullPage: true });
  });

  it('points at the bad part of a query and suggests real names for unknown ones', async () => {
    await page.getByTestId('tab-table').click();
    await runQuery(page, 'sum(access_log_total');
    await expect.poll(() => page.getByTestId('query-error').textContent()).toMatch(/^\s*1:\d+: parse error/);
    await expect.poll(() => page.getByTestId('query-error-caret').textContent()).toContain('^');

    await runQuery(page, 'image_gallery_requests');
    await page.getByTestId('unknown-metric').waitFor();
    const suggestions = await page.getByTestId('suggestion').allTextContents();
    expect(suggestions.slice(0, 2).sort()).toEqual(['image_gallery_in_flight_requests', 'image_gallery_requests_total']);
    await page.screenshot({ path: `${ARTIFACTS}/suggest.png`, fullPage: true });

    // Picking a suggestion rewrites the query and runs it.
    await page.getByTestId('suggestion').filter({ hasText: /^image_gallery_requests_total$/ }).click();
    await expect.poll(async () => (await tableRows(page)).length).toBeGreaterThan(0);
    for (const r of await tableRows(page)) expect(r.labels).toMatch(/^image_gallery_requests_total\{/);

    await runQuery(page, 'go_memstats_bytes{job="image-gallery"}');
    await page.getByTestId('unknown-metric').waitFor();
    const memory = await page.getByTestId('suggestion').allTextContents();
    expect(memory.length).toBeGreaterThan(1);
    for (const name of memory) expect(name).toMatch(/^go_memstats_\w+_bytes$/);
  });

  it('rejects an invalid config with line:col and keeps the old one running', async () => {
    await openPage(page, 'config', 'config-page');
    await page.locator('[data-testid="config-editor"] .cm-content').waitFor();
    await setEditorText(page, 'config-editor', 'global:\n  scrape_interval: 10x\nscrape_configs:\n  - job_name: "broken"\n');
    await page.getByTestId('config-apply').click();
    const first = await page.getByTestId('config-error').first().textContent();
    expect(first).toMatch(/^\d+:\d+: /);
    await page.locator('[data-testid="config-editor"] .cm-lintRange-error').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/config-error.png`, fullPage: true });

    const pools = await targetPools(page);
    expect(pools.map((p) => p.pool).sort()).toEqual(JOBS);

    // The learner's broken text is still there; reverting to the running config and applying succeeds.
    await goTo(page, 'config');
    await expect.poll(() => page.locator('[data-testid="config-editor"] .cm-content').textContent()).toContain('10x');
    await page.getByTestId('config-revert').click();
    await page.getByTestId('config-apply').click();
    await expect.poll(() => page.getByTestId('config-applied').textContent()).toMatch(/\d{2}:\d{2}:\d{2}/);
    await expect.poll(() => page.getByTestId('config-error').count()).toBe(0);
  });

  it('completes metric names from what was scraped', async () => {
    await page.getByTestId('nav-query').click();
    await setEditorText(page, 'query-editor', '');
    await page.keyboard.type('access_l', { delay: 20 });
    const options = page.locator('.cm-tooltip-autocomplete .cm-completionLabel');
    await expect.poll(() => options.allTextContents()).toContain('access_log_total');
    await page.keyboard.press('Escape');
  });

  it('runs a query with Enter', async () => {
    await page.getByTestId('nav-query').click();
    await setEditorText(page, 'query-editor', 'count(up == 1)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-table').click();
    await expect.poll(async () => (await tableRows(page)).map((r) => r.value)).toEqual(['6']);
  });

  it('switches to English and remembers it', async () => {
    await expect.poll(() => page.getByTestId('nav-targets').textContent()).toBe('타깃');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('nav-targets').textContent()).toBe('Targets');
    await page.reload();
    await page.getByTestId('query-page').waitFor();
    await expect.poll(() => page.getByTestId('nav-targets').textContent()).toBe('Targets');
    await page.getByTestId('lang-ko').click();
  });
});
