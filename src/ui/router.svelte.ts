// Hash routing: #/query, #/targets, #/service-discovery, #/config.

export const ROUTES = ['query', 'explorer', 'targets', 'service-discovery', 'tsdb-status', 'rules', 'alerts', 'alertmanager', 'dashboards', 'logs', 'drills', 'config', 'graduation'] as const;
export type Route = (typeof ROUTES)[number];

// A page may carry its state after a `?` (#/query?g0.expr=up); the route is the part before it.
function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split('?')[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'query';
}

function parseQuery(hash: string): string {
  const i = hash.indexOf('?');
  return i < 0 ? '' : hash.slice(i + 1);
}

class Router {
  route = $state<Route>(parse(location.hash));
  /** The page state after the `?` of the hash, as a query string. */
  query = $state(parseQuery(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parse(location.hash);
      this.query = parseQuery(location.hash);
    });
  }

  /** Records the page's state in the URL without a new history entry or a hashchange. */
  replaceQuery(query: string): void {
    this.query = query;
    history.replaceState(history.state, '', `#/${this.route}${query ? `?${query}` : ''}`);
  }
}

export const router = new Router();
