// The Targets page in a real browser: pools and labels before/after relabeling, then `docker compose stop
// accesslog` from the containers panel: its target turns DOWN and `up` drops to 0 on the Query page.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './harness.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { forward, goTo, openPage, queryTable, setEditorText } from './pages.ts';

const missing = skipBrowserTests();

/** State badges of one pool's visible targets. */
function poolStates(page: Page, pool: string): Promise<string[]> {
  return page.locator(`[data-testid="pool"][data-pool="${pool}"] [data-testid="target-state"]`).allTextContents();
}

describe.skipIf(missing !== null)('Targets page and containers in chromium', () => {
  let page: Page;

  browserSuite('#/targets', 'targets-page', (p) => (page = p));

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
    // The popover leads to the step-by-step view.
    await popover.getByTestId('relabel-link').click();
    await page.getByTestId('sd-page').waitFor();
    await openPage(page, 'targets', 'targets-page');
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

  it('stops one accesslog replica: its target turns DOWN and its up{job="access-log"} is 0', async () => {
    await page.getByTestId('scale-input').fill('2');
    await page.getByTestId('scale-apply').click();
    await expect.poll(() => page.getByTestId('replica-count').textContent()).toBe('2');
    // Pause, then reload the config so DNS discovery refreshes now and next in 30s: a stopped container leaves
    // Docker's DNS, so its target is listed (DOWN) only until that refresh.
    await page.getByTestId('clock-pause').click();
    await goTo(page, 'config');
    await page.getByTestId('config-apply').click();
    await page.getByTestId('config-applied').waitFor();
    await forward(page, 'forward-10s', 10_000);
    await openPage(page, 'targets', 'targets-page');
    await expect.poll(() => poolStates(page, 'access-log')).toEqual(['UP', 'UP']);

    await page.getByTestId('containers-open').click();
    const row = page.locator('[data-testid="container-row"][data-container="exercises-accesslog-1"]');
    expect(await row.getByTestId('container-state').textContent()).toBe('실행 중');
    const ip = (await row.getByTestId('container-ip').textContent())!;
    await row.getByTestId('container-stop').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('exited');
    expect(await page.getByTestId('containers-output').textContent()).toContain('docker stop exercises-accesslog-1');

    await forward(page, 'forward-10s', 10_000);
    const pool = page.locator('[data-pool="access-log"]');
    const stopped = pool.locator('[data-testid="target-row"]', { hasText: `http://${ip}:80/metrics` });
    await expect.poll(() => stopped.getByTestId('target-state').textContent()).toBe('DOWN');
    expect((await poolStates(page, 'access-log')).sort()).toEqual(['DOWN', 'UP']);
    expect(await pool.getByTestId('pool-count').textContent()).toBe('1/2 정상');
    expect(await stopped.getByTestId('target-error').textContent()).not.toBe('');

    // Filtering by DOWN leaves only that target.
    await page.getByTestId('health-filter-down').click();
    expect(await page.getByTestId('target-endpoint').allTextContents()).toEqual([`http://${ip}:80/metrics`]);
    await page.screenshot({ path: `${ARTIFACTS}/targets-down.png`, fullPage: true });
    await page.getByTestId('health-filter-down').click();

    const rows = await queryTable(page, 'up{job="access-log"}');
    expect(rows).toHaveLength(2);
    const value = (inst: string) => rows.find((r) => r.labels.includes(`instance="${inst}"`))?.value;
    expect(value(`${ip}:80`)).toBe('0');
    expect(rows.filter((r) => r.value === '1')).toHaveLength(1);
  });

  it('starts the replica again and discovery brings its target back UP', async () => {
    await page.locator('[data-container="exercises-accesslog-1"]').getByTestId('container-start').click();
    await forward(page, 'forward-1m', 60_000);
    await openPage(page, 'targets', 'targets-page');
    await expect.poll(() => poolStates(page, 'access-log')).toEqual(['UP', 'UP']);
    const rows = await queryTable(page, 'up{job="access-log"}');
    expect(rows.map((r) => r.value)).toEqual(['1', '1']);
    await page.getByTestId('containers-close').click();
    expect(await page.getByTestId('containers-panel').count()).toBe(0);
  });

  it('injects faults: a broken /metrics and a slow answer turn targets DOWN with the scrape error', async () => {
    await page.getByTestId('containers-open').click();
    const iotd = page.locator('[data-testid="container-row"][data-container="exercises-iotd-1"]');
    const gallery = page.locator('[data-testid="container-row"][data-container="exercises-image-gallery-1"]');
    await iotd.getByTestId('container-malformed').check();
    await gallery.getByTestId('container-latency').selectOption('15000');
    await forward(page, 'forward-1m', 60_000);

    await openPage(page, 'targets', 'targets-page');
    await expect.poll(() => poolStates(page, 'iotd-api')).toEqual(['DOWN']);
    expect(await page.locator('[data-pool="iotd-api"]').getByTestId('target-error').textContent()).not.toBe('');
    await expect.poll(() => poolStates(page, 'image-gallery')).toEqual(['DOWN']);
    expect(await page.locator('[data-pool="image-gallery"]').getByTestId('target-error').textContent()).toContain(
      'context deadline exceeded',
    );
    await page.screenshot({ path: `${ARTIFACTS}/targets-faults.png`, fullPage: true });

    await iotd.getByTestId('container-malformed').uncheck();
    await gallery.getByTestId('container-latency').selectOption('0');
    await forward(page, 'forward-1m', 60_000);
    await expect.poll(() => poolStates(page, 'iotd-api')).toEqual(['UP']);
    await expect.poll(() => poolStates(page, 'image-gallery')).toEqual(['UP']);
    await page.getByTestId('containers-close').click();
  });

  it('reloads an edited config: the running view and the Targets page follow, a bad one changes nothing', async () => {
    await goTo(page, 'config');
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

    // With defaults, as Prometheus' /config page shows it: what the learner did not write is there too.
    expect(await running.textContent()).not.toContain('evaluation_interval');
    await page.getByTestId('config-view-effective').click();
    await expect.poll(() => running.textContent()).toContain('evaluation_interval: 1m');
    expect(await running.textContent()).toContain('scrape_timeout: 10s');
    await page.getByTestId('config-view-written').click();
    await expect.poll(() => running.textContent()).not.toContain('evaluation_interval');

    await openPage(page, 'targets', 'targets-page');
    expect(await page.locator('[data-pool="docker"] h2').textContent()).toContain('15.0s');
  });

  it('shows discovered vs target labels, a dropped target and why, and each rule step by step', async () => {
    await page.getByTestId('scale-input').fill('2');
    await page.getByTestId('scale-apply').click();
    await expect.poll(() => page.getByTestId('replica-count').textContent()).toBe('2');

    // Drop the first replica by address; copy the DNS name into a `service` label.
    const relabeled = DEFAULT_CONFIG_YAML.replace(
      '        port: 80\n',
      '        port: 80\n' +
        '    relabel_configs:\n' +
        '      - source_labels: [__address__]\n' +
        '        regex: "172\\\\.20\\\\.0\\\\.6:80"\n' +
        '        action: drop\n' +
        '      - source_labels: [__meta_dns_name]\n' +
        '        target_label: service\n',
    );
    await goTo(page, 'config');
    await setEditorText(page, 'config-editor', relabeled);
    await page.getByTestId('config-apply').click();
    await page.getByTestId('config-applied').waitFor();
    await forward(page, 'forward-10s', 10_000);

    await openPage(page, 'service-discovery', 'sd-page');
    const pool = page.locator('[data-testid="sd-pool"][data-pool="access-log"]');
    await expect.poll(() => pool.getByTestId('sd-pool-count').textContent()).toBe('활성 1 / 전체 2');

    const dropped = pool.locator('[data-testid="sd-target"][data-state="dropped"]');
    expect(await dropped.getByTestId('sd-discovered').textContent()).toContain('__address__="172.20.0.6:80"');
    expect(await dropped.getByTestId('sd-dropped-why').textContent()).toBe('relabel_configs 규칙 1번이 버렸습니다');
    await dropped.getByTestId('sd-steps-toggle').click();
    const droppedSteps = pool.getByTestId('relabel-steps');
    expect(await droppedSteps.getByTestId('relabel-rule').count()).toBe(1);
    await droppedSteps.getByTestId('relabel-dropped').waitFor();
    await dropped.getByTestId('sd-steps-toggle').click();

    const active = pool.locator('[data-testid="sd-target"][data-state="active"]');
    expect(await active.getByTestId('sd-target-labels').getByTestId('label-chip').allTextContents()).toEqual([
      'instance="172.20.0.7:80"',
      'job="access-log"',
      'service="accesslog"',
    ]);
    await active.getByTestId('sd-steps-toggle').click();
    const steps = pool.getByTestId('relabel-steps');
    expect(await steps.getByTestId('relabel-rule').count()).toBe(2);
    const outputs = steps.getByTestId('relabel-output');
    // Rule 1 keeps the target unchanged; rule 2 adds service="accesslog".
    expect(await outputs.nth(0).locator('[data-change]:not([data-change="same"])').count()).toBe(0);
    expect(await outputs.nth(1).locator('[data-change="added"]').allTextContents()).toEqual(['+service"accesslog"']);
    const final = steps.getByTestId('relabel-final');
    expect(await final.locator('[data-change="added"] .name').allTextContents()).toEqual(['instance']);
    expect(await final.locator('[data-change="removed"] .name').allTextContents()).toContain('__meta_dns_name');
    await page.screenshot({ path: `${ARTIFACTS}/service-discovery.png`, fullPage: true });

    // Only dropped targets.
    await page.getByTestId('sd-show-dropped').click();
    expect(await page.getByTestId('sd-target').count()).toBe(1);
    await page.getByTestId('sd-show-all').click();

    // In English too.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => pool.getByTestId('sd-pool-count').textContent()).toBe('1 active / 2 total');
    expect(await dropped.getByTestId('sd-dropped-why').textContent()).toBe('relabel_configs rule 1 dropped it');
    expect(await steps.getByTestId('relabel-rule').first().locator('thead').textContent()).toContain('Rule 1');
    await page.getByTestId('lang-ko').click();
  });

  it('edits in-page files: a rule file is checked at line:col, a saved file_sd file adds a target', async () => {
    const withFiles =
      'rule_files:\n  - rules/*.yml\n' +
      DEFAULT_CONFIG_YAML +
      '  - job_name: "web"\n    file_sd_configs:\n      - files: ["targets/*.yml"]\n';
    await goTo(page, 'config');
    await setEditorText(page, 'config-editor', withFiles);
    await page.getByTestId('config-apply').click();
    await page.getByTestId('config-applied').waitFor();

    await page.getByTestId('file-new-path').fill('rules/test.yml');
    await page.getByTestId('file-create').click();
    const item = page.locator('[data-testid="file-item"][data-path="/etc/prometheus/rules/test.yml"]');
    await expect.poll(() => item.textContent()).toContain('규칙 파일');
    await setEditorText(page, 'file-editor', 'groups:\n  - name: g\n    rules:\n      - record: "not a name"\n        expr: up\n');
    await expect.poll(() => page.getByTestId('file-error').first().textContent()).toMatch(/^4:\d+: /);
    await page.locator('[data-testid="file-editor"] .cm-lintRange-error').first().waitFor();
    await setEditorText(page, 'file-editor', 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n');
    await page.getByTestId('file-ok').waitFor();
    await page.getByTestId('file-save').click();
    await expect.poll(() => page.getByTestId('file-save').isDisabled()).toBe(true);

    await page.getByTestId('file-new-path').fill('targets/web.yml');
    await page.getByTestId('file-create').click();
    await expect
      .poll(() => page.locator('[data-testid="file-item"][data-path="/etc/prometheus/targets/web.yml"]').textContent())
      .toContain('file_sd: web');
    await setEditorText(page, 'file-editor', '- targets: ["iotd"]\n  labels:\n    team: gallery\n');
    await page.getByTestId('file-save').click();
    await page.screenshot({ path: `${ARTIFACTS}/config-files.png`, fullPage: true });
    await forward(page, 'forward-10s', 10_000);

    await openPage(page, 'targets', 'targets-page');
    const web = page.locator('[data-testid="pool"][data-pool="web"]');
    await expect.poll(() => web.getByTestId('target-endpoint').allTextContents()).toEqual(['http://iotd/metrics']);
    expect(await web.getByTestId('label-chip').allTextContents()).toContain('team="gallery"');

    // A broken target file: the editor points at it, the Service discovery page reports it, the last good targets stay.
    await goTo(page, 'config');
    await page.locator('[data-testid="file-item"][data-path="/etc/prometheus/targets/web.yml"]').click();
    await setEditorText(page, 'file-editor', '- targets: "iotd"\n');
    await expect.poll(() => page.getByTestId('file-error').first().textContent()).toMatch(/^1:\d+: /);
    await page.getByTestId('file-save').click();
    await forward(page, 'forward-10s', 10_000);
    await goTo(page, 'service-discovery');
    await expect
      .poll(() => page.getByTestId('sd-file-error').first().textContent())
      .toMatch(/^\s*web: \/etc\/prometheus\/targets\/web\.yml:1:\d+: /);
    await openPage(page, 'targets', 'targets-page');
    expect(await web.getByTestId('target-endpoint').allTextContents()).toEqual(['http://iotd/metrics']);
  });
});
