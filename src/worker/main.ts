// The worker's entry: boots the in-browser Prometheus (see runtime.ts), answers the page's calls and pushes
// coalesced snapshots. One tab's worker saves to the store (see holder.ts); it waits for the store's lock
// before restoring, so a reloading tab continues from everything its old worker saved.

import { controlCalls, QUESTIONS } from './calls.ts';
import { Holder } from './holder.ts';
import { SNAPSHOTS_PER_SECOND, type FromWorker, type ToWorker } from './protocol.ts';
import { openStore } from '../kvstore/store.ts';
import { bootRuntime } from './runtime.ts';
import { snapshot } from './snapshot.ts';

const SAVE_EVERY_MS = 5000;

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null; close(): void };
const post = (m: FromWorker) => scope.postMessage(m);

// Calls that arrive while booting wait for it.
const queued: ToWorker[] = [];
scope.onmessage = (e) => queued.push(e.data);

try {
  let changed = () => {};
  const holder = new Holder(() => changed());
  // Opening the store reads nothing; it can happen while the lock is awaited.
  const [opened] = await Promise.all([openStore(), holder.acquire()]);
  const rt = await bootRuntime(opened);
  holder.booted = true;
  const calls = controlCalls(rt, { reset: () => scope.close(), holder });

  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let due = Infinity;
  let firstScrapeSent = false;
  const push = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    due = Infinity;
    last = performance.now();
    const s = snapshot(rt, holder.state);
    post({ type: 'snapshot', snapshot: s });
    // For `npm run bench` (bench/browser.ts): when the first scrape's result left for the page, and how long
    // after that scrape (the live clock runs at real time then).
    const scraped = firstScrapeSent ? [] : s.prom.targets.flatMap((t) => (t.lastScrape === null ? [] : [t.lastScrape]));
    if (scraped.length > 0) {
      firstScrapeSent = true;
      performance.mark('promlab:first-scrape-sent', { detail: { sinceScrape: s.now - Math.min(...scraped) } });
    }
  };
  // A stale snapshot goes out at most SNAPSHOTS_PER_SECOND times a wall second. The live clock alone (it moves
  // every 50 ms) waits a second: otherwise its snapshots use up the budget and a scrape's result waits behind them.
  const schedule = (within: number) => {
    const at = Math.max(performance.now(), last + within);
    if (at >= due) return;
    if (timer !== null) clearTimeout(timer);
    due = at;
    timer = setTimeout(push, at - performance.now());
  };
  changed = () => schedule(1000 / SNAPSHOTS_PER_SECOND);
  for (const source of [rt.prom, rt.world, rt.alertmanager, rt.incidents, rt.persistence, rt.files]) {
    if ('watch' in source) source.watch(changed);
    else source.subscribe(changed);
  }
  rt.clock.onTick(() => schedule(1000));

  // A call that acts sends the new snapshot before its result, so the page already shows the effect when the
  // call resolves. Questions change nothing and send none: the page asks them again with each snapshot, and a
  // snapshot per answer would feed that loop (their changes, if any, go out with the next timed snapshot).
  const after = (m: ToWorker) => !QUESTIONS.has(m.name) && push();
  const handle = async (m: ToWorker) => {
    try {
      const fn = calls[m.name] as (...a: unknown[]) => unknown;
      const value = await fn(...m.args);
      after(m);
      post({ type: 'result', id: m.id, ok: true, value });
    } catch (err) {
      after(m);
      post({ type: 'result', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  scope.onmessage = (e) => void handle(e.data);

  if (holder.state !== 'this') rt.persistence.suspend('another promlab tab is saving to this browser\'s store; this tab\'s data is not saved');
  holder.listen(async () => {
    rt.clock.pause();
    await rt.persistence.save();
    rt.persistence.suspend('another promlab tab took over this browser\'s store; this tab stopped');
  });
  setInterval(() => void rt.persistence.save(), SAVE_EVERY_MS);
  rt.clock.live(1);
  push();
  for (const m of queued.splice(0)) void handle(m);
} catch (err) {
  post({ type: 'boot-error', error: err instanceof Error ? err.message : String(err) });
}

