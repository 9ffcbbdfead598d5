// fetch() inside the simulated network, answered in the calling thread: the simulated apps (World.request) and
// the other servers on the network (Prometheus' API at :9090, Alertmanager's at :9093) take a Request and give a
// Response, as over HTTP, without a round trip through a service worker. Anything else goes to the real network.

import { NetworkError } from './network.ts';
import type { Server } from './handlers.ts';
import type { World } from './world.ts';

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Allow-Headers': '*' };

/** Whether `url` names a host on the simulated network (a simulated app or one of `servers`). */
export function servedBy(world: World, servers: readonly Server[], url: string): boolean {
  return servers.some((s) => s.serves(url)) || world.serves(url);
}

export function networkFetch(world: World, servers: readonly Server[], real: typeof fetch = (...a) => globalThis.fetch(...a)): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const server = servers.find((s) => s.serves(request.url));
    if (server) return server.handle(request);
    if (!world.serves(request.url)) return real(request);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    try {
      const res = await world.request(request.method, request.url, body);
      // 204 and 304 carry no body in fetch(), as over the wire.
      const empty = res.status === 204 || res.status === 304 || request.method === 'HEAD';
      return new Response(empty ? null : res.body, { status: res.status, headers: { ...res.headers, ...CORS } });
    } catch (err) {
      // A refused connection rejects like fetch() does, with Go's dial error as the reason (see World.fetch).
      if (err instanceof NetworkError) throw new TypeError(err.message);
      throw err;
    }
  };
}
