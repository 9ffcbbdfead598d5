// The terminal against the simulated world: what the chapter's commands print and what they change.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commonPrefix, historyLine } from '../../src/terminal/shell.ts';
import { startPlayground, type Playground } from './fixture.ts';

let p: Playground;
beforeAll(() => {
  p = startPlayground();
});
afterAll(() => p.close());

const running = (service: string) => p.world.containers().filter((c) => c.service === service && c.state === 'running').length;

describe('docker compose', () => {
  it('scales accesslog to 3 and prints compose v2 progress lines', async () => {
    const r = await p.sh('docker compose -f docker-compose.yml up -d --scale accesslog=3');
    expect(r.status).toBe(0);
    expect(running('accesslog')).toBe(3);
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toBe('[+] Running 6/6');
    expect(lines).toContainEqual(expect.stringMatching(/^ ✔ Container exercises-accesslog-3\s+Started\s+0\.0s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ ✔ Container exercises-prometheus-1\s+Running\s+0\.0s$/));
  });

  it('lists running containers with ps', async () => {
    await p.clock.advance(125_000);
    const r = await p.sh('docker compose ps');
    const [header, ...rows] = r.out.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+IMAGE\s+COMMAND\s+SERVICE\s+CREATED\s+STATUS\s+PORTS$/);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/^exercises-accesslog-1\s+diamol\/ch09-access-log\s+.*accesslog\s+2 minutes ago\s+Up 2 minutes\s+0\.0\.0\.0:8012->80\/tcp$/);
  });

  it('stops, starts and restarts a service', async () => {
    expect((await p.sh('docker compose stop iotd')).err).toMatch(/^\[\+\] Stopping 1\/1\n ✔ Container exercises-iotd-1\s+Stopped/);
    expect(running('iotd')).toBe(0);
    expect((await p.sh('docker compose start iotd')).err).toMatch(/Container exercises-iotd-1\s+Started/);
    expect(running('iotd')).toBe(1);
    expect((await p.sh('docker compose restart iotd')).err).toMatch(/^\[\+\] Restarting 1\/1/);
  });

  it('refuses unknown services, files and subcommands', async () => {
    expect(await p.sh('docker compose stop grafana')).toMatchObject({ status: 1, err: 'no such service: grafana\n' });
    expect((await p.sh('docker compose -f nope.yml ps')).err).toMatch(/nope\.yml: no such file or directory/);
    expect((await p.sh('docker compose launch')).err).toBe('unknown docker command: "compose launch"\n');
    expect((await p.sh('docker compose up')).status).toBe(1);
  });

  it('prints the containers\' logs with their names, and only the last lines with --tail', async () => {
    await p.sh('curl -s -o /dev/null http://localhost:8010');
    const all = (await p.sh('docker compose logs image-gallery')).out.trimEnd().split('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const line of all) expect(line).toMatch(/^exercises-image-gallery-1  \| /);
    const tail = await p.sh('docker compose logs --tail 1 -t image-gallery iotd');
    const lines = tail.out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^exercises-[a-z-]+-1\s+\| \d{4}-\d\d-\d\dT/);
    expect((await p.sh('docker compose logs -f')).status).toBe(1);
  });

  it('lists containers with docker ps and prints one container\'s logs with docker logs', async () => {
    const [header, ...rows] = (await p.sh('docker container ls')).out.trimEnd().split('\n');
    expect(header).toMatch(/^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
    expect(rows).toHaveLength(6);
    const gallery = p.world.containers().find((c) => c.service === 'image-gallery')!;
    expect(rows.find((r) => r.endsWith('exercises-image-gallery-1'))).toMatch(new RegExp(`^${gallery.hostname}\\s+diamol/ch09-image-gallery\\s`));
    const byName = await p.sh('docker logs --tail 1 exercises-image-gallery-1');
    expect(byName.out.split('\n')).toHaveLength(2);
    expect(byName.out).not.toMatch(/\|/);
    expect((await p.sh(`docker logs --tail 1 ${gallery.hostname.slice(0, 4)}`)).out).toBe(byName.out);
    expect(await p.sh('docker logs nope')).toMatchObject({ status: 1, err: 'Error response from daemon: No such container: nope\n' });
    expect((await p.sh('docker run hello-world')).err).toMatch(/not simulated/);
  });

  it('tears everything down and brings it back', async () => {
    const down = await p.sh('docker compose down');
    expect(down.err).toMatch(/Container exercises-image-gallery-1\s+Removed/);
    expect(p.world.containers()).toHaveLength(0);
    expect(await p.sh('docker compose start iotd')).toMatchObject({ status: 1, err: 'service "iotd" has no container to start\n' });
    await p.sh('docker-compose up -d');
    expect(running('accesslog')).toBe(1);
    expect(running('image-gallery')).toBe(1);
  });
});

describe('curl', () => {
  it('sends the chapter loop of requests to image-gallery', async () => {
    const before = (await p.world.request('GET', 'http://localhost:8010/metrics')).body;
    const count = (body: string) => [...body.matchAll(/^image_gallery_requests_total\{[^}]*\} (\d+)/gm)].reduce((a, m) => a + Number(m[1]), 0);
    const r = await p.sh('for i in {1..10}; do curl http://localhost:8010 > /dev/null; done');
    expect(r.status).toBe(0);
    expect(r.out).toBe('');
    // Redirected output: curl prints its progress meter once per request.
    expect(r.err.match(/% Total/g)).toHaveLength(10);
    const after = (await p.world.request('GET', 'http://localhost:8010/metrics')).body;
    expect(count(after) - count(before)).toBe(10);
  });

  it('prints a /metrics page and filters it through a pipe', async () => {
    const r = await p.sh('curl -s http://localhost:8012/metrics | grep "^# TYPE access_log_total"');
    expect(r).toEqual({ status: 0, out: '# TYPE access_log_total counter\n', err: '' });
  });

  it('asks Prometheus\' HTTP API on :9090 and gets its JSON', async () => {
    await p.clock.advance(10_000);
    const r = await p.sh(`curl -s 'http://localhost:9090/api/v1/query?query=count(up)'`);
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ status: 'success', data: { resultType: 'vector' } });
    expect(body.data.result[0].value[1]).toBe(String(p.prom.targets().length));
    // -G with --data-urlencode keeps the quotes and braces of a selector intact.
    const sel = JSON.parse((await p.sh(`curl -s -G http://localhost:9090/api/v1/query --data-urlencode 'query=up{job="docker"}'`)).out);
    expect(sel.data.result.map((x: { metric: { job: string } }) => x.metric.job)).toEqual(['docker']);
  });

  it('reads the build info of the Prometheus it mimics from /api/v1/status/buildinfo', async () => {
    const r = await p.sh('curl http://localhost:9090/api/v1/status/buildinfo');
    expect(r.status).toBe(0);
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ status: 'success', data: { version: expect.stringMatching(/^3\.\d+\.\d+-promlab$/) } });
  });

  it('writes out the status code with -w and stays quiet with -s', async () => {
    const r = await p.sh(`curl -s -o /dev/null -w '%{http_code}\\n' localhost:8011/image`);
    expect(r.out).toBe('200\n');
    expect(r.err).toBe('');
  });

  it('fails like curl when nothing listens or the name does not resolve on the host', async () => {
    await p.sh('docker compose stop image-gallery');
    expect(await p.sh('curl http://localhost:8010')).toMatchObject({
      status: 7,
      err: "curl: (7) Failed to connect to localhost port 8010 after 0 ms: Couldn't connect to server\n",
    });
    expect(await p.sh('curl -s http://localhost:8010')).toMatchObject({ status: 7, err: '' });
    await p.sh('docker compose start image-gallery');
    expect(await p.sh('curl http://accesslog/metrics')).toMatchObject({ status: 6, err: 'curl: (6) Could not resolve host: accesslog\n' });
    expect((await p.sh('curl --bogus x')).status).toBe(2);
  });
});

describe('promtool and the shell', () => {
  it('checks the running config', async () => {
    const r = await p.sh('promtool check config prometheus.yml');
    expect(r).toMatchObject({ status: 0, out: 'Checking prometheus.yml\n  SUCCESS: prometheus.yml is valid prometheus config file syntax\n\n' });
    expect((await p.sh('promtool check config missing.yml')).status).toBe(1);
  });

  it('says how to get help for an unknown command', async () => {
    const r = await p.sh('kubectl get pods');
    expect(r.status).toBe(127);
    expect(r.err).toMatch(/^bash: kubectl: command not found\n.*help/);
    expect((await p.sh('help')).out).toMatch(/docker compose.*\n[\s\S]*curl/);
  });

  it('reads files with <, and explains a pasted Markdown autolink', async () => {
    expect(await p.sh('grep -c x < prometheus.yml')).toMatchObject({ status: 2, err: "grep: invalid option -- 'c'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n" });
    expect((await p.sh('grep job_name < prometheus.yml')).out).toMatch(/^  - job_name: "image-gallery"\n/);
    expect((await p.sh('cat < nope.yml')).err).toBe('bash: nope.yml: No such file or directory\n');
    const pasted = await p.sh('for i in {1..10}; do curl <http://localhost:8010> > /dev/null; done');
    expect(pasted.status).toBe(2);
    expect(pasted.err).toBe("bash: syntax error near unexpected token `>'\npromlab: remove the < > around the URL (a Markdown autolink): curl http://localhost:8010\n");
  });

  it('runs && and || by exit status and rejects writes to files', async () => {
    expect((await p.sh('curl -s localhost:1 && echo yes || echo no')).out).toBe('no\n');
    expect(await p.sh('echo hi > out.txt')).toMatchObject({ status: 1, err: 'bash: out.txt: Read-only file system\n' });
    expect((await p.sh('echo "a $?"')).out).toBe('a 1\n');
  });

  it('keeps a multi-line command as one history line, like bash', async () => {
    expect((await p.sh('for i in 1 2\ndo echo n$i\ndone')).out).toBe('n1\nn2\n');
    expect(p.shell.history().at(-1)!.line).toBe('for i in 1 2; do echo n$i; done');
    expect(historyLine('echo a &&\necho b |\ngrep b')).toBe('echo a && echo b | grep b');
  });

  it('lists the history with numbers, the running line last', async () => {
    const n = p.shell.history().length;
    const r = await p.sh('history 2');
    expect(r.out).toBe(`${String(n).padStart(5)}  ${p.shell.history()[n - 1].line}\n${String(n + 1).padStart(5)}  history 2\n`);
    expect((await p.sh('history x')).err).toBe('bash: history: x: numeric argument required\n');
  });

  it('records history with exit statuses, after what an earlier session left', () => {
    const last = p.shell.history().at(-1)!;
    expect(last).toMatchObject({ line: 'history x', status: 1 });
    const n = p.shell.history().length;
    p.shell.restore([{ line: 'docker compose ps', status: 0, time: 0 }]);
    expect(p.shell.history()).toHaveLength(n + 1);
    expect(p.shell.history()[0].line).toBe('docker compose ps');
    expect(p.shell.history().at(-1)).toBe(last);
  });

  it('completes commands, compose subcommands, flags and files', () => {
    expect(p.shell.complete('doc').candidates).toEqual(['docker', 'docker-compose']);
    expect(commonPrefix(p.shell.complete('doc').candidates)).toBe('docker');
    expect(p.shell.complete('docker compose s').candidates).toEqual(['start', 'stop']);
    expect(p.shell.complete('docker compose -f docker-compose.yml up -d --scale acc').candidates).toEqual(['accesslog=']);
    expect(p.shell.complete('docker compose stop io').candidates).toEqual(['iotd']);
    expect(p.shell.complete('promtool check config pro').candidates).toEqual(['prometheus.yml']);
    expect(p.shell.complete('for i in {1..3}; do cu').candidates).toEqual(['curl']);
  });
});
