// Importing a real setup's prometheus.yml on the Graduation page: what the playground cannot simulate is listed
// with its place in the pasted text, the rest is applied, and the Targets page shows the job that is left.

import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startHarness, type Harness } from './harness.ts';

const missing = browserMissing();
if (missing && process.env.CI) throw new Error(`e2e: ${missing}; CI must run the browser tests`);
if (missing) console.warn(`e2e skipped: ${missing}`);

const ARTIFACTS = 'tests/e2e/artifacts';

const PASTED = `global:
  scrape_interval: 5s
rule_files:
  - rules/prod-alerts.yml
remote_write:
  - url: https://mimir.example.com/api/v1/push
scrape_configs:
  - job_name: kubernetes-pods
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        action: keep
        regex: "true"
  - job_name: gallery
    static_configs:
      - targets: ['image-gallery']
`;

/** Follows a link to a page, as the nav does (its menus are another test's business). */
async function go(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => (location.hash = `#/${r}`), route);
}

describe.skipIf(missing !== null)('Importing a prometheus.yml in chromium', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness();
    page = await h.open('#/graduation');
    await page.getByTestId('import-config-panel').waitFor({ timeout: 30_000 });
  });

  afterEach(() => {
    expect(h.pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists what it takes out, with line:col, and says the rest loads', async () => {
    await page.getByTestId('import-config-text').fill(PASTED);
    await page.getByTestId('import-config-check').click();
    const removed = page.getByTestId('import-removed');
    await expect.poll(() => page.getByTestId('import-removed-path').allTextContents()).toEqual([
      'remote_write',
      'scrape_configs[0]',
      'scrape_configs[0].kubernetes_sd_configs',
    ]);
    const k8s = removed.and(page.locator('[data-path="scrape_configs[0].kubernetes_sd_configs"]'));
    expect(await k8s.getByTestId('import-removed-pos').textContent()).toBe('9:5');
    expect(await k8s.getByTestId('import-removed-why').textContent()).toContain('kubernetes_sd_configs');
    expect(await page.getByTestId('import-config-loads').textContent()).toContain('gallery');
    expect(await page.getByTestId('import-config-errors').count()).toBe(0);
    // Rule files of the real setup are not on the playground's disk: said, not ignored.
    expect(await page.getByTestId('import-config-missing-files').textContent()).toContain('/etc/prometheus/rules/prod-alerts.yml');
    expect(await page.getByTestId('import-dashboards-link').getAttribute('href')).toBe('#/dashboards');
    await page.getByTestId('import-config-panel').screenshot({ path: `${ARTIFACTS}/graduation-import.png` });
  });

  it('applies the trimmed config, keeps the pasted text, and the Targets page shows the static job', async () => {
    await page.getByTestId('import-config-apply').click();
    await expect.poll(() => page.getByTestId('import-config-status').textContent()).toContain('gallery');
    expect(await page.getByTestId('import-config-text').inputValue()).toBe(PASTED);

    await go(page, 'targets');
    await page.getByTestId('targets-page').waitFor();
    await expect
      .poll(() => page.getByTestId('pool').evaluateAll((ps) => ps.map((p) => (p as HTMLElement).dataset.pool)), { timeout: 20_000 })
      .toEqual(['gallery']);
    await expect
      .poll(() => page.locator('[data-testid="pool"][data-pool="gallery"] [data-testid="target-state"]').allTextContents(), {
        timeout: 30_000,
      })
      .toEqual(['UP']);
  });

  it('shows the errors left after trimming with their line:col, and applies nothing', async () => {
    await go(page, 'graduation');
    await page.getByTestId('import-config-panel').waitFor();
    await page.getByTestId('import-config-text').fill('scrape_configs:\n  - job_name: x\n    tls_config: {}\n    scrape_interval: 5s\n    scrape_timeout: 9s\n');
    await page.getByTestId('import-config-apply').click();
    await expect.poll(() => page.getByTestId('import-config-error').allTextContents()).toEqual([
      '5:21 scrape timeout greater than scrape interval for scrape config with job name "x"',
    ]);
    expect(await page.getByTestId('import-config-status').getAttribute('class')).toContain('error');
    expect(await page.getByTestId('import-removed-path').allTextContents()).toEqual(['scrape_configs[0].tls_config']);
  });
});
