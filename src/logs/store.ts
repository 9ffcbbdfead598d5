// The containers' log lines (what `docker logs` would print), kept in one bounded ring buffer: the oldest lines
// go first once it is full, so a long fast-forward cannot grow the page without limit.

export const LEVELS = ['info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number];

export interface LogEntry {
  /** Increases by one per line ever written; survives eviction, so it is a stable key. */
  readonly seq: number;
  /** Virtual time (ms) the line was written. */
  readonly time: number;
  /** Compose service (`image-gallery`, `iotd`, `accesslog`). */
  readonly service: string;
  /** Container name (`exercises-accesslog-2`). */
  readonly container: string;
  readonly level: LogLevel;
  /** The line exactly as the app prints it. */
  readonly line: string;
}

export interface LogQuery {
  /** Only these services; all when absent or empty. */
  services?: readonly string[];
  from?: number;
  to?: number;
  /** This level and above (warn includes error). */
  minLevel?: LogLevel;
  /** Case-insensitive substring of the line. */
  contains?: string;
  /** Keep the newest this many matches. */
  limit?: number;
}

/** What an app gets to write with: a level (how the line is classified for filtering) and the formatted line. */
export type LogWriter = (level: LogLevel, line: string) => void;

// About an hour of the chapter's traffic at a request a second, at a few hundred bytes a line.
export const DEFAULT_CAPACITY = 10_000;

export class LogStore {
  private readonly ring: (LogEntry | undefined)[];
  private next = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly now: () => number,
    readonly capacity = DEFAULT_CAPACITY,
  ) {
    this.ring = new Array<LogEntry | undefined>(capacity);
  }

  /** Lines written so far, evicted ones included. */
  get written(): number {
    return this.next;
  }

  get size(): number {
    return Math.min(this.next, this.capacity);
  }

  append(service: string, container: string, level: LogLevel, line: string): void {
    this.ring[this.next % this.capacity] = { seq: this.next, time: this.now(), service, container, level, line };
    this.next++;
    for (const fn of this.listeners) fn();
  }

  /** A writer bound to one container. */
  writer(service: string, container: string): LogWriter {
    return (level, line) => this.append(service, container, level, line);
  }

  /** Matching lines, oldest first. */
  query(q: LogQuery = {}): LogEntry[] {
    const rank = q.minLevel ? LEVELS.indexOf(q.minLevel) : 0;
    const needle = q.contains?.toLowerCase() ?? '';
    const out: LogEntry[] = [];
    for (let seq = this.next - this.size; seq < this.next; seq++) {
      const e = this.ring[seq % this.capacity]!;
      if (q.services?.length && !q.services.includes(e.service)) continue;
      if (q.from !== undefined && e.time < q.from) continue;
      if (q.to !== undefined && e.time > q.to) continue;
      if (LEVELS.indexOf(e.level) < rank) continue;
      if (needle && !e.line.toLowerCase().includes(needle)) continue;
      out.push(e);
    }
    return q.limit !== undefined && out.length > q.limit ? out.slice(out.length - q.limit) : out;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
