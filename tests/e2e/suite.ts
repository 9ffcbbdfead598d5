// The hooks every one-tab browser suite repeats, in one place.

import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

/** Where the suites leave their screenshots; browserSuite makes it. */
export const ARTIFACTS = 'tests/e2e/artifacts';

/**
 * Registers a suite's hooks: before its tests a harness and a tab on `hash`, handed to `setup` (which keeps them
 * and waits for what the tests need); after each test, no page error (a learner would meet a broken page); after
 * all, everything closed.
 */
export function browserSuite(hash: string, setup: (page: Page, h: Harness) => Promise<void>): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness();
    await setup(await h.open(hash), h);
  });
  afterEach(() => {
    expect(h!.pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });
}
