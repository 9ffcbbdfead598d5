// `promlab incident …` and `promlab traffic …` in the terminal drive the same incidents as the control bar.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { Incidents } from '../../src/sim/incidents/incidents.ts';
import { World } from '../../src/sim/world.ts';
import { Shell, type Screen } from '../../src/terminal/shell.ts';

function setup() {
  const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const world = new World({ clock, seed: 1 });
  const incidents = new Incidents(clock, world);
  const shell = new Shell({ world, prom: { configText: () => '' }, clock, fetch: (...a) => fetch(...a), incidents });
  const sh = async (line: string) => {
    let out = '';
    let err = '';
    const screen: Screen = { out: (t) => (out += t), err: (t) => (err += t), clear: () => undefined };
    const status = await shell.run(line, screen);
    return { status, out, err };
  };
  return { clock, world, incidents, sh };
}

describe('promlab incident', () => {
  it('starts, lists and stops incidents', async () => {
    const { clock, incidents, sh } = setup();
    expect(await sh('promlab incident start error-rate')).toMatchObject({ status: 0, out: 'incident error-rate started (target image-gallery)\n' });
    expect(incidents.isActive('error-rate')).toBe(true);
    await clock.advance(120_000);
    const ls = await sh('promlab incident ls');
    expect(ls.out.split('\n')[0]).toMatch(/^INCIDENT\s+STATE\s+TARGET\s+STARTED$/);
    expect(ls.out).toMatch(/error-rate\s+running\s+image-gallery\s+2 minutes ago/);
    expect(ls.out).toMatch(/crash-loop\s+-/);
    expect(await sh('promlab incident start error-rate')).toMatchObject({ status: 1, err: 'promlab: incident error-rate is already running\n' });
    expect(await sh('promlab incident stop error-rate')).toMatchObject({ status: 0, out: 'incident error-rate stopped\n' });
    expect(incidents.active()).toEqual([]);
  });

  it('rejects unknown incidents and sets traffic', async () => {
    const { incidents, sh } = setup();
    const bad = await sh('promlab incident start meltdown');
    expect(bad.status).toBe(2);
    expect(bad.err).toBe('promlab: unknown incident "meltdown"; one of: error-rate, latency, memory-leak, goroutine-leak, traffic-surge, crash-loop\n');
    expect(await sh('promlab traffic 3')).toMatchObject({ status: 0, out: 'steady traffic: 3 requests/s to http://localhost:8010/\n' });
    expect(incidents.traffic.rate).toBe(3);
    expect((await sh('promlab traffic lots')).status).toBe(2);
    expect((await sh('help')).out).toContain('promlab incident ls|start|stop [KIND] | traffic [RPS]');
  });
});

describe('a crash loop whose replica is scaled away', () => {
  it('ends by itself', async () => {
    const { clock, world, incidents } = setup();
    world.scale('accesslog', 2);
    expect(incidents.start('crash-loop').target).toBe('exercises-accesslog-2');
    world.scale('accesslog', 1);
    await clock.advance(15_000);
    expect(incidents.active()).toEqual([]);
    expect(world.containers().filter((c) => c.service === 'accesslog').map((c) => c.state)).toEqual(['running']);
  });
});
