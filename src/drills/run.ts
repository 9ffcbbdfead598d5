// The drill engine: starts a drill in the running world (the chapter's config, the setup's traffic, a warm-up,
// the fault on the virtual clock, a while for it to develop), grades diagnoses, hands out hints, scores, and keeps
// progress in the store. Ending a drill takes the faults away and gives the learner's own config back.

import type { Clock } from '../clock/clock.ts';
import type { ConfigResult } from '../config/types.ts';
import { DEFAULT_CONFIG_YAML } from '../config/default.ts';
import type { Files } from '../files/files.ts';
import type { LogEntry, LogQuery } from '../logs/store.ts';
import type { Value } from '../promql/value.ts';
import { DEFAULT_ALERTING_YAML, DEFAULT_RULES_PATH, DEFAULT_RULES_YAML } from '../rules/default.ts';
import type { Faults } from '../sim/incidents/faults.ts';
import type { Incidents } from '../sim/incidents/incidents.ts';
import { Traffic } from '../sim/incidents/traffic.ts';
import type { Store } from '../kvstore/store.ts';
import { gradeCause, gradeComponent, gradeEvidence, gradeFix, type Container, type GradeContext } from './grade.ts';
import type { Drill, Replace } from './types.ts';
import type { DebriefLine, Diagnosis, DrillProgress, DrillSummary, DrillsView, RunningDrill, Verdict } from './view.ts';

export const PROGRESS_KEY = 'drills/progress';
/** The running drill, so a reload picks it up where it was (see resume). */
export const RUNNING_KEY = 'drills/running';
export const WRONG_PENALTY = 10;
export const OVER_BUDGET_PENALTY = 20;

/** What the engine drives: the clock, the world, the running Prometheus, the incidents, the store. */
export interface DrillHost {
  clock: Clock & { advance(ms: number): Promise<void> };
  world: {
    readonly faults: Faults;
    readonly logs: { query(q: LogQuery): LogEntry[] };
    containers(): readonly (Container & { number: number; state: string })[];
    scale(service: string, n: number): unknown;
    stop(service: string): unknown;
    start(service: string): unknown;
    request(method: string, url: string): Promise<unknown>;
  };
  prom: {
    readonly files: Files;
    readonly rules: { reload(): unknown };
    configText(): string;
    applyConfig(text: string): ConfigResult;
    instantQuery(expr: string, t?: number): Value;
    rangeQuery(expr: string, start: number, end: number, step: number): Value;
  };
  incidents: Pick<Incidents, 'start' | 'stop' | 'active' | 'setSteadyRate' | 'steadyRate'>;
  store: Store;
  /** Wall-clock time (Date.now by default). */
  wallNow?: () => number;
}

interface Run {
  drill: Drill;
  historyFrom: number;
  faultAt: number;
  pagedAt: number;
  wallStartedAt: number;
  hintsShown: number;
  attempts: number;
  last: Verdict | null;
  solvedAt: { virtual: number; wall: number; score: number } | null;
  culprits: Container[];
  saved: { config: string; rules: string | undefined; steady: number };
  traffic: Traffic[];
  timers: number[];
}

/** What the store keeps of a running drill: everything but the drill itself and what runs on the clock. */
type RunRecord = Omit<Run, 'drill' | 'traffic' | 'timers'> & { id: string };

const NO_PROGRESS: DrillProgress = { attempts: 0, solved: false, bestScore: null, bestVirtualMs: null, bestWallMs: null };

function patch(file: string, text: string, edits: Replace[]): string {
  let out = text;
  for (const e of edits) {
    if (!out.includes(e.from)) throw new Error(`${file}: the drill's edit does not apply: ${JSON.stringify(e.from)} not found`);
    out = out.replace(e.from, e.to);
  }
  return out;
}

export class Drills implements DrillsView {
  private run: Run | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly wallNow: () => number;

  private loaded: Promise<readonly Drill[]> | null = null;

  /** `drills` may be a loader: the files are read on first use, not at boot. */
  constructor(
    private readonly drills: readonly Drill[] | (() => Promise<readonly Drill[]>),
    private readonly host: DrillHost,
  ) {
    this.wallNow = host.wallNow ?? (() => Date.now());
  }

  private all(): Promise<readonly Drill[]> {
    const d = this.drills;
    this.loaded ??= typeof d === 'function' ? d() : Promise.resolve(d);
    return this.loaded;
  }

  async list(): Promise<DrillSummary[]> {
    const progress = await this.progress();
    return (await this.all()).map((d) => ({ id: d.id, title: d.title, budget: d.budget, history: d.warmup + d.develop, progress: progress[d.id] ?? NO_PROGRESS }));
  }

  async start(id: string): Promise<RunningDrill> {
    const drills = await this.all();
    const drill = drills.find((d) => d.id === id);
    if (!drill) throw new Error(`no such drill: ${id} (one of ${drills.map((d) => d.id).join(', ')})`);
    if (this.run) await this.end();
    const { clock, world, prom, incidents } = this.host;
    const saved = { config: prom.configText(), rules: prom.files.read(DEFAULT_RULES_PATH), steady: incidents.steadyRate };
    // Every drill starts from the chapter's stack, so its signals are the ones the drill file names.
    for (const i of incidents.active()) incidents.stop(i.kind);
    world.faults.clear();
    prom.files.write(DEFAULT_RULES_PATH, DEFAULT_RULES_YAML);
    this.apply(DEFAULT_CONFIG_YAML + DEFAULT_ALERTING_YAML);
    world.scale('accesslog', drill.setup.accesslog);
    const traffic = this.traffic(drill);
    const historyFrom = clock.now();
    const faultAt = historyFrom + drill.warmup + Math.min(0, ...drill.faults.map((f) => f.at));
    const run: Run = {
      drill,
      historyFrom,
      faultAt,
      pagedAt: 0,
      wallStartedAt: 0,
      hintsShown: 0,
      attempts: 0,
      last: null,
      solvedAt: null,
      culprits: [],
      saved,
      traffic,
      timers: [],
    };
    this.run = run;
    run.timers.push(clock.setTimeout(() => this.findCulprits(run), drill.warmup));
    for (const f of drill.faults) run.timers.push(clock.setTimeout(() => this.inject(f), drill.warmup + f.at));
    await clock.advance(drill.warmup + drill.develop);
    run.pagedAt = clock.now();
    run.wallStartedAt = this.wallNow();
    await this.save(run);
    this.emit();
    return this.snapshot(run);
  }

  /**
   * Picks up the drill that was running when the page reloaded: its record comes back from the store, its traffic
   * starts again and its faults are injected again (the world restarted with the page), each at once if it was due.
   * The head kept the history, so the incident's signals are where the learner left them.
   */
  async resume(): Promise<void> {
    const { store, clock } = this.host;
    const record = await store.get<RunRecord>(RUNNING_KEY).catch(() => undefined);
    if (!record || this.run) return;
    const drill = (await this.all()).find((d) => d.id === record.id);
    if (!drill) {
      await store.delete(RUNNING_KEY).catch(() => undefined);
      return;
    }
    const { id: _id, ...kept } = record;
    const run: Run = { ...kept, drill, traffic: this.traffic(drill), timers: [] };
    this.run = run;
    const start = run.historyFrom + drill.warmup;
    for (const f of drill.faults) {
      const due = start + f.at - clock.now();
      if (due > 0) run.timers.push(clock.setTimeout(() => this.inject(f), due));
      else this.inject(f, true);
    }
    this.emit();
  }

  async state(): Promise<RunningDrill | null> {
    return this.run ? this.snapshot(this.run) : null;
  }

  async hint(): Promise<RunningDrill> {
    const run = this.need();
    if (run.hintsShown < run.drill.hints.length && !run.solvedAt) run.hintsShown++;
    await this.save(run);
    this.emit();
    return this.snapshot(run);
  }

  async submit(d: Diagnosis): Promise<Verdict> {
    const run = this.need();
    if (run.solvedAt) return { pass: true, reasons: [], score: run.solvedAt.score };
    const ctx = this.context(run);
    const reasons = [gradeComponent(ctx, d), gradeEvidence(ctx, d), gradeCause(ctx, d), gradeFix(ctx)].filter((r) => r !== null);
    const pass = reasons.length === 0;
    if (!pass) run.attempts++;
    const score = this.score(run);
    const verdict: Verdict = { pass, reasons, score };
    run.last = verdict;
    if (pass) {
      run.solvedAt = { virtual: ctx.now - run.pagedAt, wall: this.wallNow() - run.wallStartedAt, score };
    }
    await this.record(run, pass);
    await this.save(run);
    this.emit();
    return verdict;
  }

  async end(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = null;
    const { clock, world, prom, incidents, store } = this.host;
    await store.delete(RUNNING_KEY).catch(() => undefined);
    for (const t of run.timers) clock.clearTimeout(t);
    for (const t of run.traffic) t.setRate(0);
    for (const i of incidents.active()) incidents.stop(i.kind);
    const leaked = run.drill.faults.flatMap((f) => (f.kind === 'faults' && (f.set.heapLeakBytesPerSec || f.set.goroutineLeakPerSec) ? [f.service] : []));
    world.faults.clear();
    // Leaked memory stays until the process restarts: the fix ships with a restart.
    for (const s of leaked) {
      world.stop(s);
      world.start(s);
    }
    incidents.setSteadyRate(run.saved.steady);
    if (run.saved.rules === undefined) prom.files.remove(DEFAULT_RULES_PATH);
    else prom.files.write(DEFAULT_RULES_PATH, run.saved.rules);
    if (!prom.applyConfig(run.saved.config).ok) this.apply(DEFAULT_CONFIG_YAML + DEFAULT_ALERTING_YAML);
    this.emit();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The grading context of the running drill, now (the walks use it to check contradictions). */
  context(run: Run | null = this.run): GradeContext {
    if (!run) throw new Error('no drill is running');
    const { prom, world, clock } = this.host;
    return {
      drill: run.drill,
      rangeQuery: (e, s, en, st) => prom.rangeQuery(e, s, en, st),
      instantQuery: (e, t) => prom.instantQuery(e, t),
      logs: (q) => world.logs.query(q),
      culprits: run.culprits,
      historyFrom: run.historyFrom,
      faultAt: run.faultAt,
      now: clock.now(),
    };
  }

  private apply(config: string): void {
    const r = this.host.prom.applyConfig(config);
    if (!r.ok) throw new Error(`drill config does not load: ${r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('; ')}`);
  }

  /** The component's containers as the fault begins (the newest replica is where a bad start shows first). */
  private findCulprits(run: Run): void {
    const replicas = this.host.world.containers().filter((c) => c.service === run.drill.component.service).sort((a, b) => b.number - a.number);
    run.culprits = (run.drill.component.replica === 'last' ? replicas.slice(0, 1) : replicas).map(({ name, service, ip, hostname }) => ({ name, service, ip, hostname }));
  }

  /** Traffic the drill's setup asks for: the users' steady rate on `/`, a generator per other path. */
  private traffic(drill: Drill): Traffic[] {
    const { clock, world, incidents } = this.host;
    const traffic: Traffic[] = [];
    for (const [path, rate] of Object.entries(drill.setup.traffic)) {
      if (path === '/') incidents.setSteadyRate(rate);
      else {
        const t = new Traffic(clock, () => world.request('GET', `http://localhost:8010${path}`));
        t.setRate(rate);
        traffic.push(t);
      }
    }
    return traffic;
  }

  /** `again`: after a reload, where the running config was saved with the drill's edit in it (or the learner's fix). */
  private inject(f: Drill['faults'][number], again = false): void {
    const { world, prom, incidents } = this.host;
    switch (f.kind) {
      case 'incident':
        incidents.start(f.incident, 'drill');
        break;
      case 'faults':
        world.faults.set(f.service, f.set);
        break;
      case 'config':
        if (again) break;
        this.apply(patch('prometheus.yml', prom.configText(), f.replace));
        break;
      case 'rules':
        prom.files.write(DEFAULT_RULES_PATH, patch(DEFAULT_RULES_PATH, prom.files.read(DEFAULT_RULES_PATH) ?? '', f.replace));
        prom.rules.reload();
        break;
    }
  }

  private score(run: Run): number {
    const hints = run.drill.hints.slice(0, run.hintsShown).reduce((sum, h) => sum + h.cost, 0);
    const over = this.host.clock.now() - run.pagedAt > run.drill.budget ? OVER_BUDGET_PENALTY : 0;
    return Math.max(0, 100 - hints - WRONG_PENALTY * run.attempts - over);
  }

  private async save(run: Run): Promise<void> {
    const { drill, traffic: _traffic, timers: _timers, ...kept } = run;
    await this.host.store.put(RUNNING_KEY, { id: drill.id, ...kept } satisfies RunRecord).catch(() => undefined);
  }

  private async progress(): Promise<Record<string, DrillProgress>> {
    return (await this.host.store.get<Record<string, DrillProgress>>(PROGRESS_KEY).catch(() => undefined)) ?? {};
  }

  private async record(run: Run, pass: boolean): Promise<void> {
    const all = await this.progress();
    const p = { ...(all[run.drill.id] ?? NO_PROGRESS) };
    p.attempts++;
    if (pass && run.solvedAt) {
      const s = run.solvedAt;
      p.solved = true;
      p.bestScore = Math.max(p.bestScore ?? 0, s.score);
      p.bestVirtualMs = Math.min(p.bestVirtualMs ?? Infinity, s.virtual);
      p.bestWallMs = Math.min(p.bestWallMs ?? Infinity, s.wall);
    }
    all[run.drill.id] = p;
    await this.host.store.put(PROGRESS_KEY, all).catch(() => undefined);
  }

  private debrief(run: Run): DebriefLine[] {
    const end = run.solvedAt ? run.pagedAt + run.solvedAt.virtual : this.host.clock.now();
    return run.drill.debrief.map((s) => ({
      text: s.text,
      graph: s.query ? { expr: s.query, start: run.historyFrom, end } : undefined,
      logs: s.logs ? { ...s.logs, from: run.faultAt, to: end } : undefined,
    }));
  }

  private snapshot(run: Run): RunningDrill {
    const d = run.drill;
    return {
      id: d.id,
      title: d.title,
      symptom: d.symptom,
      budget: d.budget,
      pagedAt: run.pagedAt,
      faultAt: run.faultAt,
      historyFrom: run.historyFrom,
      wallStartedAt: run.wallStartedAt,
      services: [...new Set(this.host.world.containers().map((c) => c.service))].filter((s) => s !== 'prometheus'),
      causes: d.causes.map((c) => ({ id: c.id, text: c.text })),
      hints: d.hints.map((h, i) => ({ cost: h.cost, text: i < run.hintsShown ? h.text : null })),
      attempts: run.attempts,
      last: run.last,
      solved: run.solvedAt !== null,
      virtualMs: run.solvedAt?.virtual ?? null,
      wallMs: run.solvedAt?.wall ?? null,
      debrief: run.solvedAt ? this.debrief(run) : null,
    };
  }

  private need(): Run {
    if (!this.run) throw new Error('no drill is running: start one first');
    return this.run;
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
