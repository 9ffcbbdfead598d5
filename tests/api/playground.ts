// The running playground behind the HTTP API at localhost:9090 under msw/node, shared by the API tests: the simulated
// world, a Prometheus with the default config, alerting and rules, three access-log replicas and some traffic.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect } from 'vitest';
import { PrometheusApi } from '../../src/api/server.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { Files } from '../../src/files/files.ts';
import { DEFAULT_ALERTING_YAML, DEFAULT_RULES_PATH, DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { World } from '../../src/sim/world.ts';

export const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

/** Sets up the playground for the calling test file; the config is applied `configAfterMs` after T0. */
export function apiPlayground({ configAfterMs = 0 } = {}) {
  const clock = new VirtualClock(T0);
  const world = new World({ clock, seed: 1 });
  const files = new Files({ [DEFAULT_RULES_PATH]: DEFAULT_RULES_YAML });
  const prom = new Prometheus({ clock, fetch: (...a) => fetch(...a), resolver: world.dns, files });
  const server = setupServer(...createHandlers(world, new PrometheusApi(prom)));

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    if (configAfterMs) await clock.advance(configAfterMs);
    expect(prom.applyConfig(DEFAULT_CONFIG_YAML + DEFAULT_ALERTING_YAML)).toMatchObject({ ok: true });
    world.scale('accesslog', 3);
    await clock.advance(60_000);
    await world.sendRequests(10);
    await clock.advance(120_000);
  });
  afterAll(() => {
    prom.stop();
    server.close();
  });

  /** GETs an API path, with its status and JSON body. */
  async function get(path: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`http://localhost:9090${path}`);
    return { status: res.status, body: await res.json() };
  }

  return { clock, prom, get };
}
