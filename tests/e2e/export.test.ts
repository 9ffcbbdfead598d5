// The export page in a real browser: the listing is the zip's own contents, a default playground's zip runs the
// Alertmanager its prometheus.yml sends alerts to, and the accesslog scale survives a reload into the README.

import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { openPage } from './pages.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';

const missing = skipBrowserTests();

/** The zip behind the download link, unpacked: path → text. */
async function downloaded(page: Page): Promise<Map<string, string>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const bytes = readFileSync((await download.path())!);
  return new Map(Object.entries(unzipSync(new Uint8Array(bytes))).map(([p, data]) => [p.replace(/^promlab-export\//, ''), strFromU8(data)]));
}

const listed = (page: Page) => page.getByTestId('export-files').locator('li').allTextContents();

describe.skipIf(missing !== null)('the export in chromium', () => {
  let page: Page;

  browserSuite('#/graduation', 'graduation-page', (p) => (page = p));

  it('lists exactly what the zip holds, Alertmanager included, as soon as the page opens', async () => {
    await page.getByTestId('export-files').waitFor();
    const zip = await downloaded(page);
    expect((await listed(page)).sort()).toEqual([...zip.keys()].sort());
    expect(zip.has('alertmanager/alertmanager.yml')).toBe(true);
    expect(parse(zip.get('prometheus/prometheus.yml')!).alerting.alertmanagers[0].static_configs[0].targets).toEqual(['alertmanager:9093']);
    expect(parse(zip.get('docker-compose.yml')!).services.alertmanager.ports).toEqual(['9093:9093']);
    expect(zip.get('README.md')).toContain('accesslog runs 1 replica(s)');
  });

  it('keeps the accesslog scale across a reload, and the README says so', async () => {
    await page.getByTestId('terminal-toggle').click();
    const input = page.getByTestId('terminal-input');
    await input.fill('docker compose up -d --scale accesslog=3');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('replica-count').textContent(), { timeout: 30_000 }).toBe('3');
    await page.reload();
    await page.getByTestId('graduation-page').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('replica-count').textContent(), { timeout: 30_000 }).toBe('3');
    await openPage(page, 'graduation', 'graduation-page');
    await page.getByTestId('export-files').waitFor();
    const zip = await downloaded(page);
    expect(zip.get('README.md')).toContain('accesslog runs 3 replica(s)');
    expect(parse(zip.get('docker-compose.yml')!).services.accesslog.deploy.replicas).toBe(3);
    await page.screenshot({ path: `${ARTIFACTS}/export.png` });
  });
});
