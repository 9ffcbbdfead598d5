// Time from navigation until the first scraped value is on screen (the Targets page showing a last-scrape
// time), split into its parts: until the worker's Prometheus answered its first snapshot (src/ui/boot.ts marks
// it); then the wait for the first target's scrape slot (Prometheus spreads targets over the interval by a hash
// pinned to absolute time, so it varies with the start time: 0–3 s with the chapter's 3 s access-log job); then
// from that scrape to the screen (src/worker/main.ts marks when it left). Each run uses a fresh browser profile.
// Medians of 3.

import { DIST, startHarness } from '../tests/e2e/harness.ts';

export interface FirstScrape {
  visible: number;
  ready: number;
  /** From ready until the first scrape ran. */
  slotWait: number;
  /** From the first scrape until it was on screen. */
  toScreen: number;
}

async function once(dist: string): Promise<FirstScrape> {
  const h = await startHarness(dist);
  try {
    const page = await h.open('#/targets');
    const handle = await page.waitForFunction(
      () => (document.querySelector('[data-testid="target-last-scrape"][data-scraped]') ? performance.now() : 0),
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    const visible = (await handle.jsonValue()) as number;
    const { ready, origin } = await page.evaluate(() => ({
      ready: performance.getEntriesByName('promlab:worker-ready')[0]?.startTime ?? NaN,
      origin: performance.timeOrigin,
    }));
    // Both threads' marks as wall times (each has its own time origin).
    const sent = await page.workers()[0].evaluate(() => {
      const m = performance.getEntriesByName('promlab:first-scrape-sent')[0] as PerformanceMark | undefined;
      return m ? { at: performance.timeOrigin + m.startTime, since: (m.detail as { sinceScrape: number }).sinceScrape } : null;
    });
    const scrapedAt = sent ? sent.at - sent.since - origin : NaN;
    return { visible, ready, slotWait: scrapedAt - ready, toScreen: visible - scrapedAt };
  } finally {
    await h.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function firstScrapeVisibleMs(dist = DIST): Promise<FirstScrape> {
  const runs: FirstScrape[] = [];
  for (let i = 0; i < 3; i++) runs.push(await once(dist));
  return {
    visible: median(runs.map((r) => r.visible)),
    ready: median(runs.map((r) => r.ready)),
    slotWait: median(runs.map((r) => r.slotWait)),
    toScreen: median(runs.map((r) => r.toScreen)),
  };
}
