// The pages there are, apart from the router, so that Node (the browser tests) can list them too.

export const ROUTES = ['query', 'explorer', 'targets', 'service-discovery', 'tsdb-status', 'rules', 'alerts', 'alertmanager', 'dashboards', 'logs', 'drills', 'config', 'graduation'] as const;
export type Route = (typeof ROUTES)[number];
