// The app's layout as a learner meets it: it fits a 1440×900 window (header and clock always in view), the terminal
// drawer takes room from the lesson panel instead of covering it, the control bar follows the world, popovers
// close on Escape, and on a 390×844 phone no page scrolls sideways, the header's parts do not overlap, and the
// dashboard stacks its panels one per row as Grafana does below its breakpoint.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/ui/routes.ts';
import { skipBrowserTests } from './harness.ts';
import { ARTIFACTS, browserSuite } from './suite.ts';
import { openRoute, SIZES } from './pages.ts';

const missing = skipBrowserTests();

type Box = { top: number; bottom: number; left: number; right: number };
const box = (page: Page, testid: string): Promise<Box> =>
  page.getByTestId(testid).first().evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
const overlap = (a: Box, b: Box) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

/** Whether the element's centre is the element itself (or inside it) to a pointer: shown and not covered. */
function reachable(page: Page, testid: string): Promise<boolean> {
  return page.getByTestId(testid).first().evaluate((e) => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === e || e.contains(hit));
  });
}

describe.skipIf(missing !== null)('layout in chromium', () => {
  let page: Page;

  browserSuite('#/query', 'clock-now', async (p) => {
    page = p;
    await page.setViewportSize(SIZES.desktop);
    await page.getByTestId('lesson-panel').waitFor();
  });

  it('fits a 1440×900 window on every page: the page never scrolls, its regions do', async () => {
    for (const route of ROUTES) {
      await openRoute(page, route);
      const { scrollHeight, scrollWidth } = await page.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth }));
      expect({ route, scrollHeight, scrollWidth }).toEqual({ route, scrollHeight: 900, scrollWidth: 1440 });
      expect((await box(page, 'clock-now')).top, route).toBeGreaterThanOrEqual(0);
    }
  });

  it('opens the terminal below the lesson panel, not over it: a step\'s ▶ command and the quiz stay reachable', async () => {
    await openRoute(page, 'query');
    await page.getByTestId('step-command').first().click();
    await page.getByTestId('terminal-input').waitFor();
    const drawer = await page.locator('.terminal-drawer').evaluate((e) => e.getBoundingClientRect().top);
    expect((await box(page, 'lesson-panel')).bottom).toBeLessThanOrEqual(drawer + 1);
    await page.getByTestId('step-command').first().scrollIntoViewIfNeeded();
    expect(await reachable(page, 'step-command')).toBe(true);
    const submit = page.getByTestId('lesson-panel').getByTestId('quiz-submit').first();
    if (await submit.count()) {
      await submit.scrollIntoViewIfNeeded();
      expect(await reachable(page, 'quiz-submit')).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(900);
    await page.screenshot({ path: `${ARTIFACTS}/layout-terminal-open.png` });
    await page.getByTestId('terminal-toggle').click();
  });

  it("follows the world's scale in the control bar after the terminal scales accesslog; a send's result moves nothing", async () => {
    await page.getByTestId('terminal-toggle').click();
    await page.getByTestId('terminal-input').fill('docker compose up -d --scale accesslog=3');
    await page.getByTestId('terminal-input').press('Enter');
    await expect.poll(() => page.getByTestId('scale-input').inputValue(), { timeout: 30_000 }).toBe('3');
    await page.getByTestId('terminal-toggle').click();
    for (const lang of ['ko', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      const before = await box(page, 'incidents-toggle');
      await page.getByTestId('send-count').fill('20');
      await page.getByTestId('send-button').click();
      await expect.poll(() => page.getByTestId('send-result').textContent(), { timeout: 30_000 }).toMatch(/\b20\b/);
      expect(await box(page, 'incidents-toggle'), lang).toEqual(before);
    }
    // In Korean the whole bar is one row at 1440 px: 사고 일으키기 sits beside the clock.
    await page.getByTestId('lang-ko').click();
    expect(Math.abs((await box(page, 'incidents-toggle')).top - (await box(page, 'clock-now')).top)).toBeLessThan(12);
  });

  it('closes the incidents and containers popovers on Escape', async () => {
    await page.getByTestId('incidents-toggle').click();
    expect(await page.getByTestId('incidents').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('incidents').getAttribute('open')).toBeNull();
    await page.getByTestId('containers-open').click();
    await page.getByTestId('containers-panel').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('containers-panel').waitFor({ state: 'detached' });
  });

  it('on a 390×844 phone: no page scrolls sideways, the header badge leaves the menu alone, the pause button stays on one line', async () => {
    await page.setViewportSize(SIZES.phone);
    for (const lang of ['ko', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const route of ROUTES) {
        await openRoute(page, route);
        const sideways = await page.evaluate(() => {
          const ws = document.querySelector('.workspace')!;
          return { page: document.documentElement.scrollWidth, workspace: ws.scrollWidth, width: innerWidth };
        });
        expect({ route, lang, ...sideways }).toEqual({ route, lang, page: 390, workspace: 390, width: 390 });
      }
      expect(overlap(await box(page, 'datasource-badge'), await box(page, 'nav-toggle')), lang).toBe(false);
      expect(overlap(await box(page, 'datasource-badge'), await box(page, 'lang-ko')), lang).toBe(false);
      // Both language buttons whole: neither squeezed by the badge.
      for (const l of ['ko', 'en']) expect(await page.getByTestId(`lang-${l}`).evaluate((e) => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().width >= 24), `${lang} ${l}`).toBe(true);
      // As tall as the one-line "+10s" beside it.
      const pause = await page.locator('[data-testid="clock-pause"], [data-testid="clock-play"]').first().evaluate((e) => e.getBoundingClientRect().height);
      const forward = await box(page, 'forward-10s');
      expect(pause, lang).toBeLessThanOrEqual(forward.bottom - forward.top + 1);
    }
    await page.getByTestId('lang-ko').click();
  });

  it('on a phone the incidents popover fits the window and closes by its own button', async () => {
    await page.setViewportSize(SIZES.phone);
    await page.getByTestId('incidents-toggle').click();
    const panel = await page.locator('[data-testid="incidents"] .panel').evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left >= 0, right: r.right <= innerWidth };
    });
    expect(panel).toEqual({ left: true, right: true });
    await page.screenshot({ path: `${ARTIFACTS}/incidents-phone.png` });
    await page.getByTestId('incidents-close').click();
    expect(await page.getByTestId('incidents').getAttribute('open')).toBeNull();
  });

  it('on a phone the terminal wraps long lines instead of scrolling sideways', async () => {
    await page.getByTestId('terminal-toggle').click();
    await page.getByTestId('terminal-input').fill(`echo ${'x'.repeat(200)}`);
    await page.getByTestId('terminal-input').press('Enter');
    const t = await page.getByTestId('terminal').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, left: e.scrollLeft, right: e.getBoundingClientRect().right }));
    expect(t.scroll).toBeLessThanOrEqual(t.client);
    expect(t.left).toBe(0);
    expect(t.right).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}/layout-phone-terminal.png` });
    await page.getByTestId('terminal-toggle').click();
    await page.setViewportSize(SIZES.desktop);
  });
});
