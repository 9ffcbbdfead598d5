// `tsx bench/ff-run.ts [default|chapter|scale9|keypress]`: only the fast-forward figures (they take minutes), for
// before/after runs against PROMLAB_DIST builds. `npm run bench` prints them too.

import { ffBench, keypressBench } from './ff.ts';
import { firstScrapeVisibleMs } from './browser.ts';

const print = (name: string, value: number, unit: string) => console.log(`bench ${name} ${Math.round(value)} ${unit}`);
const only = process.argv[2];
if (!only || only === 'first') print('first_scrape_visible_ms', await firstScrapeVisibleMs(), 'ms');
if (!only || !['keypress', 'first'].includes(only)) await ffBench(print, only);
if (!only || only === 'keypress') await keypressBench(print);
