// Every step of every lesson, in course order, on one running playground: each check is evaluated on the state
// before the learner acts (it must fail) and after (it must pass), so no check is green by accident.

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCheck, type PlaygroundState } from '../../src/lessons/checks.ts';
import { parseLessons } from '../../src/lessons/load.ts';
import type { Lesson } from '../../src/lessons/types.ts';
import { parseShell } from '../../src/terminal/parse.ts';
import { startPlayground, type Playground } from '../terminal/fixture.ts';

const lessons: Lesson[] = parseLessons(
  Object.fromEntries(readdirSync('lessons').filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => [`lessons/${f}`, readFileSync(`lessons/${f}`, 'utf8')])),
);

/** How a learner does each step: an action for live checks; for answer checks a wrong and a right answer, maybe after an action. */
type Walk = { act: (p: Playground) => Promise<unknown> } | { before?: (p: Playground) => Promise<unknown>; wrong: string; right: string };

const CONFIG_5S = (text: string) => text.replace('  - job_name: "image-gallery"\n', '  - job_name: "image-gallery"\n    scrape_interval: 5s\n');
const run = (line: string) => async (p: Playground) => expect((await p.sh(line)).status).toBe(0);
const wait = (ms: number) => (p: Playground) => p.clock.advance(ms);
const both =
  (...fns: ((p: Playground) => Promise<unknown>)[]) =>
  async (p: Playground) => {
    for (const f of fns) await f(p);
  };

const WALK: Record<string, Record<string, Walk>> = {
  'pull-and-scrape': {
    'read-gallery': { act: run('curl http://localhost:8010/metrics') },
    'read-accesslog': { act: run('curl -s http://localhost:8012/metrics | grep access_log') },
    'send-requests': { act: both(run('for i in {1..10}; do curl http://localhost:8010 > /dev/null; done'), wait(10_000)) },
    'query-counter': { wrong: 'sum(image_gallery_requests_total)', right: 'image_gallery_requests_total{code="200"}' },
    'read-histogram': {
      wrong: 'engine_daemon_container_actions_seconds_bucket{action="start"}',
      right: 'engine_daemon_container_actions_seconds_count{action="start",job="docker"}',
    },
  },
  'prometheus-yml': {
    'check-config': { act: run('promtool check config prometheus.yml') },
    'iotd-path': { wrong: 'up{job="image-gallery"}', right: 'up{job="iotd-api"}' },
    'per-job-interval': { act: async (p) => expect(p.prom.applyConfig(CONFIG_5S(p.prom.configText())).ok).toBe(true) },
    'faster-scrapes': { act: wait(60_000) },
  },
  'scale-out': {
    scale: { act: run('docker compose -f docker-compose.yml up -d --scale accesslog=3') },
    discover: { act: wait(60_000) },
    spread: { act: both(run('for i in {1..10}; do curl http://localhost:8010 > /dev/null; done'), wait(10_000)) },
    'per-replica': { wrong: 'sum(access_log_total)', right: 'access_log_total' },
  },
  'labels-promql': {
    'filter-instance': { wrong: 'sum(access_log_total)', right: 'access_log_total{instance="172.20.0.7:80"}' },
    'sum-without': { wrong: 'sum(access_log_total) without(instance)', right: 'sum by (job) (access_log_total)' },
    'rate-200': {
      wrong: 'sum(image_gallery_requests_total{code="200"}) without(instance)',
      right: 'sum without(instance) (rate(image_gallery_requests_total{code="200"}[1m]))',
    },
    'in-flight': { wrong: 'image_gallery_in_flight_requests', right: 'sum(image_gallery_in_flight_requests) without(instance)' },
    memory: { wrong: 'go_memstats_stack_inuse_bytes', right: 'go_memstats_stack_inuse_bytes{job="image-gallery"}' },
    goroutines: { wrong: 'sum(go_goroutines) without(instance)', right: 'sum(go_goroutines{job="image-gallery"}) without(instance)' },
  },
  'dashboard-trends': {
    'ask-api': { act: run(`curl -s 'http://localhost:9090/api/v1/query?query=up'`) },
    burst: { act: both(run('for i in {1..50}; do curl -s -o /dev/null http://localhost:8010; done'), wait(10_000)) },
    'see-jump': { wrong: 'rate(up[1m])', right: 'sum(rate(image_gallery_requests_total[1m])) without(instance, code, method)' },
    'break-iotd': { act: both(run('docker compose stop iotd'), wait(10_000)) },
    'errors-follow': { act: both(run('for i in {1..20}; do curl -s -o /dev/null http://localhost:8010; done'), wait(10_000)) },
    recover: { act: both(run('docker compose start iotd'), wait(10_000)) },
  },
  transparency: {
    'error-rate': {
      wrong: 'sum(image_gallery_requests_total{code="500"}) / sum(image_gallery_requests_total)',
      right: 'sum(rate(image_gallery_requests_total{code="500"}[5m])) / sum(rate(image_gallery_requests_total[5m]))',
    },
    'alert-condition': {
      wrong: 'sum(rate(image_gallery_requests_total{code="500"}[5m])) / sum(rate(image_gallery_requests_total[5m])) > 0.5',
      right: 'sum(rate(image_gallery_requests_total{code="500"}[5m])) / sum(rate(image_gallery_requests_total[5m])) > 0.05',
    },
    // The 500s of dashboard-trends' errors-follow age out of the error-logs step's 1m window before the incident starts.
    incident: { act: both(wait(60_000), run('promlab incident start error-rate')) },
    'error-logs': { act: wait(60_000) },
    logs: { act: run('docker compose logs --tail 20 image-gallery') },
    'business-metric': {
      before: both(run('for i in {1..5}; do curl -s -o /dev/null http://localhost:8010; done'), wait(10_000)),
      wrong: 'sum(iotd_api_image_load_total) without(instance)',
      right: 'sum(iotd_api_image_load_total{status="cached"}) without(instance)',
    },
  },
};

let p: Playground;
let state: PlaygroundState;
beforeAll(async () => {
  p = startPlayground();
  state = {
    targets: () => p.prom.targets(),
    containers: () => p.world.containers(),
    instantQuery: async (e) => p.prom.instantQuery(e),
    configText: () => p.prom.configText(),
    history: () => p.shell.history(),
    logs: (q) => p.world.logs.query(q),
    now: () => p.clock.now(),
  };
  await p.clock.advance(20_000);
});
afterAll(() => p.close());

it('has a walk for every step of every lesson, and six lessons in the chapter order', () => {
  expect(lessons.map((l) => l.id)).toEqual(['pull-and-scrape', 'prometheus-yml', 'scale-out', 'labels-promql', 'dashboard-trends', 'transparency']);
  expect(Object.fromEntries(lessons.map((l) => [l.id, l.steps.map((s) => s.id)]))).toEqual(
    Object.fromEntries(Object.entries(WALK).map(([id, steps]) => [id, Object.keys(steps)])),
  );
});

it('offers only commands the terminal parses, and each `ran` check accepts its own command', () => {
  for (const step of lessons.flatMap((l) => l.steps)) {
    if (step.command === null) continue;
    expect(() => parseShell(step.command!), step.id).not.toThrow();
    if (step.check.kind === 'ran') expect(step.command, step.id).toMatch(new RegExp(step.check.pattern));
  }
});

for (const lesson of lessons) {
  describe(lesson.id, () => {
    for (const step of lesson.steps) {
      it(`${step.id}: fails before, passes after`, async () => {
        const walk = WALK[lesson.id][step.id];
        if ('act' in walk) {
          expect((await evaluateCheck(step.check, state)).pass, 'before').toBe(false);
          await walk.act(p);
          const after = await evaluateCheck(step.check, state);
          expect(after.pass, JSON.stringify(after)).toBe(true);
        } else {
          await walk.before?.(p);
          expect((await evaluateCheck(step.check, state, walk.wrong)).pass, 'wrong answer').toBe(false);
          expect((await evaluateCheck(step.check, state, '')).pass, 'empty answer').toBe(false);
          const after = await evaluateCheck(step.check, state, walk.right);
          expect(after.pass, JSON.stringify(after)).toBe(true);
        }
      });
    }
  });
}
