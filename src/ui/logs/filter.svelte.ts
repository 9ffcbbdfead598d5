// What the logs page shows, kept outside the page so that a click on a dashboard graph can open the logs around
// that moment (#/logs carries no query string; the filters live here and in the page's controls).

import { absoluteRange } from '../../dashboard/time.ts';
import type { TimeRange } from '../../dashboard/model.ts';
import { getLabel, type Labels } from '../../model/labels/labels.ts';
import type { LogEntry, LogLevel } from '../../logs/store.ts';

/** How far either side of a clicked moment the logs reach. */
export const AROUND_MS = 60_000;

/** The compose service behind each job of the chapter's prometheus.yml. */
const SERVICE_OF_JOB: Record<string, string> = { 'image-gallery': 'image-gallery', 'iotd-api': 'iotd', 'access-log': 'accesslog' };

export class LogFilter {
  /** Services to show; empty for all. */
  services = $state<string[]>([]);
  time = $state<TimeRange>({ from: 'now-15m', to: 'now' });
  minLevel = $state<LogLevel>('info');
  contains = $state('');
  /** The moment a graph click asked about, marked in the list; null once the range is picked here. */
  focus = $state<number | null>(null);
}

export const logFilter = new LogFilter();

/** What the Logs page displays while it is open (lesson steps check that the learner found lines there). */
export const logView = $state<{ shown: readonly LogEntry[] | null }>({ shown: null });

/** The services whose logs explain a series: the one behind its job, or all when it has none we know. */
export function servicesFor(labels: Labels | null): string[] {
  const service = labels ? SERVICE_OF_JOB[getLabel(labels, 'job')] : undefined;
  return service ? [service] : [];
}

/** Opens the logs page on the minutes around `t`. */
export function openLogsAround(t: number, services: string[]): void {
  logFilter.time = absoluteRange(t - AROUND_MS, t + AROUND_MS);
  logFilter.services = services;
  logFilter.focus = t;
  location.hash = '#/logs';
}
