// `npm run bench`: one line per figure, `bench <name> <value> <unit>`. Run after `vite build` (the npm script does).

import { initialBundleGzipBytes } from './bundle.ts';
import { firstScrapeVisibleMs } from './browser.ts';
import { ffBench, keypressBench } from './ff.ts';
import { promqlBench } from './promql.ts';
import { tsdbBench } from './tsdb.ts';

function print(name: string, value: number, unit: string): void {
  // Small figures (bytes per sample, say) need two decimals to be compared.
  console.log(`bench ${name} ${Number.isInteger(value) ? value : value.toFixed(Math.abs(value) < 10 ? 2 : 1)} ${unit}`);
}

print('bundle_initial_gzip', initialBundleGzipBytes() / 1024, 'KB');
const first = await firstScrapeVisibleMs();
print('first_scrape_visible_ms', Math.round(first.visible), 'ms');
print('worker_ready_ms', Math.round(first.ready), 'ms');
print('first_scrape_slot_wait_ms', Math.round(first.slotWait), 'ms');
print('first_scrape_to_screen_ms', Math.round(first.toScreen), 'ms');
// Fast-forward in Chromium: one virtual hour per scenario, the longest main-thread task, typing while time runs.
await ffBench(print);
await keypressBench(print);
await tsdbBench(process.argv.slice(2), print);
promqlBench(process.argv.slice(2), print);
