// Every page passes axe-core's WCAG 2 A and AA rules, in Korean and English, on a desktop and a phone. axe is
// evaluated into the page through playwright (the page's strict CSP stays as it is: evaluate is not a page script).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/ui/routes.ts';
import { skipBrowserTests } from './harness.ts';
import { browserSuite } from './suite.ts';
import { openRoute, SIZES } from './pages.ts';

const missing = skipBrowserTests();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  nodes: { target: unknown[] }[];
}

/** One line per failing node: where, which rule, which element. */
async function audit(page: Page, where: string): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[] }> } }).axe;
    const res = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return res.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} ${n.target.join(' ')}`));
}

describe.skipIf(missing !== null)('accessibility (axe-core, WCAG 2 A/AA) in chromium', () => {
  let page: Page;

  browserSuite('#/query', 'clock-now', async (p) => {
    page = p;
    await page.getByTestId('lesson-panel').waitFor();
    await page.evaluate(AXE);
  });

  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const lang of ['ko', 'en'] as const) {
      it(`has no violations on any of the ${ROUTES.length} pages at ${size} in ${lang}`, { timeout: 400_000 }, async () => {
        await page.setViewportSize(viewport);
        await page.getByTestId(`lang-${lang}`).click();
        const found: string[] = [];
        for (const route of ROUTES) {
          await openRoute(page, route);
          found.push(...(await audit(page, `${size} ${lang} #/${route}`)));
        }
        expect(found).toEqual([]);
      });
    }
  }
});
