// The header's navigation, like Prometheus 3's: a few pages at the top, the rest in grouped menus.
// Every route of ROUTES appears exactly once (tests/ui/nav.test.ts checks it).

import type { Route } from '../router.svelte.ts';
import type { NavMessageKey } from './messages.ts';

export interface NavGroup {
  id: 'status' | 'tools';
  label: NavMessageKey;
  routes: readonly Route[];
}

export type NavEntry = { route: Route } | { group: NavGroup };

export const NAV: readonly NavEntry[] = [
  { route: 'query' },
  { route: 'alerts' },
  { route: 'dashboards' },
  { route: 'logs' },
  { route: 'drills' },
  { group: { id: 'status', label: 'navGroup.status', routes: ['targets', 'service-discovery', 'rules', 'tsdb-status', 'config'] } },
  { group: { id: 'tools', label: 'navGroup.tools', routes: ['explorer', 'alertmanager', 'graduation'] } },
];

/** Every route the header links to, in order. */
export function navRoutes(nav: readonly NavEntry[] = NAV): Route[] {
  return nav.flatMap((e) => ('route' in e ? [e.route] : [...e.group.routes]));
}
