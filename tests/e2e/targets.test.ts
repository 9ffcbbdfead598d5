// The Targets page in a real browser: pools and labels before/after relabeling, then `docker compose stop
// accesslog` from the containers panel: its target turns DOWN and `up` drops to 0 on the Query page.

import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startHarness, type Harness } from './harness.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { forward, queryTable, setEditorText } from './pages.ts';

const missing = browserMissing();
if (missing && process.env.CI) throw new Error(`e2e: ${missing}; CI must run the browser tests`);
if (missing) console.warn(`e2e skipped: ${missing}`);

const ARTIFACTS = 'tests/e2e/artifacts';

async function openTargets(page: Page): Promise<void> {
  await page.getByTestId('nav-targets').click();
  await page.getByTestId('targets-page').waitFor();
}

/** State badges of one pool's visible targets. */
function poolStates(page: Page, pool: string): Promise<string[]> {
  return page.locator(`[data-testid="pool"][data-pool="${pool}"] [data-testid="target-state"]`).allTextContents();
}

describe.skipIf(missing !== null)('Targets page and containers in chromium', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness();
    page = await h.open('#/targets');
    await page.getByTestId('targets-page').waitFor({ timeout: 30_000 });
  });

  afterEach(() => {
    expect(h.pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows a pool per job and, on hover, the labels before and after relabeling', async () => {
    await expect
      .poll(() => page.getByTestId('pool').evaluateAll((ps) => ps.map((p) => (p as HTMLElement).dataset.pool)), { timeout: 20_000 })
      .toEqual(['access-log', 'docker', 'image-gallery', 'iotd-api']);
    await expect.poll(() => poolStates(page, 'image-gallery'), { timeout: 20_000 }).toEqual(['UP']);

    const labels = page.locator('[data-pool="image-gallery"] [data-testid="target-labels"]');
    const popover = labels.getByTestId('relabel-popover');
    expect(await popover.isVisible()).toBe(false);
    await labels.hover();
    await popover.waitFor({ state: 'visible' });
    expect(await popover.getByTestId('discovered-labels').getByTestId('label-chip').allTextContents()).toContain(
      '__address__="image-gallery"',
    );
    expect(await popover.getByTestId('final-labels').getByTestId('label-chip').allTextContents()).toEqual([
      'instance="image-gallery"',
      'job="image-gallery"',
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/targets-relabel-hover.png`, fullPage: true });
  });

  it('collapses a pool and filters by endpoint', async () => {
    await page.mouse.move(0, 0);
    const docker = page.locator('[data-pool="docker"]');
    await docker.getByTestId('pool-toggle').click();
    expect(await docker.getByTestId('target-row').count()).toBe(0);
    await docker.getByTestId('pool-toggle').click();
    expect(await docker.getByTestId('target-row').count()).toBe(1);

    await page.getByTestId('targets-search').fill('iotd');
    await expect.poll(() => page.getByTestId('pool').count()).toBe(1);
    expect(await page.getByTestId('target-endpoint').allTextContents()).toEqual(['http://iotd/actuator/prometheus']);
    await page.getByTestId('targets-search').fill('no-such-target');
    await page.getByTestId('targets-no-match').waitFor();
    await page.getByTestId('targets-search').fill('');
  });

  it('stops accesslog: its target turns DOWN and up{job="access-log"} is 0', async () => {
    // Pause, then reload the config so DNS discovery refreshes now and next in 30s: a stopped container leaves
    // Docker's DNS, so its target is listed (DOWN) only until that refresh.
    await page.getByTestId('clock-pause').click();
    await page.getByTestId('nav-config').click();
    await page.getByTestId('config-apply').click();
    await page.getByTestId('config-applied').waitFor();
    await forward(page, 'forward-10s', 10_000);
    await openTargets(page);
    await expect.poll(() => poolStates(page, 'access-log')).toEqual(['UP']);

    await page.getByTestId('containers-open').click();
    const row = page.locator('[data-testid="container-row"][data-container="exercises-accesslog-1"]');
    expect(await row.getByTestId('container-state').textContent()).toBe('실행 중');
    await page.getByTestId('container-stop-accesslog').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('exited');
    expect(await page.getByTestId('containers-output').textContent()).toContain('docker compose stop accesslog');

    await forward(page, 'forward-10s', 10_000);
    await expect.poll(() => poolStates(page, 'access-log')).toEqual(['DOWN']);
    expect(await page.locator('[data-pool="access-log"]').getByTestId('pool-count').textContent()).toBe('0/1 정상');
    expect(await page.locator('[data-pool="access-log"]').getByTestId('target-error').textContent()).not.toBe('');

    // Filtering by DOWN leaves only that target.
    await page.getByTestId('health-filter-down').click();
    expect(await page.getByTestId('target-state').allTextContents()).toEqual(['DOWN']);
    await page.screenshot({ path: `${ARTIFACTS}/targets-down.png`, fullPage: true });
    await page.getByTestId('health-filter-down').click();

    const rows = await queryTable(page, 'up{job="access-log"}');
    expect(rows).toHaveLength(1);
    expect(rows[0].labels).toMatch(/instance="172\.20\.0\.\d+:80"/);
    expect(rows[0].value).toBe('0');
  });

  it('starts accesslog again and discovery brings its target back UP', async () => {
    await page.getByTestId('container-start-accesslog').click();
    await forward(page, 'forward-1m', 60_000);
    await openTargets(page);
    await expect.poll(() => poolStates(page, 'access-log')).toEqual(['UP']);
    const rows = await queryTable(page, 'up{job="access-log"}');
    expect(rows.map((r) => r.value)).toEqual(['1']);
    await page.getByTestId('containers-close').click();
    expect(await page.getByTestId('containers-panel').count()).toBe(0);
  });

  it('reloads an edited config: the running view and the Targets page follow, a bad one changes nothing', async () => {
    await page.getByTestId('nav-config').click();
    await page.locator('[data-testid="config-running"] .cm-content').waitFor();
    const running = page.locator('[data-testid="config-running"] .cm-content');
    expect(await running.textContent()).toContain('scrape_interval: 10s');

    await setEditorText(page, 'config-editor', DEFAULT_CONFIG_YAML.replace('scrape_interval: 10s', 'scrape_interval: 15s'));
    await page.getByTestId('config-changed').waitFor();
    expect(await running.textContent()).toContain('scrape_interval: 10s');
    await page.getByTestId('config-apply').click();
    await expect.poll(() => running.textContent()).toContain('scrape_interval: 15s');
    expect(await page.getByTestId('config-changed').count()).toBe(0);
    expect(await page.getByTestId('config-last-reload').textContent()).toContain('성공');

    await setEditorText(page, 'config-editor', 'scrape_configs:\n  - job_name: 1: 2\n');
    await page.getByTestId('config-apply').click();
    await page.getByTestId('config-error').first().waitFor();
    expect(await page.getByTestId('config-last-reload').textContent()).toContain('실패');
    expect(await running.textContent()).toContain('scrape_interval: 15s');
    await page.screenshot({ path: `${ARTIFACTS}/config-running.png`, fullPage: true });

    await openTargets(page);
    expect(await page.locator('[data-pool="docker"] h2').textContent()).toContain('15.0s');
  });
});
