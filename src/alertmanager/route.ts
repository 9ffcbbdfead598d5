// The routing tree (dispatch/route.go): children inherit what they do not set; an alert walks down to the
// deepest matching routes, stopping at the first matching child unless it says `continue: true`.

import type { Matcher } from '../model/labels/matcher.ts';
import { DEFAULT_ROUTE_TIMING, type RouteConfig } from './config.ts';
import { matchesAll } from './matchers.ts';

export class Route {
  readonly receiver: string;
  /** Empty with groupByAll: group by every label (`...`). */
  readonly groupBy: string[];
  readonly groupByAll: boolean;
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
  readonly matchers: Matcher[];
  readonly continue: boolean;
  readonly routes: Route[];
  /** Identifies the route in group keys: the matchers of every route from the root down. */
  readonly key: string;

  constructor(c: RouteConfig, parent: Route | null) {
    this.receiver = c.receiver || parent?.receiver || '';
    const groupBy = c.groupBy ?? parent?.groupBy ?? [];
    this.groupByAll = c.groupBy ? c.groupBy.includes('...') : (parent?.groupByAll ?? false);
    this.groupBy = this.groupByAll ? [] : groupBy;
    this.groupWait = c.groupWait ?? parent?.groupWait ?? DEFAULT_ROUTE_TIMING.groupWait;
    this.groupInterval = c.groupInterval ?? parent?.groupInterval ?? DEFAULT_ROUTE_TIMING.groupInterval;
    this.repeatInterval = c.repeatInterval ?? parent?.repeatInterval ?? DEFAULT_ROUTE_TIMING.repeatInterval;
    this.matchers = [...c.matchers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.continue = c.continue;
    const own = `{${this.matchers.map((m) => m.toString()).join(',')}}`;
    this.key = parent ? `${parent.key}/${own}` : own;
    this.routes = c.routes.map((r) => new Route(r, this));
  }

  /** The routes an alert with these labels goes to. */
  match(labels: Record<string, string>): Route[] {
    if (!matchesAll(this.matchers, labels)) return [];
    const all: Route[] = [];
    for (const child of this.routes) {
      const m = child.match(labels);
      all.push(...m);
      if (m.length > 0 && !child.continue) break;
    }
    return all.length > 0 ? all : [this];
  }

  /** The labels this route groups an alert by. */
  groupLabels(labels: Record<string, string>): Record<string, string> {
    if (this.groupByAll) return { ...labels };
    const out: Record<string, string> = {};
    for (const name of this.groupBy) if (labels[name] !== undefined && labels[name] !== '') out[name] = labels[name];
    return out;
  }
}

/** model.LabelSet's String(): `{a="b", c="d"}`, sorted by name. */
export function formatLabelSet(ls: Record<string, string>): string {
  return `{${Object.keys(ls).sort().map((k) => `${k}=${JSON.stringify(ls[k])}`).join(', ')}}`;
}

