// One scrape loop per target (Prometheus' scrape/scrape.go scrapeLoop): on every interval of the virtual clock it
// fetches the target, parses the exposition, appends the samples with the target's labels, writes staleness markers
// for series that vanished, and reports the synthetic series up, scrape_duration_seconds and friends.

import type { Clock, TimerId } from '../clock/clock.ts';
import { LabelsBuilder, type Labels, METRIC_NAME } from '../labels/labels.ts';
import { AppendError, type Head } from '../tsdb/head.ts';
import { parsePrometheusText, type SampleEntry } from '../textparse/promparse.ts';
import type { Target } from './target.ts';

/** What Prometheus sends when the scrape config allows only the classic text format. */
export const ACCEPT_HEADER = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

export interface ScrapeLoopOptions {
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  readonly head: Head;
  readonly target: Target;
  readonly interval: number;
  readonly timeout: number;
  readonly honorLabels: boolean;
  /** Called after each scrape, success or not. */
  readonly onScrape: () => void;
}

/** Counts of samples the head refused, like prometheus_target_scrapes_sample_*_total. */
export interface AppendFailures {
  outOfOrder: number;
  duplicate: number;
}

export class ScrapeLoop {
  readonly failures: AppendFailures = { outOfOrder: 0, duplicate: 0 };
  private timer: TimerId | null = null;
  private stopped = false;
  /** Series refs by the exposition's metric text, so a repeat scrape skips building label sets. */
  private cache = new Map<string, number>();
  /** Series written without explicit timestamps in the last scrape: they get staleness markers if they vanish. */
  private lastSeen = new Set<number>();
  private reportRefCache: number[] | null = null;

  constructor(private readonly o: ScrapeLoopOptions) {}

  /** Starts scraping after `offset` ms, then every interval. */
  start(offset: number): void {
    const tick = async (): Promise<void> => {
      if (this.stopped) return;
      const scheduled = this.o.clock.now();
      // Schedule the next scrape before this one runs, so a slow scrape does not shift the grid.
      this.timer = this.o.clock.setTimeout(tick, this.o.interval);
      await this.scrapeAndReport(scheduled);
    };
    this.timer = this.o.clock.setTimeout(tick, offset);
  }

  /** Stops the loop and ends every series it wrote, as Prometheus does when a target disappears. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    if (this.o.target.lastScrape === null) return;
    const t = Math.max(this.o.clock.now(), this.o.target.lastScrape + 1);
    for (const ref of this.lastSeen) this.o.head.appendStale(ref, t);
    for (const ref of this.reportRefs()) this.o.head.appendStale(ref, t);
    this.lastSeen.clear();
  }

  private async scrapeAndReport(start: number): Promise<void> {
    const target = this.o.target;
    const realStart = performance.now();
    let body: string | null = null;
    let error = '';
    try {
      body = await this.scrape();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (this.stopped) return;
    let scraped = 0;
    let added = 0;
    let seen = new Set<number>();
    if (body !== null) {
      try {
        const { samples } = parsePrometheusText(body);
        scraped = samples.length;
        ({ added, seen } = this.append(samples, start));
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
    // A failed scrape is an empty one: everything it wrote before goes stale.
    for (const ref of this.lastSeen) if (!seen.has(ref)) this.o.head.appendStale(ref, start);
    this.lastSeen = seen;

    // A simulated response may take virtual time; otherwise the real fetch-and-parse time is what the scrape cost.
    const virtualMs = this.o.clock.now() - start;
    const durationMs = virtualMs > 0 ? virtualMs : performance.now() - realStart;
    target.health = error ? 'down' : 'up';
    target.lastError = error;
    target.lastScrape = start;
    target.lastScrapeDuration = durationMs / 1000;
    this.report(start, error ? 0 : 1, durationMs / 1000, error ? 0 : scraped, added);
    this.o.onScrape();
  }

  private async scrape(): Promise<string> {
    const url = this.o.target.url;
    const controller = new AbortController();
    // The deadline is virtual time: it rejects from the clock's timer, whatever the fetch is doing.
    let timer: TimerId | null = null;
    const deadline = new Promise<never>((_, reject) => {
      timer = this.o.clock.setTimeout(() => {
        controller.abort();
        reject(new Error(`Get "${url}": context deadline exceeded`));
      }, this.o.timeout);
    });
    const request = (async () => {
      let res: Response;
      try {
        res = await this.o.fetch(url, { headers: { Accept: ACCEPT_HEADER }, signal: controller.signal });
      } catch (err) {
        throw new Error(`Get "${url}": ${err instanceof Error ? err.message : String(err)}`);
      }
      if (res.status !== 200) throw new Error(`server returned HTTP status ${res.status} ${res.statusText}`.trimEnd());
      return res.text();
    })();
    try {
      return await Promise.race([request, deadline]);
    } finally {
      if (timer !== null) this.o.clock.clearTimeout(timer);
      request.catch(() => undefined);
      deadline.catch(() => undefined);
    }
  }

  /** Appends one scrape's samples atomically: a parse error has already thrown before anything was written. */
  private append(samples: SampleEntry[], start: number): { added: number; seen: Set<number> } {
    const seen = new Set<number>();
    let added = 0;
    for (const s of samples) {
      const key = seriesKey(s);
      let ref = this.cache.get(key);
      if (ref === undefined) {
        ref = this.o.head.getOrCreate(this.sampleLabels(s));
        this.cache.set(key, ref);
        added++;
      }
      const explicit = s.timestamp !== null;
      try {
        this.o.head.append(ref, explicit ? s.timestamp! : start, s.value);
      } catch (err) {
        if (!(err instanceof AppendError)) throw err;
        if (err.kind === 'out_of_order') this.failures.outOfOrder++;
        else this.failures.duplicate++;
      }
      // Series with explicit timestamps get no staleness markers (Prometheus cannot know when they end).
      if (!explicit) seen.add(ref);
    }
    return { added, seen };
  }

  // honor_labels: false — a scraped label that clashes with a target label is kept as exported_<name>.
  private sampleLabels(s: SampleEntry): Labels {
    const lb = new LabelsBuilder();
    lb.set(METRIC_NAME, s.name);
    for (const [k, v] of s.labels) lb.set(k, v);
    for (const l of this.o.target.labels) {
      const existing = lb.get(l.name);
      if (existing !== '' && !this.o.honorLabels) lb.set(`exported_${l.name}`, existing);
      if (existing === '' || !this.o.honorLabels) lb.set(l.name, l.value);
    }
    return lb.labels();
  }

  private reportRefs(): number[] {
    this.reportRefCache ??= REPORT_SERIES.map((name) =>
      this.o.head.getOrCreate(new LabelsBuilder(this.o.target.labels).set(METRIC_NAME, name).labels()),
    );
    return this.reportRefCache;
  }

  private report(t: number, up: number, duration: number, scraped: number, added: number): void {
    const values = [up, duration, scraped, scraped, added];
    const refs = this.reportRefs();
    refs.forEach((ref, i) => this.o.head.append(ref, t, values[i]));
  }
}

const REPORT_SERIES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
];

function seriesKey(s: SampleEntry): string {
  let k = s.name;
  for (const [n, v] of s.labels) k += '\xff' + n + '\xff' + v;
  return k;
}
