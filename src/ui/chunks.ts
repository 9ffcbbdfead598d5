// The UI's chunks: each page, the lesson panel and the terminal load on their own (CodeMirror and uPlot only
// when a page needs them). Boot starts the ones the first screen needs while the worker is still starting.

import type { Component } from 'svelte';
import type { Route } from './routes.ts';

type Chunk = Promise<{ default: Component }>;

const loaders: Record<Route, () => Chunk> = {
  query: () => import('./query/QueryPage.svelte'),
  explorer: () => import('./explorer/ExplorerPage.svelte'),
  targets: () => import('./targets/TargetsPage.svelte'),
  'service-discovery': () => import('./sd/ServiceDiscoveryPage.svelte'),
  config: () => import('./config/ConfigPage.svelte'),
  dashboards: () => import('./dashboard/DashboardPage.svelte'),
  logs: () => import('./logs/LogsPage.svelte'),
  drills: () => import('./drills/DrillsPage.svelte'),
  'tsdb-status': () => import('./tsdb/TsdbStatusPage.svelte'),
  rules: () => import('./rules/RulesPage.svelte'),
  alerts: () => import('./rules/AlertsPage.svelte'),
  alertmanager: () => import('./alertmanager/AlertmanagerPage.svelte'),
  graduation: () => import('./graduation/GraduationPage.svelte'),
};

const pages = new Map<Route, Chunk>();

export function pageChunk(r: Route): Chunk {
  let p = pages.get(r);
  if (!p) {
    p = loaders[r]();
    pages.set(r, p);
  }
  return p;
}

let lessons: ReturnType<typeof loadLessonPanel> | null = null;
let terminal: ReturnType<typeof loadTerminal> | null = null;
const loadLessonPanel = () => import('./lessons/LessonPanel.svelte');
const loadTerminal = () => import('./terminal/TerminalDrawer.svelte');
export const lessonPanelChunk = () => (lessons ??= loadLessonPanel());
export const terminalChunk = () => (terminal ??= loadTerminal());

/** Starts loading what the first screen shows: the route's page, the lesson panel and the terminal. */
export function warmChunks(route: Route): void {
  void pageChunk(route);
  void lessonPanelChunk();
  void terminalChunk();
}
