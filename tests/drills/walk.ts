// The chapter's stack under msw/node on the virtual clock, with the drill engine on top: what every drill walk uses.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SetupServer } from 'msw/node';
import { Alertmanager } from '../../src/alertmanager/alertmanager.ts';
import { AlertmanagerApi } from '../../src/alertmanager/api.ts';
import { DEFAULT_ALERTMANAGER_YAML } from '../../src/alertmanager/default.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { parseDrills } from '../../src/drills/load.ts';
import { Drills } from '../../src/drills/run.ts';
import type { Drill } from '../../src/drills/types.ts';
import { Files } from '../../src/files/files.ts';
import { DEFAULT_ALERTING_YAML, DEFAULT_RULES_PATH, DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { Incidents } from '../../src/sim/incidents/incidents.ts';
import { World } from '../../src/sim/world.ts';
import { MemoryStore } from '../../src/kvstore/store.ts';

export const DRILLS_DIR = join(import.meta.dirname, '../../lessons/drills');

export function drillFiles(): Record<string, string> {
  const names = readdirSync(DRILLS_DIR).filter((f) => f.endsWith('.yaml'));
  return Object.fromEntries(names.map((f) => [`lessons/drills/${f}`, readFileSync(join(DRILLS_DIR, f), 'utf8')]));
}

export const DRILLS: Drill[] = parseDrills(drillFiles());

export interface Stack {
  clock: VirtualClock;
  world: World;
  prom: Prometheus;
  am: Alertmanager;
  incidents: Incidents;
  store: MemoryStore;
  drills: Drills;
  stop(): void;
}

/** A fresh world seeded by the drill, the chapter's Prometheus and Alertmanager, served by `server`. */
export function stack(server: SetupServer, drills: readonly Drill[], seed: number): Stack {
  const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const world = new World({ clock, seed });
  const am = new Alertmanager({ clock });
  const files = new Files({ [DEFAULT_RULES_PATH]: DEFAULT_RULES_YAML });
  const prom = new Prometheus({ clock, fetch: world.fetch, resolver: world.dns, files });
  server.resetHandlers(...createHandlers(world, new AlertmanagerApi(am, clock)));
  am.applyConfig(DEFAULT_ALERTMANAGER_YAML);
  prom.applyConfig(DEFAULT_CONFIG_YAML + DEFAULT_ALERTING_YAML);
  const incidents = new Incidents(clock, world);
  const store = new MemoryStore();
  let wall = 0;
  const engine = new Drills(drills, { clock, world, prom, incidents, store, wallNow: () => (wall += 1000) });
  return {
    clock,
    world,
    prom,
    am,
    incidents,
    store,
    drills: engine,
    stop() {
      am.stop();
      prom.stop();
    },
  };
}
