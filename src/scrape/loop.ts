// One scrape loop per target (Prometheus' scrape/scrape.go scrapeLoop): on every interval of the virtual clock it
// fetches the target with Prometheus 3's Accept header, parses the exposition by its Content-Type, relabels and
// limits the samples, appends them with the target's labels, writes staleness markers for series that vanished,
// and reports the synthetic series up, scrape_duration_seconds and friends.

import type { Clock, TimerId } from '../clock/clock.ts';
import type { ScrapeConfig } from '../config/types.ts';
import { LabelsBuilder, type Labels, METRIC_NAME } from '../model/labels/labels.ts';
import { relabel } from '../relabel/relabel.ts';
import type { Appendable, Appender } from '../storage/interface.ts';
import { AppendError } from '../tsdb/head.ts';
import { acceptHeader, protocolMediaType } from '../config/protocols.ts';
import { parseExposition } from '../textparse/parse.ts';
import type { SampleEntry } from '../textparse/types.ts';
import type { Target } from './target.ts';

export interface ScrapeLoopOptions {
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  /** Where samples go, one appender transaction per scrape (the head block). */
  readonly head: Appendable;
  readonly target: Target;
  readonly config: ScrapeConfig;
  /** Called after each scrape, success or not. */
  readonly onScrape: () => void;
  /** After a reload: the series the previous loop of this target saw last, so vanishing ones still go stale. */
  readonly seen?: Set<number>;
  /** An error that fails every scrape without fetching (the pool's target_limit); '' when none. */
  readonly forcedError?: () => string;
}

/** A scrape that fails as a whole: nothing it read is appended. */
class ScrapeError extends Error {}

/** A series of this scrape: its ref once known, or the labels to create it with. */
interface Pending {
  readonly key: string;
  readonly labels: Labels;
  readonly t: number;
  readonly v: number;
  /** Whether the series gets a staleness marker when it vanishes. */
  readonly tracked: boolean;
}

export class ScrapeLoop {
  private timer: TimerId | null = null;
  private stopped = false;
  /** Series refs by the exposition's metric text, so a repeat scrape skips building label sets. */
  private cache = new Map<string, number>();
  /** Series metric_relabel_configs dropped, by the same key: they are dropped again without relabeling. */
  private droppedKeys = new Set<string>();
  /** Series written without explicit timestamps in the last scrape: they get staleness markers if they vanish. */
  private lastSeen = new Set<number>();
  private reportLabelCache: Labels[] | null = null;
  // The report series' refs, as the appender hands them out.
  private readonly reportRefs: number[] = [];

  constructor(private readonly o: ScrapeLoopOptions) {
    if (o.seen) this.lastSeen = o.seen;
  }

  /** Starts scraping after `offset` ms, then every interval. */
  start(offset: number): void {
    this.o.target.offset = (this.o.clock.now() + offset) % this.o.target.interval;
    const tick = async (): Promise<void> => {
      if (this.stopped) return;
      const scheduled = this.o.clock.now();
      // The scrape sets its deadline timer first; the next tick is set after it, so with timeout = interval the
      // timed-out scrape reports before the next one starts, and the grid does not shift with slow scrapes.
      const scrape = this.scrapeAndReport(scheduled);
      this.timer = this.o.clock.setTimeout(tick, this.o.target.interval);
      await scrape;
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
    const app = this.o.head.appender();
    for (const ref of this.lastSeen) this.markStale(app, ref, [], t);
    // By labels: a loop a reload started and a target change stopped at once never appended its report series.
    const report = (this.reportLabelCache ??= this.reportLabels());
    report.forEach((ls, i) => this.markStale(app, this.reportRefs[i] ?? null, ls, t));
    app.commit();
    this.lastSeen.clear();
  }

  /**
   * A staleness marker; one the series already has a later sample for (an explicit future timestamp, say) is
   * dropped, as Prometheus drops out-of-order staleness markers without complaint.
   */
  private markStale(app: Appender, ref: number | null, labels: Labels, t: number): void {
    try {
      app.appendStale(ref, labels, t);
    } catch (err) {
      if (!(err instanceof AppendError)) throw err;
    }
  }

  /** Stops for a config reload: the series go on in the next loop, so no staleness markers; returns what it saw. */
  stopForReload(): Set<number> {
    this.stopped = true;
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    return this.lastSeen;
  }

  private async scrapeAndReport(start: number): Promise<void> {
    const target = this.o.target;
    const realStart = performance.now();
    let error = '';
    let scraped = 0;
    let postRelabel = 0;
    let added = 0;
    let bodyBytes = 0;
    let seen = new Set<number>();
    const app = this.o.head.appender();
    try {
      const forced = this.o.forcedError?.() ?? '';
      if (forced) throw new Error(forced);
      const { body, contentType } = await this.scrape();
      if (this.stopped) return;
      bodyBytes = new TextEncoder().encode(body).length;
      const limit = this.o.config.bodySizeLimit;
      if (limit > 0 && bodyBytes > limit) {
        bodyBytes = -1;
        throw new Error('body size limit exceeded');
      }
      const fallback = this.o.config.fallbackScrapeProtocol;
      const { samples, metadata } = parseExposition(body, contentType, fallback && protocolMediaType(fallback));
      scraped = samples.length;
      const pending = this.prepare(samples, start);
      postRelabel = pending.length;
      ({ added, seen } = this.append(app, pending));
      target.metadata = metadata;
    } catch (err) {
      // A failed scrape writes nothing of what it read (Prometheus' appender rollback).
      app.rollback();
      seen = new Set();
      if (this.stopped) return;
      error = err instanceof Error ? err.message : String(err);
      if (!(err instanceof ScrapeError)) scraped = postRelabel = 0;
    }
    // A failed scrape is an empty one: everything it wrote before goes stale.
    for (const ref of this.lastSeen) if (!seen.has(ref)) this.markStale(app, ref, [], start);
    app.commit();
    this.lastSeen = seen;

    // A simulated response may take virtual time; otherwise the real fetch-and-parse time is what the scrape cost.
    const virtualMs = this.o.clock.now() - start;
    const durationMs = virtualMs > 0 ? virtualMs : performance.now() - realStart;
    target.health = error ? 'down' : 'up';
    target.lastError = error;
    target.lastScrape = start;
    target.lastScrapeDuration = durationMs / 1000;
    target.lastSamples = scraped;
    target.lastSamplesPostRelabel = postRelabel;
    const values = [error ? 0 : 1, durationMs / 1000, scraped, postRelabel, added];
    if (this.o.config.extraScrapeMetrics) values.push(this.o.target.timeout / 1000, this.o.config.sampleLimit, bodyBytes);
    this.report(start, values);
    this.o.onScrape();
  }

  private async scrape(): Promise<{ body: string; contentType: string | null }> {
    const url = this.o.target.url;
    const timeout = this.o.target.timeout;
    const controller = new AbortController();
    // The deadline is virtual time: it rejects from the clock's timer, whatever the fetch is doing.
    let timer: TimerId | null = null;
    const deadline = new Promise<never>((_, reject) => {
      timer = this.o.clock.setTimeout(() => {
        controller.abort();
        reject(new Error(`Get "${url}": context deadline exceeded`));
      }, timeout);
    });
    const request = (async () => {
      let res: Response;
      try {
        res = await this.o.fetch(url, {
          headers: { Accept: acceptHeader(this.o.config.scrapeProtocols), 'X-Prometheus-Scrape-Timeout-Seconds': String(timeout / 1000) },
          signal: controller.signal,
        });
      } catch (err) {
        throw new Error(`Get "${url}": ${err instanceof Error ? err.message : String(err)}`);
      }
      if (res.status !== 200) throw new Error(`server returned HTTP status ${res.status} ${res.statusText}`.trimEnd());
      return { body: await res.text(), contentType: res.headers.get('Content-Type') };
    })();
    try {
      return await Promise.race([request, deadline]);
    } finally {
      if (timer !== null) this.o.clock.clearTimeout(timer);
      request.catch(() => undefined);
      deadline.catch(() => undefined);
    }
  }

  /** Labels every sample (target labels, metric_relabel_configs) and checks the label limits. */
  private prepare(samples: SampleEntry[], start: number): Pending[] {
    const cfg = this.o.config;
    const out: Pending[] = [];
    for (const s of samples) {
      const key = seriesKey(s);
      if (this.droppedKeys.has(key)) continue;
      let labels: Labels | null = null;
      if (!this.cache.has(key)) {
        labels = relabel(this.sampleLabels(s), cfg.metricRelabelConfigs);
        if (labels === null) {
          this.droppedKeys.add(key);
          continue;
        }
        this.checkLabelLimits(s, labels);
      }
      const explicit = s.timestamp !== null && cfg.honorTimestamps;
      // Series with explicit timestamps get no staleness markers unless track_timestamps_staleness asks for them.
      out.push({ key, labels: labels ?? [], t: explicit ? s.timestamp! : start, v: s.value, tracked: !explicit || cfg.trackTimestampsStaleness });
    }
    return out;
  }

  /** label_limit, label_name_length_limit and label_value_length_limit, with Prometheus' messages. */
  private checkLabelLimits(s: SampleEntry, labels: Labels): void {
    const cfg = this.o.config;
    const met = exposed(s).slice(0, 50);
    if (cfg.labelLimit > 0 && labels.length > cfg.labelLimit) {
      this.o.target.labelLimitExceeded++;
      throw new ScrapeError(`label_limit exceeded (metric: ${met}, number of labels: ${labels.length}, limit: ${cfg.labelLimit})`);
    }
    for (const { name, value } of labels) {
      const nameLength = utf8Length(name);
      if (cfg.labelNameLengthLimit > 0 && nameLength > cfg.labelNameLengthLimit) {
        this.o.target.labelLimitExceeded++;
        throw new ScrapeError(
          `label_name_length_limit exceeded (metric: ${met}, label name: ${name.slice(0, 50)}, ` +
            `length: ${nameLength}, limit: ${cfg.labelNameLengthLimit})`,
        );
      }
      const valueLength = utf8Length(value);
      if (cfg.labelValueLengthLimit > 0 && valueLength > cfg.labelValueLengthLimit) {
        this.o.target.labelLimitExceeded++;
        throw new ScrapeError(
          `label_value_length_limit exceeded (metric: ${met}, label name: ${name.slice(0, 50)}, ` +
            `value: ${JSON.stringify(value.slice(0, 50))}, length: ${valueLength}, limit: ${cfg.labelValueLengthLimit})`,
        );
      }
    }
  }

  /** Appends the scrape's samples; over sample_limit, the caller rolls them all back. */
  private append(app: Appender, pending: Pending[]): { added: number; seen: Set<number> } {
    const seen = new Set<number>();
    let added = 0;
    let appended = 0;
    for (const p of pending) {
      const cached = this.cache.get(p.key);
      let ref = cached ?? null;
      try {
        ref = app.append(ref, p.labels, p.t, p.v);
        appended++;
      } catch (err) {
        if (!(err instanceof AppendError)) throw err;
        if (err.kind === 'out_of_order') this.o.target.outOfOrder++;
        else this.o.target.duplicate++;
      }
      if (ref === null) continue;
      if (cached === undefined) {
        this.cache.set(p.key, ref);
        added++;
      }
      if (p.tracked) seen.add(ref);
    }
    const limit = this.o.config.sampleLimit;
    if (limit > 0 && appended > limit) {
      this.o.target.sampleLimitExceeded++;
      throw new ScrapeError('sample limit exceeded');
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
      if (existing !== '' && !this.o.config.honorLabels) lb.set(`exported_${l.name}`, existing);
      if (existing === '' || !this.o.config.honorLabels) lb.set(l.name, l.value);
    }
    return lb.labels();
  }

  private reportLabels(): Labels[] {
    const names = this.o.config.extraScrapeMetrics ? [...REPORT_SERIES, ...EXTRA_REPORT_SERIES] : REPORT_SERIES;
    return names.map((name) => new LabelsBuilder(this.o.target.labels).set(METRIC_NAME, name).labels());
  }

  /** The synthetic series' values, in the order of REPORT_SERIES (then EXTRA_REPORT_SERIES). */
  private report(t: number, values: number[]): void {
    const labels = (this.reportLabelCache ??= this.reportLabels());
    const app = this.o.head.appender();
    labels.forEach((ls, i) => {
      try {
        this.reportRefs[i] = app.append(this.reportRefs[i] ?? null, ls, t, values[i]);
      } catch (err) {
        // Only a loop restarted by a reload at the very instant of the old loop's last report can collide.
        if (!(err instanceof AppendError)) throw err;
      }
    });
    app.commit();
  }
}

const REPORT_SERIES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
];

/** The series as the exposition wrote it, for limit errors: name{a="1",b="2"}. */
function exposed(s: SampleEntry): string {
  return s.labels.length ? `${s.name}{${s.labels.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(',')}}` : s.name;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** With extra_scrape_metrics. */
const EXTRA_REPORT_SERIES = ['scrape_timeout_seconds', 'scrape_sample_limit', 'scrape_body_size_bytes'];

function seriesKey(s: SampleEntry): string {
  let k = s.name;
  for (const [n, v] of s.labels) k += '\xff' + n + '\xff' + v;
  return k;
}
