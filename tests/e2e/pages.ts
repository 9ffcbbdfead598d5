// Small page helpers for the browser tests: the editor, the virtual clock and the Query page's table.

import type { Page } from 'playwright-core';

export async function setEditorText(page: Page, testid: string, text: string): Promise<void> {
  const content = page.locator(`[data-testid="${testid}"] .cm-content`).first();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

export async function virtualNow(page: Page): Promise<number> {
  return Date.parse((await page.getByTestId('clock-now').getAttribute('datetime'))!);
}

/**
 * Clicks a fast-forward button and waits until the virtual clock has moved at least `ms`. It waits in the page,
 * not with expect.poll, so that a suite's beforeAll can use it too.
 */
export async function forward(page: Page, testid: string, ms: number, timeout = 30_000): Promise<void> {
  const before = await virtualNow(page);
  await page.getByTestId(testid).click();
  await page.waitForFunction(
    (until) => Date.parse(document.querySelector('[data-testid="clock-now"]')!.getAttribute('datetime')!) >= until,
    before + ms,
    { timeout },
  );
}

/** Types `expr` into the (first) query editor and runs it. */
export async function runQuery(page: Page, expr: string): Promise<void> {
  await setEditorText(page, 'query-editor', expr);
  await page.getByTestId('query-execute').first().click();
}

/** The Query page's table tab: its rows once the table (or its empty note) shows. */
export async function tableRows(page: Page): Promise<{ labels: string; value: string }[]> {
  await page.getByTestId('tab-table').click();
  await page.locator('[data-testid="result-table"], [data-testid="result-empty"]').first().waitFor();
  return page.getByTestId('result-row').evaluateAll((rows) =>
    rows.map((r) => ({
      labels: r.querySelector('[data-testid="result-labels"]')!.textContent!.trim(),
      value: r.querySelector('[data-testid="result-value"]')!.textContent!.trim(),
    })),
  );
}

/** Runs `expr` on the Query page and returns the table's rows. */
export async function queryTable(page: Page, expr: string): Promise<{ labels: string; value: string }[]> {
  await openPage(page, 'query', 'query-page');
  await runQuery(page, expr);
  return tableRows(page);
}

/**
 * Goes to a page through the header: a page inside a group ("Status ▾", "Tools ▾") is reached by opening
 * the group first, as a learner would.
 */
export async function goTo(page: Page, route: string): Promise<void> {
  const link = page.getByTestId(`nav-${route}`);
  await link.waitFor({ state: 'attached' });
  if (!(await link.isVisible())) {
    const group = await link.getAttribute('data-nav-group');
    if (group) await page.getByTestId(`nav-group-${group}`).click();
  }
  await link.click();
}

/** Goes to a page through the header (see goTo) and waits for its root element, `testid`. */
export async function openPage(page: Page, route: string, testid: string): Promise<void> {
  await goTo(page, route);
  await page.getByTestId(testid).waitFor();
}

/** The two screens every page must work on: a laptop and a phone. */
export const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** Goes to `#/route` by its address (no reload) and waits until the page has drawn and settled. */
export async function openRoute(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => (location.hash = `#/${r}`), route);
  await page.waitForFunction(() => document.querySelector('main > :not(p.muted)') !== null);
  // Pages fill in from the store and the first queries; let them land before looking.
  await page.waitForTimeout(600);
}
