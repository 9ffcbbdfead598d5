// `promlab drill list/start/submit/end` in the terminal drive the same engine as the Drills page.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Shell, type Screen } from '../../src/terminal/shell.ts';
import { DRILLS, stack } from './walk.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('promlab drill', { timeout: 120_000 }, () => {
  it('lists, starts, rejects a wrong cause with its signal, accepts the right diagnosis and ends', async () => {
    const drill = DRILLS.find((d) => d.id === 'goroutine-leak')!;
    const s = stack(server, DRILLS, drill.seed);
    const shell = new Shell({ world: s.world, prom: s.prom, clock: s.clock, fetch: (...a) => fetch(...a), incidents: s.incidents, drills: s.drills });
    const sh = async (line: string) => {
      let out = '';
      let err = '';
      const screen: Screen = { out: (t) => (out += t), err: (t) => (err += t), clear: () => undefined };
      return { status: await shell.run(line, screen), out, err };
    };
    try {
      const list = await sh('promlab drill list');
      expect(list.status).toBe(0);
      expect(list.out.split('\n')[0]).toMatch(/^DRILL\s+TITLE\s+BUDGET\s+BEST/);
      expect(list.out).toMatch(/goroutine-leak\s+Goroutines that never end\s+15 minutes\s+-/);

      const start = await sh('promlab drill start goroutine-leak');
      expect(start.status).toBe(0);
      expect(start.out).toContain(drill.symptom.en);
      expect(start.out).toMatch(/traffic-surge\s+More requests mean more goroutines/);

      const wrong = await sh(`promlab drill submit --service image-gallery --query 'go_goroutines{job="image-gallery"}' --cause traffic-surge`);
      expect(wrong.status).toBe(1);
      expect(wrong.out).toMatch(/^not yet \(score now 90\):\n  cause: The request rate did not change; requests are not what added the goroutines\./);

      const right = await sh(`promlab drill submit --service image-gallery --query 'go_goroutines{job="image-gallery"}' --cause goroutine-leak`);
      expect(right.status).toBe(0);
      expect(right.out).toMatch(/^correct: 90 points/);
      expect(right.out).toContain('go_goroutines{job="image-gallery"}');
      expect((await sh('promlab drill list')).out).toMatch(/goroutine-leak\s+Goroutines that never end\s+15 minutes\s+90 points in/);

      expect((await sh('promlab drill end')).out).toBe('drill ended; your config is back\n');
      expect((await sh('promlab drill show')).out).toBe('no drill is running\n');
      expect((await sh('promlab drill submit --service x')).status).toBe(2);
    } finally {
      s.stop();
    }
  });

  it("keeps a drill's fault off the incident list: the learner finds it from the signals", async () => {
    const drill = DRILLS.find((d) => d.id === 'crash-loop')!;
    const s = stack(server, DRILLS, drill.seed);
    const shell = new Shell({ world: s.world, prom: s.prom, clock: s.clock, fetch: (...a) => fetch(...a), incidents: s.incidents, drills: s.drills });
    let out = '';
    const screen: Screen = { out: (t) => (out += t), err: (t) => (out += t), clear: () => undefined };
    try {
      expect(await shell.run('promlab drill start crash-loop', screen)).toBe(0);
      // The fault is real (a replica crash-loops), yet neither the control bar's list nor the terminal's shows it.
      expect(s.incidents.active().map((i) => i.kind)).toEqual(['crash-loop']);
      expect(s.incidents.listed()).toEqual([]);
      out = '';
      expect(await shell.run('promlab incident ls', screen)).toBe(0);
      expect(out).toMatch(/^crash-loop\s+-\s*$/m);
    } finally {
      s.stop();
    }
  });
});

