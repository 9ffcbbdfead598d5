// The whole playground in Node, as tests/integration/scenario.test.ts sets it up: the world behind msw/node, the
// running Prometheus on the chapter config with its HTTP API on :9090, and a terminal shell driving the same world.

import { setupServer } from 'msw/node';
import { PrometheusApi } from '../../src/api/server.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { Incidents } from '../../src/sim/incidents/incidents.ts';
import { World } from '../../src/sim/world.ts';
import { Shell, type Screen } from '../../src/terminal/shell.ts';

export interface Playground {
  clock: VirtualClock;
  world: World;
  prom: Prometheus;
  /** What `promlab incident …` drives. */
  incidents: Incidents;
  shell: Shell;
  /** Runs a line; resolves to its exit status and what it printed. */
  sh(line: string): Promise<{ status: number; out: string; err: string }>;
  close(): void;
}

/** `lang`: the page language the terminal speaks in (its own words only). */
export function startPlayground(lang?: 'ko' | 'en'): Playground {
  const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const world = new World({ clock, seed: 1 });
  const prom = new Prometheus({ clock, fetch: (...a) => fetch(...a), resolver: world.dns });
  const server = setupServer(...createHandlers(world, new PrometheusApi(prom)));
  server.listen({ onUnhandledRequest: 'bypass' });
  const applied = prom.applyConfig(DEFAULT_CONFIG_YAML);
  if (!applied.ok) throw new Error('the chapter config does not load');
  const incidents = new Incidents(clock, world);
  const shell = new Shell({ world, prom, clock, fetch: (...a) => fetch(...a), incidents, lang: lang && (() => lang) });
  return {
    clock,
    world,
    prom,
    incidents,
    shell,
    async sh(line) {
      let out = '';
      let err = '';
      const screen: Screen = { out: (t) => (out += t), err: (t) => (err += t), clear: () => (out = err = '') };
      const status = await shell.run(line, screen);
      return { status, out, err };
    },
    close() {
      prom.stop();
      server.close();
    },
  };
}
