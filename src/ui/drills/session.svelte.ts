// What the drills page shares with other pages: the running drill (so the Query page can offer "use as drill
// evidence") and the evidence handed over, plus the links a verdict or debrief opens.

import { absoluteRange } from '../../dashboard/time.ts';
import type { DrillsView, GraphLink, LogsLink, RunningDrill } from '../../drills/view.ts';
import { logFilter } from '../logs/filter.svelte.ts';
import { DEFAULT_PANEL, encodePanels } from '../query/url.ts';

class DrillSession {
  running = $state.raw<RunningDrill | null>(null);
  /** A query the learner sent from the Query page, waiting for the diagnosis form. */
  evidence = $state('');
  private attached = false;

  /** Follows the engine for the page's life (the terminal may start or end a drill too). */
  attach(drills: DrillsView): void {
    if (this.attached) return;
    this.attached = true;
    const refresh = () => void drills.state().then((s) => (this.running = s));
    drills.subscribe(refresh);
    refresh();
  }
}

export const drillSession = new DrillSession();

/** The Query page at the link's exact range, as a graph. */
export function graphHref(link: GraphLink): string {
  const end = Math.ceil(link.end / 1000) * 1000;
  const rangeMs = Math.max(60_000, Math.ceil((end - link.start) / 60_000) * 60_000);
  return `#/query?${encodePanels([{ ...DEFAULT_PANEL, expr: link.expr, tab: 'graph', rangeMs, endMs: end }])}`;
}

/** Opens the Logs page on the link's service, text and minutes. */
export function openLogs(link: LogsLink): void {
  logFilter.time = absoluteRange(link.from, link.to);
  logFilter.services = [link.service];
  logFilter.contains = link.contains;
  logFilter.focus = null;
  location.hash = '#/logs';
}
