// The simulated network's names and ports: compose's services, the ports published on localhost and the Docker
// engine's metrics port, Prometheus' and Alertmanager's APIs. The page needs them too (to send its own fetches there), without the world itself.

/** Services in compose's creation order; prometheus comes first, so it holds .2. */
export const SERVICES = ['prometheus', 'image-gallery', 'iotd', 'accesslog'] as const;
export type ServiceName = (typeof SERVICES)[number];
/** Host ports published by docker-compose.yml. */
export const PUBLISHED: Record<number, ServiceName> = { 8010: 'image-gallery', 8011: 'iotd', 8012: 'accesslog' };
export const ENGINE_PORT = 9323;
export const ENGINE_HOSTS = ['docker_host', 'localhost', '127.0.0.1', 'host.docker.internal'];

/** Whether `url` points into the simulated world whose containers have these names. */
export function inWorld(url: string, containerNames: readonly string[]): boolean {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const port = u.port === '' ? 80 : Number(u.port);
  if (host === 'localhost' || host === '127.0.0.1') return port in PUBLISHED || port === ENGINE_PORT;
  if (ENGINE_HOSTS.includes(host)) return true;
  if (/^172\.20\.\d+\.\d+$/.test(host)) return true;
  return (SERVICES as readonly string[]).includes(host) || containerNames.includes(host);
}

/**
 * Prometheus' API listens here: localhost:9090 as the chapter publishes it, prometheus:9090 on the compose network.
 * 127.0.0.1:9090 is left to the real network, so a learner can connect the page to a real Prometheus there.
 */
export function servesPrometheusApi(url: string): boolean {
  const u = new URL(url);
  return u.port === '9090' && ['localhost', 'prometheus'].includes(u.hostname.toLowerCase());
}

/** Alertmanager's API v2 at :9093. */
export function servesAlertmanagerApi(url: string): boolean {
  const u = new URL(url);
  return u.port === '9093' && ['localhost', '127.0.0.1', 'alertmanager'].includes(u.hostname.toLowerCase());
}
