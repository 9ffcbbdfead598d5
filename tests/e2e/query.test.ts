// The query experience in a real browser: completion from live data, the explain tree, shared URLs that restore a
// graph, bad URLs explained, the heatmap, the metrics explorer and the HTTP API the service worker serves.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests, type Harness } from './harness.ts';
import { browserSuite } from './suite.ts';
import { forward, goTo, openPage, runQuery, setEditorText } from './pages.ts';

const missing = skipBrowserTests();

describe.skipIf(missing !== null)('the query page in chromium', () => {
  let h: Harness;
  let page: Page;

  browserSuite('#/query', 'query-page', async (p, harness) => {
    [page, h] = [p, harness];
    await page.getByTestId('send-count').fill('20');
    await page.getByTestId('send-button').click();
    await page.getByTestId('send-result').waitFor({ timeout: 30_000 });
    await forward(page, 'forward-1m', 60_000);
    await forward(page, 'forward-1m', 60_000);
  });

  it('offers access_log_total when typing access_, with its TYPE and HELP', async () => {
    await setEditorText(page, 'query-editor', 'access_');
    const options = page.locator('.cm-tooltip-autocomplete li');
    // Each option reads as the name followed by the TYPE the editor shows next to it.
    await expect.poll(() => options.allTextContents(), { timeout: 10_000 }).toContain('access_log_totalcounter');
    // The selected (first) option shows its HELP beside the list.
    await page.keyboard.insertText('log_tot');
    await expect.poll(() => options.first().textContent()).toBe('access_log_totalcounter');
    await expect.poll(() => page.locator('.cm-completionInfo').textContent()).toBe('Access Log - total log requests');
    await page.keyboard.press('Escape');
  });

  it('marks a parse error while typing, from our parser', async () => {
    await setEditorText(page, 'query-editor', 'sum(rate(up[1m])');
    await page.locator('.cm-lintRange-error').first().waitFor({ timeout: 10_000 });
  });

  it('explains sum(rate(image_gallery_requests_total[1m])) by (code) in three levels with results', async () => {
    await runQuery(page, 'sum(rate(image_gallery_requests_total[1m])) by (code)');
    await page.getByTestId('tab-explain').click();
    const nodes = page.getByTestId('explain-node');
    await nodes.first().waitFor();
    const tree = await nodes.evaluateAll((els) =>
      els.map((e) => ({
        depth: (e as HTMLElement).dataset.depth,
        type: (e as HTMLElement).dataset.type,
        expr: e.querySelector('[data-testid="explain-expr"]')!.textContent,
        result: e.querySelector(':scope > [data-testid="explain-result"] strong')?.textContent ?? null,
      })),
    );
    expect(tree).toEqual([
      { depth: '0', type: 'AggregateExpr', expr: 'sum by (code) (rate(image_gallery_requests_total[1m]))', result: expect.stringMatching(/^\d+ series$|^시리즈 \d+개$/) },
      { depth: '1', type: 'Call', expr: 'rate(image_gallery_requests_total[1m])', result: expect.any(String) },
      { depth: '2', type: 'MatrixSelector', expr: 'image_gallery_requests_total[1m]', result: expect.any(String) },
    ]);
    const series = await nodes.first().locator(':scope > [data-testid="explain-result"] li').count();
    expect(series).toBeGreaterThan(0);
    await expect.poll(() => nodes.first().getByTestId('explain-text').first().textContent()).toMatch(/code/);
  });

  it('keeps the state in the URL, and a shared URL restores the graph in a new tab', async () => {
    await runQuery(page, 'sum(rate(image_gallery_requests_total[1m])) by (code)');
    await page.getByTestId('tab-graph').click();
    await page.getByTestId('range-5m').click();
    await page.getByTestId('mode-stacked').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('g0.tab=graph');
    const hash = await page.evaluate(() => location.hash);
    expect(new URLSearchParams(hash.split('?')[1]).get('g0.range_input')).toBe('5m');
    // Leaving the page and coming back by the plain nav link puts the state back into the address.
    await goTo(page, 'explorer');
    await page.getByTestId('nav-query').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(hash);

    const shared = await h.open(hash);
    await shared.getByTestId('query-page').waitFor({ timeout: 30_000 });
    await expect.poll(() => shared.locator('[data-testid="query-editor"] .cm-content').textContent()).toBe('sum(rate(image_gallery_requests_total[1m])) by (code)');
    await expect.poll(() => shared.getByTestId('tab-graph').getAttribute('aria-selected')).toBe('true');
    const graph = shared.getByTestId('graph');
    await expect.poll(() => graph.getAttribute('data-range'), { timeout: 15_000 }).toBe('300000');
    expect(await graph.getAttribute('data-stacked')).toBe('true');
    await shared.close();
  });

  it('explains a bad URL value and keeps the default', async () => {
    const bad = await h.open('#/query?g0.expr=up&g0.tab=graph&g0.range_input=soon');
    await bad.getByTestId('url-problems').waitFor({ timeout: 30_000 });
    expect(await bad.getByTestId('url-problems').textContent()).toContain('g0.range_input=soon');
    await expect.poll(() => bad.getByTestId('graph').getAttribute('data-range'), { timeout: 15_000 }).toBe('900000');
    await bad.close();
  });

  it('graphs one series from the table', async () => {
    await runQuery(page, 'up');
    await page.getByTestId('tab-table').click();
    await page.getByTestId('graph-series').first().click();
    await page.getByTestId('graph-show-all').waitFor();
    expect(await page.getByTestId('tab-graph').getAttribute('aria-selected')).toBe('true');
  });

  it('draws a heatmap of classic histogram buckets', async () => {
    await runQuery(page, 'rate(engine_daemon_container_actions_seconds_bucket[5m])');
    await page.getByTestId('tab-graph').click();
    await page.getByTestId('mode-heatmap').click();
    const heatmap = page.getByTestId('heatmap');
    await heatmap.waitFor({ timeout: 15_000 });
    expect(Number(await heatmap.getAttribute('data-buckets'))).toBeGreaterThan(3);
    expect(await page.getByTestId('heatmap-scale').textContent()).toMatch(/^0\s*\S+$/);
    const box = (await heatmap.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5);
    await expect.poll(() => page.getByTestId('heatmap-hover').textContent()).toMatch(/^le \S+–\S+ · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · \S+$/);
    await page.getByTestId('mode-lines').click();
  });

  it('says which step of an empty query lost the series', async () => {
    await runQuery(page, 'sum(rate(image_gallery_requests_total[5s]))');
    await page.getByTestId('tab-table').click();
    await page.getByTestId('result-empty').waitFor();
    // A 5s window holds one sample of a 10s scrape, or none: either way the range is too short for rate().
    expect(['tooFewSamples', 'rangeTooShort']).toContain(await page.getByTestId('empty-cause').getAttribute('data-reason'));
    expect(await page.getByTestId('empty-cause').textContent()).toContain('image_gallery_requests_total[5s]');
    await runQuery(page, 'up{job="image-gallery", instance="nowhere"}');
    await expect.poll(() => page.getByTestId('empty-cause').textContent()).toContain('instance="nowhere"');
  });

  it('shows the engine\'s warnings next to the result', async () => {
    await runQuery(page, 'quantile(2, up)');
    await page.getByTestId('tab-table').click();
    await expect.poll(() => page.getByTestId('query-warning').textContent()).toContain('quantile value should be between 0 and 1');
  });

  it('answers the HTTP API at localhost:9090 like the table', async () => {
    // The page's fetches reach the simulated network once the bridge's service worker controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const body = await page.evaluate(async () => (await fetch('http://localhost:9090/api/v1/query?query=count(up)')).json());
    expect(body).toMatchObject({ status: 'success', data: { resultType: 'vector' } });
    await runQuery(page, 'count(up)');
    await page.getByTestId('tab-table').click();
    expect((await page.getByTestId('result-value').first().textContent())!.trim()).toBe(body.data.result[0].value[1]);
    const targets = await page.evaluate(async () => (await fetch('http://localhost:9090/api/v1/targets')).json());
    expect(targets.data.activeTargets.length).toBeGreaterThanOrEqual(4);
  });

  it('lists metrics in the explorer and opens one on the query page', async () => {
    await openPage(page, 'explorer', 'explorer-page');
    await page.getByTestId('explorer-filter').fill('access_log');
    const row = page.getByTestId('explorer-row').filter({ hasText: 'access_log_total' });
    expect(Number(await row.getByTestId('explorer-series').textContent())).toBeGreaterThanOrEqual(1);
    expect(await row.getByTestId('explorer-type').textContent()).toBe('counter');
    expect(await row.getByTestId('explorer-help').textContent()).toBe('Access Log - total log requests');
    await row.getByTestId('explorer-name').click();
    await page.getByTestId('query-page').waitFor();
    await expect.poll(() => page.getByTestId('result-labels').first().textContent()).toContain('access_log_total');
  });

  it('opens an explain node in a new panel', async () => {
    await page.getByTestId('nav-query').click();
    await runQuery(page, 'sum(rate(image_gallery_requests_total[1m])) by (code)');
    await page.getByTestId('tab-explain').click();
    await page.getByTestId('explain-open').first().click();
    await expect.poll(() => page.getByTestId('query-panel').count()).toBe(2);
    const second = page.getByTestId('query-panel').nth(1);
    expect(await second.locator('.cm-content').textContent()).toBe('rate(image_gallery_requests_total[1m])');
    expect(await second.getByTestId('result-row').count()).toBeGreaterThan(0);
    await second.getByTestId('panel-remove').click();
    await expect.poll(() => page.getByTestId('query-panel').count()).toBe(1);
  });

  it('keeps the history of executed queries across a reload', async () => {
    await runQuery(page, 'vector(1)');
    await page.reload();
    await page.getByTestId('query-history').waitFor({ timeout: 30_000 });
    await page.getByTestId('query-history').locator('summary').click();
    const items = await page.getByTestId('history-item').allTextContents();
    expect(items[0]).toBe('vector(1)');
    expect(items).toContain('sum(rate(image_gallery_requests_total[1m])) by (code)');
    await page.getByTestId('history-item').first().click();
    await expect.poll(() => page.getByTestId('history-item').first().isVisible()).toBe(false);
    await page.getByTestId('tab-table').click();
    await expect.poll(() => page.getByTestId('result-row').count()).toBeGreaterThan(0);
  });
});
