// The real-server datasource against Debian's Prometheus: answers read back into values, errors told apart.

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsToRecord } from '../../src/model/labels/labels.ts';
import { PromQLError } from '../../src/promql/value.ts';
import { DatasourceError, RemoteDatasource, normaliseServerUrl } from '../../src/datasource/remote.ts';
import { freePort } from '../e2e/harness.ts';
import { prometheusMissing, startPrometheus, type RealPrometheus } from '../e2e/prometheus-server.ts';

const missing = prometheusMissing();
if (missing) console.warn(`skipping the real-server tests: ${missing}`);

async function problem(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DatasourceError) return err.problem;
    throw err;
  }
  return 'none';
}

describe.skipIf(missing)('remote datasource on a real Prometheus', () => {
  let server: RealPrometheus;
  beforeAll(async () => {
    server = await startPrometheus();
  }, 30_000);
  afterAll(() => server?.stop());

  it('reads up of the server scraping itself, as a vector and as a matrix', async () => {
    const ds = new RemoteDatasource(server.url + '/');
    expect(await ds.check()).toMatch(/^2\./);
    const now = Date.now();
    const { value: v } = await ds.instantQuery('up', now);
    expect(v.type).toBe('vector');
    if (v.type !== 'vector') return;
    expect(v.samples.map((s) => labelsToRecord(s.metric))).toEqual([{ __name__: 'up', job: 'prometheus', instance: server.address }]);
    expect(v.samples[0].v).toBe(1);
    const { value: m } = await ds.rangeQuery('up * 2', now - 10_000, now, 1000);
    expect(m.type === 'matrix' && m.series[0].v.every((x) => x === 2)).toBe(true);
    const s = await ds.instantQuery('1/0', now);
    expect(s).toEqual({ value: { type: 'scalar', t: now, v: Infinity }, warnings: [], infos: [] });
  });

  it("gives the server's parse error with its position in the query", async () => {
    const ds = new RemoteDatasource(server.url);
    const err = await ds.instantQuery('sum(up', Date.now()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromQLError);
    expect((err as PromQLError).message).toMatch(/^1:\d+: parse error/);
    expect((err as PromQLError).position?.start).toBeGreaterThan(0);
  });
});

describe('remote datasource failures', () => {
  let html: Server;
  let htmlUrl = '';
  beforeAll(async () => {
    html = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>grafana?</html>'));
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    const addr = html.address();
    htmlUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => new Promise((r) => html.close(r)));

  it('tells a server that does not answer from one that is not Prometheus', async () => {
    const port = await freePort();
    expect(await problem(new RemoteDatasource(`http://127.0.0.1:${port}`).check())).toBe('unreachable');
    expect(await problem(new RemoteDatasource(htmlUrl).instantQuery('up', 0))).toBe('not-prometheus');
  });

  it('rejects what is not an http(s) URL', () => {
    expect(() => normaliseServerUrl('javascript:alert(1)')).toThrow(DatasourceError);
    expect(() => normaliseServerUrl('localhost 9090')).toThrow('not a URL');
    expect(normaliseServerUrl(' http://127.0.0.1:9090/ ')).toBe('http://127.0.0.1:9090');
  });
});
