// The book's dashboard over the running chapter in Node: after half an hour of scrapes and traffic every panel has
// data, the gauges and stats read what the book's Grafana would, a refresh of all panels stays quick, and the
// error lines in the gallery's log match its 500s counter (metrics and logs tell one story).

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { defaultDashboard } from '../../src/dashboard/default.ts';
import { displayValues } from '../../src/dashboard/display.ts';
import { queryPanel } from '../../src/dashboard/query.ts';
import { LocalDatasource } from '../../src/datasource/datasource.ts';
import { Prometheus } from '../../src/server/prometheus.ts';
import { createHandlers } from '../../src/sim/handlers.ts';
import { World } from '../../src/sim/world.ts';

const clock = new VirtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
const world = new World({ clock, seed: 3 });
const server = setupServer(...createHandlers(world));
const prom = new Prometheus({ clock, fetch: (...a) => fetch(...a), resolver: world.dns });
const source = new LocalDatasource(prom);
const MINUTES = 30;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  expect(prom.applyConfig(DEFAULT_CONFIG_YAML)).toMatchObject({ ok: true });
  world.scale('accesslog', 3);
  for (let m = 0; m < MINUTES; m++) {
    await world.sendRequests(5);
    await clock.advance(60_000);
  }
}, 120_000);

afterAll(() => {
  prom.stop();
  server.close();
});

describe('the Image Gallery dashboard over the chapter', () => {
  const d = defaultDashboard();
  const panels = d.panels.filter((p) => p.type !== 'row');
  const range = () => ({ start: clock.now() - MINUTES * 60_000, end: clock.now() });

  it('has data in every panel', async () => {
    const { start, end } = range();
    const data = await Promise.all(panels.map((p) => queryPanel(source, p, start, end, p.gridPos.w * 50)));
    expect(panels.filter((_, i) => data[i].errors.length || !data[i].series.some((s) => s.t.length)).map((p) => p.title)).toEqual([]);
  });

  it('shows what the book\'s Grafana shows in its gauges and stats', async () => {
    const { start, end } = range();
    const shown = async (title: string) => {
      const p = panels.find((x) => x.title === title)!;
      return displayValues(p, await queryPanel(source, p, start, end, 150)).map((v) => v.text);
    };
    expect(await shown('Image Loads from NASA')).toEqual(['1']);
    expect(Number((await shown('Image Loads from Cache'))[0])).toBeGreaterThan(10);
    expect(await shown('OS Type')).toEqual(['linux']);
    expect(await shown('Architecture')).toEqual(['x86_64']);
    const logs = panels.find((p) => p.title === 'Logs by Container')!;
    expect((await queryPanel(source, logs, start, end, 250)).series.map((s) => s.name).sort()).toEqual(
      world.containers().filter((c) => c.service === 'accesslog').map((c) => c.hostname).sort(),
    );
  });

  it('logs one error line per 500 the gallery counted', () => {
    const failed = prom.instantQuery('sum(image_gallery_requests_total{code="500"})');
    if (failed.type !== 'vector') throw new Error(failed.type);
    const errors = world.logs.query({ services: ['image-gallery'], minLevel: 'error' });
    expect(errors.length).toBe(failed.samples[0].v);
    expect(errors.every((e) => / 500 \d+$/.test(e.line))).toBe(true);
  });
});
