// Fast-forward figures in Chromium: the wall time of one virtual hour pressed as +10m six times (median of 3),
// the longest main-thread task during the chapter's hour, and keypress-to-paint in the query editor while the
// clock runs. Each run is a fresh profile on the built app (PROMLAB_DIST selects the build, for before/after).

import type { Page } from 'playwright-core';
import { DIST, startHarness } from '../tests/e2e/harness.ts';
import { forward, goTo, setEditorText, virtualNow } from '../tests/e2e/pages.ts';

const TEN_MINUTES = 10 * 60_000;

interface Scenario {
  readonly replicas: number;
  /** 'query' or 'dashboards' (the book's dashboard on "last 1h"). */
  readonly page: 'query' | 'dashboards';
}

async function scale(page: Page, replicas: number): Promise<void> {
  if (replicas === 1) return;
  await page.getByTestId('scale-input').fill(String(replicas));
  await page.getByTestId('scale-apply').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="replica-count"]')?.textContent?.trim() === String(n), replicas, { timeout: 30_000 });
}

async function prepare(page: Page, s: Scenario): Promise<void> {
  await page.getByTestId('clock-now').waitFor({ timeout: 60_000 });
  await page.getByTestId('clock-pause').click();
  await scale(page, s.replicas);
  if (s.page === 'dashboards') {
    await goTo(page, 'dashboards');
    await page.locator('[data-testid="dashboard-page"][data-loaded="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('time-range').selectOption('now-1h');
  } else {
    await page.getByTestId('query-page').waitFor();
  }
}

/** Wall ms for six +10m presses, each waiting until the clock shows the new time. */
async function hour(page: Page): Promise<number> {
  const start = Date.now();
  // Up to 5 wall minutes a press: a busy machine is slow.
  for (let i = 0; i < 6; i++) await forward(page, 'forward-10m', TEN_MINUTES, 300_000);
  return Date.now() - start;
}

async function once(s: Scenario, longTasks: boolean, dist: string): Promise<{ ms: number; longTaskMax: number }> {
  const h = await startHarness(dist);
  try {
    const page = await h.open('#/query');
    await prepare(page, s);
    if (longTasks) {
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
        }).observe({ type: 'longtask' });
      });
    }
    const ms = await hour(page);
    const longTaskMax = longTasks ? await page.evaluate(() => (window as unknown as { __longest: number }).__longest) : 0;
    return { ms, longTaskMax };
  } finally {
    await h.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * ff_1h_* figures and the longest main-thread task of the chapter's hours (median of the runs' maxima). With
 * several builds, runs alternate between them (A B A B A B), so a busy machine weighs on each alike; each
 * figure's name then carries its build's label.
 */
export async function ffBench(print: (name: string, value: number, unit: string) => void, only?: string, builds: Record<string, string> = { '': DIST }): Promise<void> {
  const scenarios: [string, Scenario][] = [
    ['ff_1h_default_ms', { replicas: 1, page: 'query' }],
    ['ff_1h_chapter_ms', { replicas: 3, page: 'dashboards' }],
    ['ff_1h_scale9_ms', { replicas: 9, page: 'query' }],
  ];
  const labels = Object.keys(builds);
  const named = (name: string, label: string) => (label ? `${name}[${label}]` : name);
  for (const [name, s] of scenarios) {
    if (only && !name.includes(only)) continue;
    const runs = new Map<string, { ms: number; longTaskMax: number }[]>(labels.map((l) => [l, []]));
    for (let i = 0; i < 3; i++) for (const l of labels) runs.get(l)!.push(await once(s, name === 'ff_1h_chapter_ms', builds[l]));
    for (const l of labels) {
      print(named(name, l), median(runs.get(l)!.map((r) => r.ms)), 'ms');
      if (name === 'ff_1h_chapter_ms') print(named('main_longtask_max_ms', l), Math.round(median(runs.get(l)!.map((r) => r.longTaskMax))), 'ms');
    }
  }
}

/**
 * Keypress to the next paint in the query editor while the clock fast-forwards (+10m pressed repeatedly):
 * each key is timed in the page from keydown to the frame after the editor updated. p95 of 60 keys.
 */
export async function keypressBench(print: (name: string, value: number, unit: string) => void, dist = DIST, label = ''): Promise<void> {
  const h = await startHarness(dist);
  try {
    const page = await h.open('#/query');
    await prepare(page, { replicas: 3, page: 'query' });
    await setEditorText(page, 'query-editor', '');
    await page.locator('[data-testid="query-editor"] .cm-content').first().focus();
    await page.evaluate(() => {
      const w = window as unknown as { __lat: number[] };
      w.__lat = [];
      const content = document.querySelector('[data-testid="query-editor"] .cm-content')!;
      content.addEventListener(
        'keydown',
        (e) => {
          const t0 = e.timeStamp;
          requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - t0), 0));
        },
        true,
      );
    });
    // The +10m button is clicked from script, so the focus stays in the editor.
    let pressing = true;
    const ff = (async () => {
      while (pressing) {
        const before = await virtualNow(page);
        await page.evaluate(() => (document.querySelector('[data-testid="forward-10m"]') as HTMLButtonElement).click());
        await page
          .waitForFunction((until) => Date.parse(document.querySelector('[data-testid="clock-now"]')!.getAttribute('datetime')!) >= until, before + TEN_MINUTES, { timeout: 300_000 })
          .catch(() => undefined);
      }
    })();
    await page.waitForTimeout(500);
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press(i % 10 === 9 ? 'Backspace' : 'a');
      await page.waitForTimeout(80);
    }
    pressing = false;
    await ff;
    const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
    lat.sort((a, b) => a - b);
    print(label ? `keypress_to_paint_p95_ms[${label}]` : 'keypress_to_paint_p95_ms', Math.round(lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.95))]), 'ms');
  } finally {
    await h.close();
  }
}
