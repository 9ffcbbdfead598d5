// What the page itself fetches from the simulated network (a learner's fetch('http://localhost:9090/…') in the
// console, say) goes through MSW's service worker to the worker that runs Prometheus: the same world and APIs
// the scraper and the terminal's curl reach, answered there. Prometheus' own scrapes never come this way.

import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { inWorld, servesAlertmanagerApi, servesPrometheusApi } from '../../sim/address.ts';
import type { WorkerClient } from './client.ts';

export async function bridgePageFetches(client: WorkerClient, containerNames: () => readonly string[]): Promise<void> {
  const simulated = (url: string) => servesPrometheusApi(url) || servesAlertmanagerApi(url) || inWorld(url, containerNames());
  const sw = setupWorker(http.all(({ request }) => simulated(request.url), ({ request }) => client.fetch(request)));
  await sw.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
}
