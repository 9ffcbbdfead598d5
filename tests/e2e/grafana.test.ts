// The book's dashboard drawn as Grafana draws it, beside the open lesson panel at 1440×900: the grid spans the
// whole width, titles are whole where there is room (and whole on hover), "Memory In Use" is a trend and not a
// solid block; the steady-traffic switch keeps image-gallery busy without a curl loop; on a phone the panels
// stack one per row at their grid height.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';
import { forward, SIZES } from './pages.ts';

const missing = skipBrowserTests();

const panel = (page: Page, title: string) => page.locator(`[data-testid="panel"][data-title="${title}"]`).first();

async function openDashboards(page: Page): Promise<void> {
  if (await page.locator('[data-testid="dashboard-page"][data-loaded="true"]').count()) return;
  await page.getByTestId('nav-dashboards').click();
  await page.locator('[data-testid="dashboard-page"][data-loaded="true"]').waitFor({ timeout: 30_000 });
}

describe.skipIf(missing !== null)('the Grafana dashboard in chromium', () => {
  let page: Page;

  browserSuite('#/query', 'clock-now', async (p) => {
    page = p;
    await page.setViewportSize(SIZES.desktop);
    await page.getByTestId('lesson-panel').waitFor();
  });

  it('has a steady-traffic switch, off by default, that keeps image-gallery answering on the virtual clock', async () => {
    const steady = page.getByTestId('steady-traffic');
    expect(await steady.getAttribute('aria-pressed')).toBe('false');
    await steady.click();
    await expect.poll(() => steady.getAttribute('aria-pressed')).toBe('true');
    await forward(page, 'forward-10m', 600_000);
    await openDashboards(page);
    await page.getByTestId('refresh-now').click();
    await expect.poll(() => panel(page, 'HTTP 200 Responses').getAttribute('data-state'), { timeout: 30_000 }).toBe('data');
    await steady.click();
    await expect.poll(() => steady.getAttribute('aria-pressed')).toBe('false');
  });

  it('spans the full width beside the lesson panel, with whole titles where they fit and the full title on hover', async () => {
    await openDashboards(page);
    const grid = await page.getByTestId('dashboard-grid').evaluate((e) => e.getBoundingClientRect());
    const main = await page.locator('main').evaluate((e) => e.getBoundingClientRect());
    expect(grid.width).toBeGreaterThan(main.width - 40);
    const right = await panel(page, 'Active Goroutines').evaluate((e) => e.getBoundingClientRect().right);
    expect(Math.abs(right - grid.right)).toBeLessThan(2);
    for (const title of ['HTTP 200 Responses', 'Memory In Use', 'Active Goroutines', 'Image Loads from NASA', 'Image Loads from Cache']) {
      const h = await panel(page, title).locator('h3').evaluate((e) => ({ cut: e.scrollWidth > e.clientWidth, hover: e.getAttribute('title') }));
      expect(h, title).toEqual({ cut: false, hover: title });
    }
    await page.screenshot({ path: `${ARTIFACTS}/grafana-desktop.png` });
  });

  it('draws "Memory In Use" as a trend line, not a solid filled block', async () => {
    await openDashboards(page);
    const memory = panel(page, 'Memory In Use');
    await expect.poll(() => memory.getAttribute('data-state'), { timeout: 30_000 }).toBe('data');
    await memory.locator('[data-testid="timeseries"]:not([data-drawn="0"])').waitFor();
    // The share of the plot painted in the series' own colour (#e6522c, the first of the palette): the line's
    // pixels, not its 10 % fill, which is far paler.
    const painted = await memory.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let hit = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 50 && data[i] - data[i + 1] > 60 && data[i] - data[i + 2] > 60) hit++;
      return hit / (c.width * c.height);
    });
    expect(painted).toBeGreaterThan(0);
    expect(painted).toBeLessThan(0.05);
  });

  it('stacks the panels one per row on a phone, each as tall as its grid height says', async () => {
    await openDashboards(page);
    await page.setViewportSize(SIZES.phone);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="dashboard-grid"]')!).display === 'flex');
    const cells = await page.getByTestId('panel').evaluateAll((els) =>
      els.slice(0, 6).map((e) => {
        const r = e.parentElement!.getBoundingClientRect();
        return { title: (e as HTMLElement).dataset.title, left: Math.round(r.left), width: Math.round(r.width), top: Math.round(r.top), height: Math.round(r.height) };
      }),
    );
    const gridWidth = await page.getByTestId('dashboard-grid').evaluate((e) => Math.round(e.getBoundingClientRect().width));
    for (const c of cells) expect(c.width, c.title).toBe(gridWidth);
    for (let i = 1; i < cells.length; i++) expect(cells[i].top, cells[i].title).toBeGreaterThanOrEqual(cells[i - 1].top + cells[i - 1].height);
    // Six grid units: 6 × 30 px + 5 × 8 px.
    expect(cells.find((c) => c.title === 'HTTP 200 Responses')?.height).toBe(220);
    await page.screenshot({ path: `${ARTIFACTS}/grafana-phone.png` });
    await page.setViewportSize(SIZES.desktop);
  });
});
