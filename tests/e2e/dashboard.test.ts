// The book's Grafana dashboard in a real browser: every panel of "Image Gallery" draws data after some traffic,
// panels edit and persist across a reload, Grafana JSON goes out and back in (bad JSON is refused with its
// position), a drag zooms, and a click on a graph opens the app's logs around that moment.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';
import { forward } from './pages.ts';

const missing = skipBrowserTests();

const PANELS = 21;

async function sendRequests(page: Page, n: number): Promise<void> {
  await page.getByTestId('send-count').fill(String(n));
  await page.getByTestId('send-button').click();
  await expect.poll(() => page.getByTestId('send-result').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`\\b${n}\\b`));
}

/** Each panel's title and state ('data', 'nodata', 'error', …). */
function panelStates(page: Page): Promise<{ title: string; state: string }[]> {
  return page.getByTestId('panel').evaluateAll((els) => els.map((e) => ({ title: (e as HTMLElement).dataset.title!, state: (e as HTMLElement).dataset.state! })));
}

async function openDashboards(page: Page): Promise<void> {
  await page.getByTestId('nav-dashboards').click();
  await page.locator('[data-testid="dashboard-page"][data-loaded="true"]').waitFor({ timeout: 30_000 });
}

describe.skipIf(missing !== null)('dashboards and logs in chromium', () => {
  let page: Page;

  browserSuite('#/query', 'clock-now', (p) => (page = p));

  it('loads the book\'s "Image Gallery" dashboard and every panel draws data', async () => {
    // Traffic across a few minutes, so counters rise and iotd serves from its cache.
    await forward(page, 'forward-1m', 60_000);
    await sendRequests(page, 20);
    await forward(page, 'forward-1m', 60_000);
    await sendRequests(page, 20);
    await forward(page, 'forward-1m', 60_000);
    await openDashboards(page);
    expect(await page.getByTestId('dashboard-title').textContent()).toBe('Image Gallery');
    expect(await page.getByTestId('dashboard-row').allTextContents()).toEqual(
      ['Image Gallery', 'Image of the Day API', 'Access Log', 'Docker'].map((r) => expect.stringContaining(r)),
    );
    await page.getByTestId('refresh-now').click();
    await expect.poll(async () => (await panelStates(page)).filter((p) => p.state !== 'data'), { timeout: 30_000 }).toEqual([]);
    expect(await page.getByTestId('panel').count()).toBe(PANELS);
    // Stat panels read labels of engine_daemon_engine_info; the gauges show numbers.
    const value = (title: string) => page.locator(`[data-testid="panel"][data-title="${title}"] [data-testid="panel-value"]`).first().textContent();
    expect(await value('OS Type')).toBe('linux');
    expect(await value('Version')).toMatch(/^\d+\.\d+\.\d+/);
    expect(Number(await value('Image Loads from NASA'))).toBe(1);
    // Legends follow legendFormat: {{hostname}} is the container id.
    const legends = await page.locator('[data-testid="panel"][data-title="Logs by Container"]').getAttribute('data-series');
    expect(Number(legends)).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });
  });

  it('opens a panel\'s query in the query page, like Grafana\'s Explore', async () => {
    const panel = page.locator('[data-testid="panel"][data-title="Logs by Container"]');
    await panel.hover();
    await panel.getByTestId('panel-explore').click();
    await page.getByTestId('query-page').waitFor();
    expect(decodeURIComponent(page.url())).toContain('g0.expr=access_log_total&g0.tab=graph');
    await openDashboards(page);
  });

  it('edits a panel (the book\'s HTTP 500 panel) and keeps it across a reload', async () => {
    await page.getByTestId('add-panel').click();
    const editor = page.getByTestId('panel-editor');
    await editor.waitFor();
    await page.getByTestId('editor-title').fill('HTTP 500 Responses');
    await page.getByTestId('editor-expr').fill('sum(image_gallery_requests_total{code="500"}) without(instance)');
    await page.getByTestId('editor-draw-style').selectOption('bars');
    await page.getByTestId('editor-type').selectOption('stat');
    // Grafana's default steps (green, red from 80): any 500 at all should show red.
    await page.getByTestId('editor-threshold-value').fill('1');
    await page.getByTestId('editor-apply').click();
    const added = page.locator('[data-testid="panel"][data-title="HTTP 500 Responses"]');
    await expect.poll(() => added.getAttribute('data-state'), { timeout: 20_000 }).toBe('data');
    expect(await added.getAttribute('data-type')).toBe('stat');
    expect(await added.getByTestId('panel-value').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(242, 73, 92)');

    await page.reload();
    await page.locator('[data-testid="dashboard-page"][data-loaded="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="panel"][data-title="HTTP 500 Responses"]').count()).toBe(1);
  });

  it('exports Grafana JSON and imports it back; broken JSON is refused with its position', async () => {
    await page.getByTestId('export-open').click();
    const json = await page.getByTestId('export-text').inputValue();
    const exported = JSON.parse(json) as { title: string; panels: { title: string; targets?: { expr: string }[] }[] };
    expect(exported.title).toBe('Image Gallery');
    expect(exported.panels.find((p) => p.title === 'Active Threads')!.targets![0].expr).toBe('sum(tomcat_threads_current_threads{name="http-nio-80",}) without(instance)');
    // Escape closes a dialog, as in Grafana.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('export-dialog').count()).toBe(0);

    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill(json.replace('"panels": [', '"panels": [}'));
    await page.getByTestId('import-run').click();
    expect(await page.getByTestId('import-errors').textContent()).toMatch(/line \d+, col \d+/);
    expect(await page.getByTestId('panel').count()).toBe(PANELS + 1);

    const copy = { ...JSON.parse(json), uid: 'copy-1', title: 'Image Gallery (copy)' };
    await page.getByTestId('import-text').fill(JSON.stringify(copy));
    await page.getByTestId('import-run').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('Image Gallery (copy)');
    await page.getByTestId('export-open').click();
    expect(JSON.parse(await page.getByTestId('export-text').inputValue())).toEqual(copy);
    await page.getByRole('button', { name: /Close|닫기/ }).click();
    expect(await page.getByTestId('dashboard-select').locator('option').allTextContents()).toEqual(['Image Gallery', 'Image Gallery (copy)']);
    await page.getByTestId('delete-dashboard').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('Image Gallery');
    await expect.poll(() => page.getByTestId('dashboard-select').locator('option').allTextContents()).toEqual(['Image Gallery']);
  });

  it('draws a table legend beside a narrow panel\'s plot, leaving the plot most of the width, as Grafana does', async () => {
    await openDashboards(page);
    await page.getByTestId('export-open').click();
    const json = JSON.parse(await page.getByTestId('export-text').inputValue()) as { uid: string; title: string; panels: { title: string; options?: object }[] };
    await page.keyboard.press('Escape');
    const jvm = json.panels.find((p) => p.title === 'JVM Memory Use')!;
    jvm.options = { ...jvm.options, legend: { displayMode: 'table', placement: 'right', calcs: ['mean', 'max'] } };
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill(JSON.stringify({ ...json, uid: 'table-legend', title: 'Table legend' }));
    await page.getByTestId('import-run').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('Table legend');
    const legend = page.locator('[data-title="JVM Memory Use"] [data-testid="legend-table"]');
    await expect.poll(() => legend.locator('th').allTextContents()).toEqual(['JVM Memory Use', 'mean', 'max']);
    const widths = await legend.evaluate((t) => ({ plot: t.parentElement!.querySelector('.plot')!.getBoundingClientRect().width, all: t.parentElement!.getBoundingClientRect().width }));
    expect(widths.plot / widths.all).toBeGreaterThanOrEqual(0.55);
    await page.getByTestId('delete-dashboard').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('Image Gallery');
  });

  it('folds rows, picks a custom range, shares the crosshair and hides series from the legend', async () => {
    // The reload above started a fresh world: let it be scraped for a minute.
    await forward(page, 'forward-1m', 60_000);
    const docker = page.getByTestId('dashboard-row').filter({ hasText: 'Docker' });
    // The Docker row holds its 8 panels and the one added below it, as in Grafana.
    await docker.click();
    await expect.poll(() => page.getByTestId('panel').count()).toBe(PANELS + 1 - 9);
    expect(await docker.textContent()).toMatch(/9/);
    await docker.click();
    await expect.poll(() => page.getByTestId('panel').count()).toBe(PANELS + 1);

    await page.getByTestId('time-range').selectOption('custom');
    await page.getByTestId('custom-from').fill('now-30m');
    await page.getByTestId('custom-to').fill('now-1m');
    await page.getByTestId('custom-range').getByRole('button').click();
    await expect.poll(() => page.getByTestId('time-range').locator('option:checked').textContent()).toBe('now-30m – now-1m');

    await page.getByTestId('time-range').selectOption('now-15m');
    await page.getByTestId('refresh-now').click();
    const status = page.locator('[data-testid="panel"][data-title="Container Status"]');
    await expect.poll(() => status.getAttribute('data-state')).toBe('data');
    await status.scrollIntoViewIfNeeded();
    const box = (await status.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3);
    await expect.poll(async () => Number(await page.getByTestId('dashboard-grid').getAttribute('data-crosshair'))).toBeGreaterThan(0);
    await page.mouse.move(0, 0);
    await expect.poll(() => page.getByTestId('dashboard-grid').getAttribute('data-crosshair')).toBe('');

    // Logs by Container has a one-entry legend ({{hostname}}) under the plot: a click on it hides the series.
    const logs = page.locator('[data-testid="panel"][data-title="Logs by Container"]');
    await logs.scrollIntoViewIfNeeded();
    const chart = logs.getByTestId('timeseries');
    const entry = logs.getByTestId('legend-item');
    await entry.click();
    await expect.poll(() => chart.getAttribute('data-hidden')).toBe('1');
    expect(await entry.getAttribute('aria-pressed')).toBe('false');
    // A second click shows it again.
    await entry.click();
    await expect.poll(() => chart.getAttribute('data-hidden')).toBe('0');
  });

  it('zooms into a dragged span and opens the logs around a clicked moment', async () => {
    // The reload above started a fresh simulated world: ten minutes of it, then traffic until some of it fails
    // (about 1 in 10 does), so there are error lines to find.
    await forward(page, 'forward-10m', 600_000);
    for (let batch = 0; batch < 10; batch++) {
      await sendRequests(page, 20);
      if (/× 500/.test((await page.getByTestId('send-result').textContent()) ?? '')) break;
    }
    expect(await page.getByTestId('send-result').textContent()).toMatch(/× 500/);
    await forward(page, 'forward-1m', 60_000);
    await page.getByTestId('time-range').selectOption('now-15m');
    await page.getByTestId('refresh-now').click();
    // The gallery's goroutines have a line from the start, wherever the zoom lands.
    const goroutines = page.locator('[data-testid="panel"][data-title="Active Goroutines"]').first();
    await expect.poll(() => goroutines.getAttribute('data-state')).toBe('data');
    const canvas = goroutines.locator('canvas');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.6, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.95, y, { steps: 5 });
    await page.mouse.up();
    // The picker now shows an absolute range.
    await expect.poll(() => page.getByTestId('time-range').inputValue()).toBe('custom');

    await expect.poll(() => goroutines.getAttribute('data-state')).toBe('data');
    // The picker's absolute range is longer text: the toolbar may wrap and move the grid, so measure again.
    const after = (await canvas.boundingBox())!;
    await page.mouse.click(after.x + after.width * 0.7, after.y + after.height / 2);
    await page.getByTestId('logs-page').waitFor();
    expect(await page.getByTestId('logs-service-image-gallery').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('logs-focus').waitFor();
    // Widen to the whole session: the gallery's access lines, 500s among them as errors.
    await page.getByTestId('time-range').selectOption('now-15m');
    await expect.poll(() => page.getByTestId('logs-line').count()).toBeGreaterThan(0);
    const services = await page.getByTestId('logs-line').evaluateAll((ls) => [...new Set(ls.map((l) => (l as HTMLElement).dataset.service))]);
    expect(services).toEqual(['image-gallery']);
    expect(await page.getByTestId('logs-line').first().textContent()).toMatch(/"GET \/ HTTP\/1\.1" (200|500) \d+/);
    await page.getByTestId('logs-level').selectOption('error');
    await expect.poll(() => page.locator('[data-testid="logs-line"]:not([data-level="error"])').count()).toBe(0);
    expect(await page.getByTestId('logs-line').count()).toBeGreaterThan(0);
    // The volume histogram shows where the errors are; a click on that bar narrows the view to it.
    const bar = page.locator('[data-testid="logs-volume-bar"]:not([data-errors="0"])').first();
    const errorsThere = Number(await bar.getAttribute('data-errors'));
    expect(errorsThere).toBeGreaterThan(0);
    await bar.click();
    await expect.poll(() => page.getByTestId('time-range').inputValue()).toBe('custom');
    await expect.poll(() => page.getByTestId('logs-line').count()).toBe(errorsThere);
    await page.screenshot({ path: `${ARTIFACTS}/logs.png`, fullPage: true });
  });
});
