// The hooks every one-tab browser suite repeats, in one place.

import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

/** Where the suites leave their screenshots; browserSuite makes it. */
export const ARTIFACTS = 'tests/e2e/artifacts';

/**
 * Registers a suite's hooks: before its tests a harness and a tab on `hash`, once the element `ready` (a test id)
 * shows, handed to `setup` (which keeps them and prepares what the tests need); after each test, no page error (a
 * learner would meet a broken page); after all, everything closed.
 */
export function browserSuite(hash: string, ready: string | null, setup: (page: Page, h: Harness) => unknown): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness();
    const page = await h.open(hash);
    if (ready !== null) await page.getByTestId(ready).waitFor({ timeout: 30_000 });
    await setup(page, h);
  });
  afterEach(() => {
    expect(h!.pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });
}
