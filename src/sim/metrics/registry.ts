// A small metrics registry in the manner of the client libraries: families with label names, children per
// label-value tuple (created on first use, kept in creation order), and collect() into snapshots.

import type { FamilySnapshot, MetricSnapshot, MetricType, SampleSnapshot } from './snapshot.ts';

interface FamilyOpts {
  name: string;
  help: string;
  labelNames?: readonly string[];
}

abstract class Family<C> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  abstract readonly type: MetricType;
  private readonly children = new Map<string, { values: readonly string[]; child: C }>();

  constructor(opts: FamilyOpts) {
    this.name = opts.name;
    this.help = opts.help;
    this.labelNames = opts.labelNames ?? [];
  }

  /** The child for these label values (in labelNames order), created on first use like WithLabelValues. */
  labels(...values: string[]): C {
    if (values.length !== this.labelNames.length) {
      throw new Error(`${this.name}: expected ${this.labelNames.length} label values, got ${values.length}`);
    }
    const key = values.join('\xff');
    let entry = this.children.get(key);
    if (!entry) {
      entry = { values, child: this.newChild() };
      this.children.set(key, entry);
    }
    return entry.child;
  }

  remove(...values: string[]): void {
    this.children.delete(values.join('\xff'));
  }

  collect(now: number): FamilySnapshot {
    const metrics: MetricSnapshot[] = [];
    for (const { values, child } of this.children.values()) {
      const labels = this.labelNames.map((n, i) => [n, values[i]] as const);
      metrics.push({ labels, ...this.snapshot(child, now) });
    }
    return { name: this.name, help: this.help, type: this.type, metrics };
  }

  protected abstract newChild(): C;
  protected abstract snapshot(child: C, now: number): Omit<MetricSnapshot, 'labels'>;
}

/** A value with an optional sample timestamp (prom-client stamps its default metrics with the refresh time). */
class ValueChild {
  value = 0;
  timestampMs: number | undefined;

  set(v: number, timestampMs?: number): void {
    this.value = v;
    this.timestampMs = timestampMs;
  }
}

export class CounterChild extends ValueChild {
  inc(by = 1, timestampMs?: number): void {
    if (by < 0) throw new Error('counter cannot decrease');
    this.set(this.value + by, timestampMs);
  }
}

export class GaugeChild extends ValueChild {
  inc(by = 1): void {
    this.value += by;
  }

  dec(by = 1): void {
    this.value -= by;
  }
}

/** Counters and gauges expose one sample per child: its value. */
abstract class ValueFamily<C extends ValueChild> extends Family<C> {
  protected snapshot(c: C): Omit<MetricSnapshot, 'labels'> {
    return { samples: [{ suffix: '', value: c.value }], timestampMs: c.timestampMs };
  }
}

export class Counter extends ValueFamily<CounterChild> {
  readonly type = 'counter';
  protected newChild(): CounterChild {
    return new CounterChild();
  }
}

export class Gauge extends ValueFamily<GaugeChild> {
  readonly type = 'gauge';
  protected newChild(): GaugeChild {
    return new GaugeChild();
  }
}

export class HistogramChild {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(private readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(v: number): void {
    for (let i = 0; i < this.buckets.length; i++) if (v <= this.buckets[i]) this.counts[i]++;
    this.sum += v;
    this.count++;
  }
}

export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram extends Family<HistogramChild> {
  readonly type = 'histogram';
  readonly buckets: readonly number[];

  constructor(opts: FamilyOpts & { buckets?: readonly number[] }) {
    super(opts);
    this.buckets = opts.buckets ?? DEFAULT_BUCKETS;
  }

  protected newChild(): HistogramChild {
    return new HistogramChild(this.buckets);
  }

  protected snapshot(c: HistogramChild): Omit<MetricSnapshot, 'labels'> {
    const samples: SampleSnapshot[] = this.buckets.map((le, i) => ({ suffix: '_bucket', extra: { name: 'le', value: le }, value: c.counts[i] }));
    samples.push({ suffix: '_bucket', extra: { name: 'le', value: Infinity }, value: c.count });
    samples.push({ suffix: '_sum', value: c.sum }, { suffix: '_count', value: c.count });
    return { samples };
  }
}

export class SummaryChild {
  sum = 0;
  count = 0;
  /** Recent observations for the quantiles, oldest first. */
  readonly window: { t: number; v: number }[] = [];

  constructor(private readonly maxAgeMs: number, private readonly maxKept: number, private readonly emptyQuantile: number) {}

  observe(v: number, t: number): void {
    this.sum += v;
    this.count++;
    this.window.push({ t, v });
    if (this.window.length > this.maxKept) this.window.shift();
  }

  /** Nearest-rank quantile over the observations younger than maxAge; `emptyQuantile` (NaN by default, as client_golang prints) when none. */
  quantile(q: number, now: number): number {
    const vs = this.window.filter((o) => now - o.t < this.maxAgeMs).map((o) => o.v).sort((a, b) => a - b);
    if (vs.length === 0) return this.emptyQuantile;
    return vs[Math.min(vs.length - 1, Math.floor(q * vs.length))];
  }
}

export interface SummaryOpts extends FamilyOpts {
  quantiles?: readonly number[];
  /** Quantile window; client_golang's default MaxAge is 10 minutes. */
  maxAgeMs?: number;
  maxKept?: number;
  emptyQuantile?: number;
  /** Micrometer writes _count before _sum; client_golang and prom-client write _sum first. */
  countFirst?: boolean;
}

export class Summary extends Family<SummaryChild> {
  readonly type = 'summary';
  private readonly opts: SummaryOpts;

  constructor(opts: SummaryOpts) {
    super(opts);
    this.opts = opts;
  }

  protected newChild(): SummaryChild {
    return new SummaryChild(this.opts.maxAgeMs ?? 600_000, this.opts.maxKept ?? 500, this.opts.emptyQuantile ?? NaN);
  }

  protected snapshot(c: SummaryChild, now: number): Omit<MetricSnapshot, 'labels'> {
    const samples: SampleSnapshot[] = (this.opts.quantiles ?? []).map((q) => ({
      suffix: '',
      extra: { name: 'quantile', value: q },
      value: c.quantile(q, now),
    }));
    const sum = { suffix: '_sum', value: c.sum };
    const count = { suffix: '_count', value: c.count };
    samples.push(...(this.opts.countFirst ? [count, sum] : [sum, count]));
    return { samples };
  }
}

type AnyFamily = Counter | Gauge | Histogram | Summary;

/** Families in registration order; writers decide whether to sort. */
export class Registry {
  private readonly families: AnyFamily[] = [];

  register<F extends AnyFamily>(family: F): F {
    if (this.families.some((f) => f.name === family.name)) {
      throw new Error(`a metric with the name ${family.name} has already been registered`);
    }
    this.families.push(family);
    return family;
  }

  counter(opts: FamilyOpts): Counter {
    return this.register(new Counter(opts));
  }

  gauge(opts: FamilyOpts): Gauge {
    return this.register(new Gauge(opts));
  }

  histogram(opts: FamilyOpts & { buckets?: readonly number[] }): Histogram {
    return this.register(new Histogram(opts));
  }

  summary(opts: SummaryOpts): Summary {
    return this.register(new Summary(opts));
  }

  collect(now: number): FamilySnapshot[] {
    return this.families.map((f) => f.collect(now));
  }
}
