// Hash routing: #/query, #/targets, #/service-discovery, #/config.

export const ROUTES = ['query', 'targets', 'service-discovery', 'tsdb-status', 'config'] as const;
export type Route = (typeof ROUTES)[number];

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'query';
}

class Router {
  route = $state<Route>(parse(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parse(location.hash)));
  }
}

export const router = new Router();
