// MSW handlers that put the simulated world behind real fetch(): any request to a simulated host is answered by
// world.request; everything else (the page's own assets) passes through untouched.

import { http, HttpResponse, type HttpHandler } from 'msw';
import { NetworkError } from './network.ts';
import type { World } from './world.ts';

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Allow-Headers': '*' };

/** Another server on the simulated network, such as Prometheus' own HTTP API at localhost:9090. */
export interface Server {
  serves(url: string): boolean;
  handle(request: Request): Promise<Response>;
}

export function createHandlers(world: World, ...servers: Server[]): HttpHandler[] {
  return [
    ...servers.map((server) => http.all(({ request }) => server.serves(request.url), ({ request }) => server.handle(request))),
    // The predicate sees the URL as sent: the browser already dropped a default :80, and new URL() normalises the rest.
    http.all(({ request }) => world.serves(request.url), async ({ request }) => {
      if (request.method === 'OPTIONS') return new HttpResponse(null, { status: 204, headers: CORS });
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      try {
        const res = await world.request(request.method, request.url, body);
        return new HttpResponse(res.body, { status: res.status, headers: { ...res.headers, ...CORS } });
      } catch (err) {
        if (err instanceof NetworkError) return HttpResponse.error();
        throw err;
      }
    }),
  ];
}
