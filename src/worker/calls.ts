// The control channel: what only promlab has (clock, world, incidents, files, the head's retention, the
// terminal, explain), as named calls the page makes through src/ui/remote/client.ts. Everything Prometheus
// itself answers goes over the HTTP API instead (the `http` call carries a request to :9090 or :9093).
//
// To add a call: add an entry here (plain-data arguments and result); the page calls it as
// `client.call('name', ...args)`, typed from this map. A snapshot is pushed before the result arrives, so the
// page's mirror already shows the call's effect when its promise resolves — except for QUESTIONS below.

import type { LogQuery } from '../logs/store.ts';
import { emptyCause } from '../explain/empty.ts';
import { explain, type ExplainNode } from '../explain/tree.ts';
import { parseExpr } from '../promql/parser/parse.ts';
import type { IncidentKind } from '../sim/incidents/kinds.ts';
import { loadDrills } from '../drills/content.ts';
import { Drills } from '../drills/run.ts';
import type { Diagnosis } from '../drills/view.ts';
import { Shell, type HistoryEntry } from '../terminal/shell.ts';
import { HeadCompletionClient } from './completion.ts';
import { metricRows } from './metrics.ts';
import type { Holder } from './holder.ts';
import type { Runtime } from './runtime.ts';

/** A request or response crossing threads: fetch()'s shape with the body as text. */
export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: [string, string][];
  readonly body: string | null;
}
export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: [string, string][];
  readonly body: string;
}

/** An explain tree without the syntax tree nodes (the page has the expression; it parses it itself if needed). */
export type ExplainData = Omit<ExplainNode, 'ast' | 'children'> & { readonly children: readonly ExplainData[] };

export type TerminalChunk = { readonly kind: 'out' | 'err'; readonly text: string } | { readonly kind: 'clear' };

type Silence = Parameters<Runtime['alertmanager']['addSilence']>[0];
type EditorMatcher = { type: number; name: string; value: string };

export function controlCalls(rt: Runtime, hooks: { reset(): void; holder: Holder }) {
  const { clock, world, prom, alertmanager, incidents, files, persistence } = rt;
  // The shell speaks the language of the page that last ran a command.
  let lang: 'ko' | 'en' = 'ko';
  // The drill files are bundled with the page, which hands their texts over once; the engine reads them on first use.
  let handDrillFiles!: (texts: Record<string, string>) => void;
  const drillFiles = new Promise<Record<string, string>>((resolve) => (handDrillFiles = resolve));
  const readDrill = async (path: string) => {
    const text = (await drillFiles)[path];
    if (text === undefined) throw new Error(`${path} is not among the drill files the page handed over`);
    return text;
  };
  const drills = new Drills(() => loadDrills(readDrill), { clock, world, prom, incidents, store: rt.store });
  // A drill that was running when the page reloaded goes on (once the page has handed over the drill files).
  drills.resume().catch((err: unknown) => console.error('the running drill could not be resumed', err));
  const shell = new Shell({ world, prom, clock, fetch: rt.fetch, incidents, drills, lang: () => lang });
  const completion = new HeadCompletionClient(prom, () => clock.now());
  const tree = (expr: string, at: number) => explain(parseExpr(expr), { engine: prom.engine, queryable: prom.head, time: at });
  const strip = (n: ExplainNode): ExplainData => {
    const { ast: _ast, children, ...rest } = n;
    return { ...rest, children: children.map(strip) };
  };
  let inputTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    'clock.play': (speed = 1) => clock.live(speed),
    'clock.pause': () => clock.pause(),
    /**
     * The page is answering keys: for a moment, a fast-forward leaves it a core most of the time (on a machine
     * with few cores the worker and the page would otherwise share one, and each key would wait).
     */
    'clock.yieldToInput': () => {
      clock.breathe(INPUT_BREATH_MS);
      clearTimeout(inputTimer);
      inputTimer = setTimeout(() => clock.breathe(0), INPUT_QUIET_MS);
    },
    /** Fast-forward: the world runs as fast as it can; the result comes once the time has passed and is saved. */
    'clock.forward': async (ms: number) => {
      await clock.advance(ms);
      await persistence.save();
    },
    'prom.applyConfig': (text: string) => {
      const r = prom.applyConfig(text);
      return r.ok ? { ok: true as const, jobs: r.config.scrapeConfigs.map((c) => c.jobName) } : { ok: false as const, errors: r.errors };
    },
    'prom.reloadRules': () => void prom.rules.reload(),
    'files.write': (path: string, text: string) => files.write(path, text),
    'files.remove': (path: string) => files.remove(path),
    /** /api/v1/status/tsdb's figures with the head's time range and retention; asked for by the page that shows them. */
    'head.status': () => prom.head.status(10),
    'head.setRetention': async (ms: number) => {
      prom.head.setRetention(ms);
      await persistence.save();
    },
    'world.scale': (service: string, n: number) => world.scale(service, n),
    'world.sendRequests': (n: number) => world.sendRequests(n),
    'world.stopContainer': (name: string) => world.stopContainer(name),
    'world.startContainer': (name: string) => world.startContainer(name),
    'world.setLatency': (name: string, ms: number) => world.setLatency(name, ms),
    'world.setMalformed': (name: string, on: boolean) => world.setMalformed(name, on),
    'world.logs': (q: LogQuery) => world.logs.query(q),
    'alertmanager.applyConfig': (text: string) => {
      const r = alertmanager.applyConfig(text);
      return r.ok ? { ok: true as const } : { ok: false as const, errors: r.errors };
    },
    'alertmanager.addSilence': (s: Silence) => alertmanager.addSilence(s),
    'alertmanager.expireSilence': (id: string) => alertmanager.expireSilence(id),
    'incidents.start': (kind: IncidentKind) => void incidents.start(kind),
    'incidents.stop': (kind: IncidentKind) => incidents.stop(kind),
    'incidents.setSteadyRate': (perSecond: number) => incidents.setSteadyRate(perSecond),
    'persistence.save': () => persistence.save(),
    /** Asks the tab that saves to hand the store over; this tab's snapshot then says 'freed' (reload to continue). */
    'holder.takeOver': () => hooks.holder.takeOver(),
    /** Wipes the store; this Prometheus stops (the page reloads and starts a fresh one). */
    'persistence.reset': async () => {
      clock.pause();
      await persistence.reset();
      hooks.reset();
    },
    /** A request to Prometheus' or Alertmanager's HTTP API, or to a simulated app, answered in the worker. */
    http: async (req: WireRequest): Promise<WireResponse> => {
      const res = await rt.fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
      return { status: res.status, statusText: res.statusText, headers: [...res.headers], body: await res.text() };
    },
    'query.explain': (expr: string, at: number) => strip(tree(expr, at)),
    /** Why `expr` is empty at `at`: the node that lost the series, and for a selector the matcher that did. */
    'query.emptyCause': (expr: string, at: number) => {
      const c = emptyCause(tree(expr, at));
      if (!c) return null;
      const steps = c.node.selectorSteps ?? [];
      const i = steps.findIndex((s) => s.series === 0);
      return { reason: c.reason, expr: c.node.expr, inputs: c.inputs, matcher: i > 0 ? { matcher: steps[i].matcher, before: steps[i - 1].series } : null };
    },
    'explorer.rows': () => metricRows(prom.head, prom.metadata()),
    'completion.labelNames': (metricName?: string) => completion.labelNames(metricName),
    'completion.labelValues': (labelName: string, metricName?: string, matchers?: EditorMatcher[]) => completion.labelValues(labelName, metricName, matchers),
    'completion.series': (metricName: string, matchers?: EditorMatcher[], labelName?: string) =>
      completion.series(metricName, matchers, labelName).then((ms) => ms.map((m) => [...m])),
    'terminal.restore': (entries: HistoryEntry[]) => shell.restore(entries),
    /** Runs a command line; its output, then the history including it. */
    'terminal.run': async (line: string, locale: 'ko' | 'en') => {
      lang = locale;
      const chunks: TerminalChunk[] = [];
      let status: number;
      try {
        status = await shell.run(line, { out: (text) => chunks.push({ kind: 'out', text }), err: (text) => chunks.push({ kind: 'err', text }), clear: () => chunks.push({ kind: 'clear' }) });
      } catch (err) {
        chunks.push({ kind: 'err', text: `promlab: ${err instanceof Error ? err.message : String(err)}\n` });
        status = 1;
      }
      return { chunks, status, history: shell.history() };
    },
    'terminal.complete': (line: string) => shell.complete(line),
    'drills.files': (texts: Record<string, string>) => handDrillFiles(texts),
    'drills.list': () => drills.list(),
    'drills.state': () => drills.state(),
    // A drill starts with a fast-forward through its history: saved at once, like any other, so a reload keeps it.
    'drills.start': async (id: string) => {
      const running = await drills.start(id);
      await persistence.save();
      return running;
    },
    'drills.hint': () => drills.hint(),
    'drills.submit': (diagnosis: Diagnosis) => drills.submit(diagnosis),
    'drills.end': () => drills.end(),
  };
}

/** While the page answers keys, each of a fast-forward's turns (every 20 ms of work) lasts this long: it runs a quarter of the time. */
const INPUT_BREATH_MS = 60;
/** ...until the keys have been quiet this long. */
const INPUT_QUIET_MS = 1000;

export type ControlCalls = ReturnType<typeof controlCalls>;

/**
 * Calls that only read (or, like clock.yieldToInput, change nothing the page shows), which the page may ask again
 * after every snapshot: they get no snapshot of their own.
 * `http` is one too (queries, the page's own fetches): what a request changes goes out with the next snapshot.
 */
export const QUESTIONS: ReadonlySet<keyof ControlCalls> = new Set<keyof ControlCalls>([
  'http',
  'query.explain',
  'query.emptyCause',
  'explorer.rows',
  'completion.labelNames',
  'completion.labelValues',
  'completion.series',
  'world.logs',
  'head.status',
  'terminal.complete',
  'drills.list',
  'drills.state',
  'clock.yieldToInput',
]);
export type CallName = keyof ControlCalls;
export type CallArgs<K extends CallName> = Parameters<ControlCalls[K]>;
export type CallResult<K extends CallName> = Awaited<ReturnType<ControlCalls[K]>>;
