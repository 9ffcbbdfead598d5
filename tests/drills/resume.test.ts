// A reload in the middle of a drill: the worker starts a new world and Prometheus on the same store; the drill goes
// on where it was, with its fault injected again, and ending it still gives the learner's config back.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Drills, RUNNING_KEY } from '../../src/drills/run.ts';
import { DRILLS, stack } from './walk.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** Starts `id` (and shows a hint), then "reloads": a new stack running the saved config, on the same store. */
async function reloadDuring(id: string) {
  const drill = DRILLS.find((d) => d.id === id)!;
  const before = stack(server, DRILLS, drill.seed);
  const learnerConfig = before.prom.configText();
  const started = await before.drills.start(id);
  await before.drills.hint();
  before.stop();
  const after = stack(server, DRILLS, drill.seed);
  expect(after.prom.applyConfig(before.prom.configText()).ok).toBe(true);
  await after.clock.advance(started.pagedAt + 60_000 - after.clock.now());
  const drills = new Drills(DRILLS, { clock: after.clock, world: after.world, prom: after.prom, incidents: after.incidents, store: before.store });
  await drills.resume();
  return { started, after, drills, learnerConfig, store: before.store };
}

describe('a drill across a reload', { timeout: 120_000 }, () => {
  it('goes on with the same pager time and hints, and ending it gives the learner\'s config back', async () => {
    const { started, after, drills, learnerConfig, store } = await reloadDuring('dns-port');
    try {
      const running = await drills.state();
      expect(running).toMatchObject({ id: 'dns-port', pagedAt: started.pagedAt, faultAt: started.faultAt });
      expect(running!.hints.filter((h) => h.text !== null)).toHaveLength(1);
      // The drill's edit came back with the saved config; it is not applied twice.
      expect(after.prom.configText()).toContain('port: 8080');
      await drills.end();
      expect(after.prom.configText()).toBe(learnerConfig);
      expect(await store.get(RUNNING_KEY)).toBeUndefined();
    } finally {
      after.stop();
    }
  });

  it('injects its incident again in the restarted world', async () => {
    const { after, drills } = await reloadDuring('crash-loop');
    try {
      expect((await drills.state())?.id).toBe('crash-loop');
      expect(after.incidents.active().map((i) => i.kind)).toEqual(['crash-loop']);
      await drills.end();
      expect(after.incidents.active()).toEqual([]);
    } finally {
      after.stop();
    }
  });
});
