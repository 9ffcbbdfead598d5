// The simulated apps write their log lines into the world's log store, on the virtual clock.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { World } from '../../src/sim/world.ts';

const T0 = Date.UTC(2026, 10, 24, 23, 0, 0);

describe('app logs', () => {
  it('logs start-up, access lines and failures in each runtime\'s format', async () => {
    const clock = new VirtualClock(T0);
    const world = new World({ clock, seed: 7 });
    world.scale('accesslog', 2);
    await clock.advance(5000);
    const codes = await world.sendRequests(20);
    const logs = world.logs;

    const iotd = logs.query({ services: ['iotd'] }).map((e) => e.line);
    expect(iotd[0]).toBe('2026-11-24 23:00:00.000  INFO 1 --- [           main] iotd.Application                         : Starting Application v0.1.0 with PID 1 (/app/iotd-service-0.1.0.jar started by root in /app)');
    // One NASA load on the first request; later ones hit the cache and print nothing.
    expect(iotd.filter((l) => l.includes('Fetched new APOD image'))).toHaveLength(1);

    const gallery = logs.query({ services: ['image-gallery'] });
    expect(gallery).toHaveLength(20);
    expect(gallery[0].line).toMatch(/^172\.20\.0\.1 - - \[24\/Nov\/2026:23:00:05 \+0000\] "GET \/ HTTP\/1\.1" (200|500) \d+$/);
    const failed = codes.filter((c) => c === 500).length;
    expect(failed).toBeGreaterThan(0);
    expect(logs.query({ services: ['image-gallery'], minLevel: 'error' })).toHaveLength(failed);

    const access = logs.query({ services: ['accesslog'], contains: 'client IP' });
    expect(access).toHaveLength(20 - failed);
    expect(new Set(access.map((e) => e.container))).toEqual(new Set(['exercises-accesslog-1', 'exercises-accesslog-2']));
    expect(JSON.parse(access[0].line)).toMatchObject({ level: 'info', timestamp: '2026-11-24T23:00:05.000Z' });
    expect(access.every((e) => e.time === T0 + 5000)).toBe(true);
  });

  it('logs an error when an API is down', async () => {
    const clock = new VirtualClock(T0);
    const world = new World({ clock, seed: 7 });
    world.stop('iotd');
    await world.sendRequests(10);
    const errors = world.logs.query({ services: ['image-gallery'], contains: 'error calling API' });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].line).toMatch(/^2026\/11\/24 23:00:00 error calling API: /);
  });
});
