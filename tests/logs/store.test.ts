import { describe, expect, it } from 'vitest';
import { commonLog, goLog, springLog, winstonLog } from '../../src/logs/formats.ts';
import { LogStore } from '../../src/logs/store.ts';
import { logVolume } from '../../src/logs/volume.ts';

describe('LogStore', () => {
  let t = 0;
  const store = () => new LogStore(() => t, 4);

  it('filters by service, time, level and text, oldest first', () => {
    const s = store();
    t = 1000;
    s.append('image-gallery', 'exercises-image-gallery-1', 'info', 'GET / 200');
    t = 2000;
    s.append('iotd', 'exercises-iotd-1', 'error', 'NASA API failed');
    t = 3000;
    s.append('image-gallery', 'exercises-image-gallery-1', 'error', 'GET / 500');
    expect(s.query({ services: ['image-gallery'] }).map((e) => e.line)).toEqual(['GET / 200', 'GET / 500']);
    expect(s.query({ from: 1500, to: 2500 }).map((e) => e.service)).toEqual(['iotd']);
    expect(s.query({ minLevel: 'warn' }).map((e) => e.line)).toEqual(['NASA API failed', 'GET / 500']);
    expect(s.query({ contains: 'nasa' }).map((e) => e.time)).toEqual([2000]);
    expect(s.query({ limit: 1 }).map((e) => e.line)).toEqual(['GET / 500']);
  });

  it('stays bounded: the oldest lines go first', () => {
    const s = store();
    for (let i = 0; i < 10; i++) s.append('accesslog', 'c', 'info', `line ${i}`);
    expect(s.size).toBe(4);
    expect(s.written).toBe(10);
    expect(s.query().map((e) => [e.seq, e.line])).toEqual([[6, 'line 6'], [7, 'line 7'], [8, 'line 8'], [9, 'line 9']]);
  });

  it('tells subscribers about new lines', () => {
    const s = store();
    let n = 0;
    const off = s.subscribe(() => n++);
    s.writer('iotd', 'exercises-iotd-1')('info', 'x');
    off();
    s.append('iotd', 'exercises-iotd-1', 'info', 'y');
    expect(n).toBe(1);
  });
});

describe('runtime log formats', () => {
  const at = Date.UTC(2026, 10, 24, 23, 45, 1, 123);
  it('prints each runtime\'s real format', () => {
    expect(goLog(at, 'listening on :80')).toBe('2026/11/24 23:45:01 listening on :80');
    expect(commonLog(at, '172.20.0.1:41234', 'GET', '/', 200, 412)).toBe('172.20.0.1 - - [24/Nov/2026:23:45:01 +0000] "GET / HTTP/1.1" 200 412');
    expect(springLog(at, 'INFO', 'http-nio-80-exec-1', 'iotd.controllers.ImageController', 'Fetching')).toBe(
      '2026-11-24 23:45:01.123  INFO 1 --- [p-nio-80-exec-1] iotd.controllers.ImageController         : Fetching',
    );
    expect(JSON.parse(winstonLog(at, 'info', 'hi'))).toEqual({ level: 'info', message: 'hi', timestamp: '2026-11-24T23:45:01.123Z' });
  });
});

describe('log volume', () => {
  it('counts lines per bucket and level, the end instant in the last bucket', () => {
    let now = 0;
    const s = new LogStore(() => now);
    for (const [t, level] of [[0, 'info'], [5, 'error'], [10, 'info'], [39, 'warn'], [40, 'error'], [41, 'info']] as const) {
      now = t;
      s.append('x', 'c', level, '');
    }
    const v = logVolume(s.query(), 0, 40, 4);
    expect(v.map((b) => b.start)).toEqual([0, 10, 20, 30]);
    expect(v.map((b) => [b.counts.info, b.counts.warn, b.counts.error])).toEqual([[1, 0, 1], [1, 0, 0], [0, 0, 0], [0, 1, 1]]);
  });
});
