// The header navigation in a real browser: a few pages at the top, the rest in "Status ▾" and "Tools ▾".
// Each group opens and is walked with the keyboard (Enter/Space, arrows, Home/End, Escape back to its button),
// the current page is marked inside its group, a click outside closes it, and on a narrow screen the whole
// navigation folds into one menu button.

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowserTests, startHarness, type Harness } from './harness.ts';

const missing = skipBrowserTests();

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const expanded = (page: Page, group: string) => page.getByTestId(`nav-group-${group}`).getAttribute('aria-expanded');

describe.skipIf(!!missing)('header navigation', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });
  afterEach(async () => {
    await page?.close();
    expect(h.pageErrors).toEqual([]);
  });

  it('opens each group with the keyboard and reaches a page in it', async () => {
    page = await h.open('#/query');
    await page.getByTestId('lang-ko').click();
    const status = page.getByTestId('nav-group-status');
    expect((await status.textContent())!.trim()).toContain('상태');
    // Top-level pages are plain links; grouped ones wait behind their button.
    expect(await page.getByTestId('nav-query').isVisible()).toBe(true);
    expect(await page.getByTestId('nav-targets').isVisible()).toBe(false);
    expect(await expanded(page, 'status')).toBe('false');

    // Status ▾: Enter opens, ArrowDown walks the links, Escape closes and gives the focus back.
    await status.focus();
    await page.keyboard.press('Enter');
    expect(await expanded(page, 'status')).toBe('true');
    await page.getByTestId('nav-targets').waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('nav-targets');
    await page.keyboard.press('Escape');
    expect(await expanded(page, 'status')).toBe('false');
    expect(await focusedTestId(page)).toBe('nav-group-status');

    await page.keyboard.press('ArrowDown');
    expect(await expanded(page, 'status')).toBe('true');
    expect(await focusedTestId(page)).toBe('nav-targets');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('nav-service-discovery');
    await page.keyboard.press('Enter');
    await page.getByTestId('sd-page').waitFor();
    expect(page.url()).toContain('#/service-discovery');
    expect(await expanded(page, 'status')).toBe('false');
    // The page is marked inside its group, and the group itself is marked too.
    expect(await page.getByTestId('nav-service-discovery').getAttribute('aria-current')).toBe('page');
    expect(await status.getAttribute('class')).toMatch(/\bactive\b/);
    expect(await page.getByTestId('nav-group-tools').getAttribute('class')).not.toMatch(/\bactive\b/);

    // Tools ▾: Space opens, End jumps to the last link, ArrowDown wraps round to the first.
    const tools = page.getByTestId('nav-group-tools');
    await tools.focus();
    await page.keyboard.press(' ');
    expect(await expanded(page, 'tools')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('nav-explorer');
    await page.keyboard.press('End');
    expect(await focusedTestId(page)).toBe('nav-graduation');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('nav-explorer');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('nav-alertmanager');
    await page.keyboard.press('Enter');
    await page.getByTestId('alertmanager-page').waitFor();
    expect(await expanded(page, 'tools')).toBe('false');
    expect(await tools.getAttribute('class')).toMatch(/\bactive\b/);
    expect(await status.getAttribute('class')).not.toMatch(/\bactive\b/);

    // A click outside an open group closes it; the labels follow the language.
    await status.click();
    expect(await expanded(page, 'status')).toBe('true');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    expect(await expanded(page, 'status')).toBe('false');
    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await status.textContent())!.trim()).toContain('Status');
    expect((await tools.textContent())!.trim()).toContain('Tools');
  }, 60_000);

  it('folds into one menu on a narrow screen', async () => {
    page = await h.open('#/query');
    await page.setViewportSize({ width: 600, height: 800 });
    const toggle = page.getByTestId('nav-toggle');
    expect(await page.getByTestId('nav-query').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('nav-logs').isVisible()).toBe(true);
    await page.getByTestId('nav-group-status').click();
    await page.getByTestId('nav-targets').click();
    await page.getByTestId('targets-page').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('nav-query').isVisible()).toBe(false);
    // Escape folds it again from the keyboard.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('nav-query').focus();
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedTestId(page)).toBe('nav-toggle');
  }, 60_000);
});
