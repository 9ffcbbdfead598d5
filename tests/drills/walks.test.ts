// A walk per drill on the virtual clock: the fault shows in the drill's signals, the right diagnosis passes, a wrong
// component and every wrong cause fail with the signal that contradicts them, a config fault passes only once fixed,
// and the same world without the fault shows none of it.

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeEvidence, contradictionHolds } from '../../src/drills/grade.ts';
import { PROGRESS_KEY, WRONG_PENALTY } from '../../src/drills/run.ts';
import type { Drill } from '../../src/drills/types.ts';
import type { Diagnosis } from '../../src/drills/view.ts';
import { DEFAULT_RULES_PATH } from '../../src/rules/default.ts';
import { DRILLS, stack } from './walk.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const OTHER: Record<string, string> = { 'image-gallery': 'iotd', iotd: 'accesslog', accesslog: 'image-gallery' };

/** Undoes the drill's config and rule edits the way a learner fixes them: in the files, then a reload. */
function fix(s: ReturnType<typeof stack>, drill: Drill): void {
  for (const f of drill.faults) {
    if (f.kind === 'config') {
      let text = s.prom.configText();
      for (const r of f.replace) text = text.replace(r.to, r.from);
      expect(s.prom.applyConfig(text).ok).toBe(true);
    }
    if (f.kind === 'rules') {
      let text = s.prom.files.read(DEFAULT_RULES_PATH)!;
      for (const r of f.replace) text = text.replace(r.to, r.from);
      s.prom.files.write(DEFAULT_RULES_PATH, text);
      expect(s.prom.applyConfig(s.prom.configText()).ok).toBe(true);
    }
  }
}

describe.each(DRILLS.map((d) => [d.id, d] as const))('drill %s', { timeout: 120_000 }, (_id, drill) => {
  it('shows its fault; the right diagnosis passes; a wrong component and every wrong cause fail with their reason', async () => {
    const s = stack(server, [drill], drill.seed);
    try {
      const config = s.prom.configText();
      const running = await s.drills.start(drill.id);
      expect(running.pagedAt - running.historyFrom).toBe(drill.warmup + drill.develop);
      const ctx = s.drills.context();
      const culprit = ctx.culprits[0];
      expect(culprit.service).toBe(drill.component.service);
      const right: Diagnosis = {
        service: drill.component.service,
        instance: drill.component.replica === 'last' ? culprit.name : '',
        query: drill.evidence.query.example,
        log: '',
        cause: drill.cause,
      };
      // The evidence the drill names shows the fault: its query, and its log line from the faulty container.
      expect(gradeEvidence(ctx, right)).toBeNull();
      if (drill.evidence.log) {
        const pattern = new RegExp(drill.evidence.log.pattern);
        const line = s.world.logs.query({ from: ctx.faultAt }).find((e) => e.container === culprit.name && pattern.test(e.line));
        expect(line, 'a log line of the faulty container matches').toBeDefined();
        expect(gradeEvidence(ctx, { ...right, query: '', log: line!.line })).toBeNull();
        const healthyLine = s.world.logs.query({ to: ctx.faultAt }).find((e) => e.container === culprit.name && !pattern.test(e.line));
        if (healthyLine) expect(gradeEvidence(ctx, { ...right, query: '', log: healthyLine.line })?.field).toBe('evidence');
      }

      // A wrong component is answered with where the change shows instead.
      const wrongComponent = await s.drills.submit({ ...right, service: OTHER[drill.component.service], instance: '' });
      expect(wrongComponent.pass).toBe(false);
      expect(wrongComponent.reasons.map((r) => r.field)).toEqual(drill.resolved ? ['component', 'fix'] : ['component']);
      expect(wrongComponent.reasons[0].text.en).toMatch(/shows no sign of the incident/);

      // Evidence about nothing fails too.
      const empty = await s.drills.submit({ ...right, query: 'up{job="no-such-job"}' });
      expect(empty.reasons.map((r) => r.field)).toEqual(drill.resolved ? ['evidence', 'fix'] : ['evidence']);

      // Every wrong cause: its contradicting signal holds over the drill's history, and the verdict names it.
      const wrong = drill.causes.filter((c) => c.id !== drill.cause);
      expect(wrong.length).toBeGreaterThanOrEqual(2);
      for (const c of wrong) {
        expect(contradictionHolds(s.drills.context(), c.id), `contradiction of ${c.id}`).toBe(true);
        const v = await s.drills.submit({ ...right, cause: c.id });
        expect(v.pass).toBe(false);
        expect(v.reasons.map((r) => r.field)).toEqual(drill.resolved ? ['cause', 'fix'] : ['cause']);
        expect(v.reasons[0].text.en.startsWith(c.contradiction!.text.en)).toBe(true);
        expect(v.reasons[0].link?.expr).toBe(c.contradiction!.query);
      }

      let attempts = 2 + wrong.length;
      if (drill.resolved) {
        // A config fault is diagnosed only once the fix runs and the targets recover.
        const unfixed = await s.drills.submit(right);
        expect(unfixed.reasons.map((r) => r.field)).toEqual(['fix']);
        attempts++;
        fix(s, drill);
      }
      // The learner looks around for a minute of virtual time.
      await s.clock.advance(60_000);
      const pass = await s.drills.submit(right);
      expect(pass).toEqual({ pass: true, reasons: [], score: Math.max(0, 100 - WRONG_PENALTY * attempts) });
      const state = (await s.drills.state())!;
      expect(state.solved).toBe(true);
      expect(state.virtualMs).toBeGreaterThan(0);
      expect(state.wallMs).toBeGreaterThan(0);
      expect(state.debrief!.length).toBe(drill.debrief.length);
      for (const line of state.debrief!) {
        if (line.graph) expect(line.graph).toMatchObject({ start: running.historyFrom, end: running.pagedAt + state.virtualMs! });
        if (line.logs) {
          // Each debrief log link finds the lines it points at.
          const found = s.world.logs.query({ services: [line.logs.service], from: line.logs.from, to: line.logs.to, contains: line.logs.contains });
          expect(found.length, `log lines for ${line.logs.contains}`).toBeGreaterThan(0);
        }
      }
      const progress = (await s.store.get<Record<string, { solved: boolean; bestScore: number }>>(PROGRESS_KEY))![drill.id];
      expect(progress).toMatchObject({ solved: true, bestScore: pass.score });

      // Ending it gives the learner's config back.
      await s.drills.end();
      expect(s.prom.configText()).toBe(config);
      expect(s.world.faults.for(drill.component.service)).toMatchObject({ errorRatio: null, routeErrors: null, extraLatencyMs: 0 });
    } finally {
      s.stop();
    }
  });

  it('a healthy world shows none of its symptoms', async () => {
    const healthy: Drill = { ...drill, faults: [] };
    const s = stack(server, [healthy], drill.seed);
    try {
      await s.drills.start(drill.id);
      const ctx = s.drills.context();
      const reason = gradeEvidence(ctx, { service: drill.component.service, instance: '', query: drill.evidence.query.example, log: '', cause: drill.cause });
      expect(reason?.field).toBe('evidence');
      if (drill.evidence.log) {
        const pattern = new RegExp(drill.evidence.log.pattern);
        expect(s.world.logs.query({ from: ctx.faultAt }).filter((e) => e.service === drill.evidence.log!.service && pattern.test(e.line))).toEqual([]);
      }
    } finally {
      s.stop();
    }
  });
});
