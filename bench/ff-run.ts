// `tsx bench/ff-run.ts [first|default|chapter|scale9|keypress] [label=dist …]`: only the browser figures (they
// take minutes). With label=dist pairs, runs alternate between those builds (e.g. before=/tmp/main-dist
// after=dist), so a busy machine weighs on both alike. `npm run bench` prints them for dist/ too.

import { DIST } from '../tests/e2e/harness.ts';
import { firstScrapeVisibleMs } from './browser.ts';
import { ffBench, keypressBench } from './ff.ts';

const print = (name: string, value: number, unit: string) => console.log(`bench ${name} ${Math.round(value)} ${unit}`);
const only = process.argv[2] === 'all' ? undefined : process.argv[2];
const pairs = process.argv.slice(3).map((a) => a.split('=') as [string, string]);
const builds: Record<string, string> = pairs.length ? Object.fromEntries(pairs) : { '': DIST };
for (const [label, dist] of Object.entries(builds)) {
  if (!only || only === 'first') {
    const { visible, ready, slotWait, toScreen } = await firstScrapeVisibleMs(dist);
    const named = (name: string) => (label ? `${name}[${label}]` : name);
    print(named('first_scrape_visible_ms'), visible, 'ms');
    print(named('worker_ready_ms'), ready, 'ms');
    print(named('first_scrape_slot_wait_ms'), slotWait, 'ms');
    print(named('first_scrape_to_screen_ms'), toScreen, 'ms');
  }
}
if (!only || !['keypress', 'first'].includes(only)) await ffBench(print, only, builds);
if (!only || only === 'keypress') for (const [label, dist] of Object.entries(builds)) await keypressBench(print, dist, label);
