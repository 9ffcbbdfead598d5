// Real server mode against Debian's Prometheus: the playground connects to it, says so on the badge, and the
// query page answers `up` with the server's own target; a wrong URL and a server refusing CORS are explained.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, skipBrowserTests, startHarness, type Harness } from './harness.ts';
import { queryTable } from './pages.ts';
import { prometheusMissing, startPrometheus, type RealPrometheus } from './prometheus-server.ts';

const missing = skipBrowserTests(prometheusMissing, 'the real-server tests');

describe.skipIf(missing)('real server mode', () => {
  let h: Harness;
  let server: RealPrometheus;
  let strict: RealPrometheus;
  beforeAll(async () => {
    h = await startHarness();
    // Only this test page's origin may read the first server's answers; the second allows another origin only.
    server = await startPrometheus(new URL(h.url).origin.replace(/\./g, '\\.'));
    strict = await startPrometheus('http://example\\.com');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    await strict?.stop();
  });

  it("connects, shows the server on the badge, and queries up from the server's own target", async () => {
    const page = await h.open('#/graduation');
    await page.getByTestId('datasource-url').fill(server.url);
    await page.getByTestId('datasource-connect').click();
    await expect.poll(() => page.getByTestId('datasource-status').textContent(), { timeout: 15_000 }).toMatch(/Prometheus 2\./);
    expect(await page.getByTestId('datasource-badge').getAttribute('data-kind')).toBe('remote');
    await page.getByTestId('nav-query').click();
    const rows = await queryTable(page, 'up');
    expect(rows).toHaveLength(1);
    expect(rows[0].labels).toContain(`instance="${server.address}"`);
    expect(rows[0].labels).toContain('job="prometheus"');
    expect(rows[0].value).toBe('1');
    await page.close();
  });

  it('explains a server that does not answer and one that refuses CORS, and keeps the in-browser source', async () => {
    const page = await h.open('#/graduation');
    await page.getByTestId('datasource-url').fill(`http://127.0.0.1:${await freePort()}`);
    await page.getByTestId('datasource-connect').click();
    // One language: the Korean UI words the whole problem in Korean, without the core's English message after it.
    await expect.poll(() => page.getByTestId('datasource-error').textContent(), { timeout: 15_000 }).toMatch(/서버에 닿을 수 없습니다:\s+http:\/\/127\.0\.0\.1:\d+에서 답이 없습니다\. 서버가 실행 중인지, URL이 맞는지 확인하세요\./);
    expect(await page.getByTestId('datasource-error').textContent()).not.toMatch(/cannot be reached/);
    expect(await page.getByTestId('datasource-badge').getAttribute('data-kind')).toBe('local');
    await page.getByTestId('datasource-url').fill(strict.url);
    await page.getByTestId('datasource-connect').click();
    await expect.poll(() => page.getByTestId('datasource-error').textContent(), { timeout: 15_000 }).toContain('CORS');
    expect(await page.getByTestId('datasource-badge').getAttribute('data-kind')).toBe('local');
    await page.close();
  });

  it('raised no page error', () => {
    // A refused CORS request is reported by the browser as a console error; it is the behaviour under test, not a bug.
    expect(h.pageErrors.filter((e) => !e.includes('CORS') && !e.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
  });
});
