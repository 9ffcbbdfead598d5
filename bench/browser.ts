// Time from navigation until the first scraped value is on screen: the Targets page showing a last-scrape
// time; and until the worker's Prometheus answered its first snapshot (src/main.ts marks it). The first is the
// second plus the wait for the first target's scrape slot (Prometheus spreads targets over the interval by a
// hash, so it varies with the start time). Each run uses a fresh browser profile. Medians of 3.

import { DIST, startHarness } from '../tests/e2e/harness.ts';

async function once(dist: string): Promise<{ visible: number; ready: number }> {
  const h = await startHarness(dist);
  try {
    const page = await h.open('#/targets');
    const handle = await page.waitForFunction(
      () => (document.querySelector('[data-testid="target-last-scrape"][data-scraped]') ? performance.now() : 0),
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    const visible = (await handle.jsonValue()) as number;
    const ready = await page.evaluate(() => performance.getEntriesByName('promlab:worker-ready')[0]?.startTime ?? NaN);
    return { visible, ready };
  } finally {
    await h.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function firstScrapeVisibleMs(dist = DIST): Promise<{ visible: number; ready: number }> {
  const runs: { visible: number; ready: number }[] = [];
  for (let i = 0; i < 3; i++) runs.push(await once(dist));
  return { visible: median(runs.map((r) => r.visible)), ready: median(runs.map((r) => r.ready)) };
}
