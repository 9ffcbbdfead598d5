// Serves the built app with `vite preview` on a free 127.0.0.1 port and drives Debian's chromium through
// playwright-core. Shared by the e2e tests and bench/browser.ts.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (install it with: apt-get install -y chromium)`;
}

/**
 * The preamble of every browser test file: why its tests are skipped here (also `also`, another thing they
 * need), or null when they run. On CI a missing browser fails the run instead, since CI must run `what`.
 */
export function skipBrowserTests(also: () => string | null = () => null, what = 'the browser tests'): string | null {
  const missing = browserMissing() ?? also();
  if (missing && process.env.CI) throw new Error(`e2e: ${missing}; CI must run ${what}`);
  if (missing) console.warn(`e2e skipped: ${missing}`);
  return missing;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Harness {
  readonly url: string;
  readonly context: BrowserContext;
  /** Uncaught errors and CSP violations of every page opened so far: a learner would meet a broken page, so tests assert there are none. */
  readonly pageErrors: string[];
  /** A fresh tab on the app, `hash` being a route like '#/targets'. */
  open(hash?: string): Promise<Page>;
  close(): Promise<void>;
}

/** The built app to serve: dist/, or PROMLAB_DIST so that several builds can be tested side by side. */
export const DIST = process.env.PROMLAB_DIST ?? 'dist';

/** Needs `vite build` to have run: serves DIST (or `dist`, for benchmarks that compare builds). */
export async function startHarness(dist = DIST): Promise<Harness> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/ is missing: run \`vite build\` first`);
  const port = await freePort();
  const server = await preview({
    logLevel: 'warn',
    build: { outDir: dist },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = `http://127.0.0.1:${port}/`;
  const profile = mkdtempSync(join(tmpdir(), 'promlab-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 860 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const pageErrors: string[] = [];
  return {
    url,
    context,
    pageErrors,
    async open(hash = '') {
      const page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(err.message));
      // A script or style the Content-Security-Policy refused is a broken page too.
      page.on('console', (msg) => {
        if (msg.type() === 'error' && msg.text().includes('Content Security Policy')) pageErrors.push(msg.text());
      });
      await page.goto(url + hash);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
