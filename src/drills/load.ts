// Reads a drill file (YAML, see lessons/drills/README.md). Every mistake is a ContentError naming the file, the line
// and the field, so a broken drill fails the build's tests instead of a learner's session.

import { ContentError, Fields, promqlField, yamlFields } from '../lessons/frontmatter.ts';
import { parseDuration } from '../promql/index.ts';
import { INCIDENT_KINDS, type IncidentKind } from '../sim/incidents/kinds.ts';
import type { ServiceFaults } from '../sim/incidents/faults.ts';
import { SERVICES } from '../sim/world.ts';
import { ANOMALIES, type Anomaly, type Cause, type DebriefStep, type Drill, type FaultSpec, type Replace } from './types.ts';

const TOP = ['id', 'order', 'title', 'symptom', 'budget', 'seed', 'setup', 'warmup', 'develop', 'faults', 'component', 'evidence', 'causes', 'cause', 'resolved', 'hints', 'debrief'];
const APP_SERVICES = SERVICES.filter((s) => s !== 'prometheus');

function known(f: Fields, keys: string[]): void {
  for (const k of f.keys()) if (!keys.includes(k)) f.at(k).fail(`unknown field; one of ${keys.join(', ')}`);
}

function duration(f: Fields): number {
  const text = String(f.value ?? '');
  const ms = parseDuration(text);
  if (ms === null) return f.fail(`must be a duration such as 10m, got ${JSON.stringify(f.value)}`);
  return ms;
}

function service(f: Fields): string {
  const s = f.string();
  if (!(APP_SERVICES as readonly string[]).includes(s)) f.fail(`unknown service ${JSON.stringify(s)}; one of ${APP_SERVICES.join(', ')}`);
  return s;
}

function anomalies(f: Fields): Anomaly[] {
  return f.list().map((a) => {
    const s = a.string();
    if (!(ANOMALIES as readonly string[]).includes(s)) a.fail(`unknown change ${JSON.stringify(s)}; one of ${ANOMALIES.join(', ')}`);
    return s as Anomaly;
  });
}

function regexp(f: Fields): string {
  const s = f.string();
  try {
    new RegExp(s);
  } catch (err) {
    f.fail(`invalid regular expression: ${(err as Error).message}`);
  }
  return s;
}

function replaces(f: Fields): Replace[] {
  return f.list().map((r) => {
    known(r, ['from', 'to']);
    return { from: r.at('from').string(), to: String(r.at('to').value ?? '') };
  });
}

const FAULT_FIELDS: Record<keyof ServiceFaults, (f: Fields) => unknown> = {
  errorRatio: (f) => ratio(f),
  routeErrors: (f) => {
    known(f, ['path', 'ratio']);
    return { path: f.at('path').string(), ratio: ratio(f.at('ratio')) };
  },
  extraLatencyMs: (f) => duration(f),
  heapLeakBytesPerSec: (f) => f.number(),
  goroutineLeakPerSec: (f) => f.number(),
  metricsLatencyMs: (f) => duration(f),
  upstreamFailing: (f) => (typeof f.value === 'boolean' ? f.value : f.fail('must be true or false')),
};

function ratio(f: Fields): number {
  const n = f.number();
  if (n < 0 || n > 1) f.fail('must be between 0 and 1');
  return n;
}

function fault(f: Fields): FaultSpec {
  const at = f.has('at') ? duration(f.at('at')) : 0;
  if (f.has('incident')) {
    known(f, ['at', 'incident']);
    const kind = f.at('incident').string();
    if (!(INCIDENT_KINDS as readonly string[]).includes(kind)) f.at('incident').fail(`unknown incident; one of ${INCIDENT_KINDS.join(', ')}`);
    return { at, kind: 'incident', incident: kind as IncidentKind };
  }
  if (f.has('service')) {
    known(f, ['at', 'service', 'set']);
    const set = f.at('set');
    const change: Record<string, unknown> = {};
    for (const k of set.keys()) {
      const read = FAULT_FIELDS[k as keyof ServiceFaults];
      if (!read) set.at(k).fail(`unknown fault; one of ${Object.keys(FAULT_FIELDS).join(', ')}`);
      change[k] = read(set.at(k));
    }
    return { at, kind: 'faults', service: service(f.at('service')), set: change as Partial<ServiceFaults> };
  }
  for (const kind of ['config', 'rules'] as const) {
    if (f.has(kind)) {
      known(f, ['at', kind]);
      return { at, kind, replace: replaces(f.at(kind)) };
    }
  }
  return f.fail('needs one of incident, service (with set), config, rules');
}

function cause(f: Fields): Cause {
  known(f, ['id', 'ko', 'en', 'contradiction']);
  const c = f.optional('contradiction', (x) => {
    known(x, ['query', 'shows', 'not', 'ko', 'en']);
    const shows = x.optional('shows', anomalies) ?? [];
    const not = x.optional('not', anomalies) ?? [];
    if (shows.length + not.length === 0) x.fail('needs shows or not: what the signal does that the cause would not');
    return { query: promqlField(x.at('query')), shows, not, text: x.localized() };
  });
  return { id: f.at('id').string(), text: f.localized(), contradiction: c };
}

function debriefStep(f: Fields): DebriefStep {
  known(f, ['ko', 'en', 'query', 'logs']);
  return {
    text: f.localized(),
    query: f.optional('query', promqlField),
    logs: f.optional('logs', (l) => {
      known(l, ['service', 'contains']);
      return { service: service(l.at('service')), contains: l.at('contains').string() };
    }),
  };
}

export function parseDrill(file: string, text: string): Drill {
  const f = yamlFields(file, text);
  known(f, TOP);
  const setup = f.at('setup');
  known(setup, ['accesslog', 'traffic']);
  const traffic = setup.at('traffic');
  const component = f.at('component');
  known(component, ['service', 'replica']);
  const replica = component.optional('replica', (r) => r.string()) ?? 'any';
  if (replica !== 'last' && replica !== 'any') return component.at('replica').fail('must be last or any');
  const ev = f.at('evidence');
  known(ev, ['query', 'log']);
  const q = ev.at('query');
  known(q, ['labels', 'shows', 'example']);
  const labels = q.at('labels');
  const causes = f.at('causes').list().map(cause);
  const right = f.at('cause').string();
  const rightCause = causes.find((c) => c.id === right);
  if (!rightCause) return f.at('cause').fail(`names no cause of causes: ${causes.map((c) => c.id).join(', ')}`);
  if (rightCause.contradiction) f.at('cause').fail('the right cause cannot have a contradiction');
  causes.forEach((c, i) => c.id !== right && !c.contradiction && f.at('causes').at(i).fail('a wrong cause needs the contradiction that rules it out'));
  const drill: Drill = {
    file,
    id: f.at('id').string(),
    order: f.at('order').number(),
    title: f.at('title').localized(),
    symptom: f.at('symptom').localized(),
    budget: duration(f.at('budget')),
    seed: f.at('seed').number(),
    setup: {
      accesslog: setup.optional('accesslog', (x) => x.number()) ?? 1,
      traffic: Object.fromEntries(traffic.keys().map((path) => [path, traffic.at(path).number()])),
    },
    warmup: duration(f.at('warmup')),
    develop: duration(f.at('develop')),
    faults: f.at('faults').list().map(fault),
    component: { service: service(component.at('service')), replica },
    evidence: {
      query: {
        labels: Object.fromEntries(labels.keys().map((k) => [k, labels.at(k).string()])),
        shows: anomalies(q.at('shows')),
        example: promqlField(q.at('example')),
      },
      log: ev.optional('log', (l) => {
        known(l, ['service', 'pattern', 'example']);
        const pattern = regexp(l.at('pattern'));
        const example = l.at('example').string();
        if (!new RegExp(pattern).test(example)) l.at('example').fail('does not match pattern');
        return { service: service(l.at('service')), pattern, example };
      }),
    },
    causes,
    cause: right,
    resolved: f.optional('resolved', (r) => {
      known(r, ['query', 'ko', 'en']);
      return { query: promqlField(r.at('query')), text: r.localized() };
    }),
    hints: f.at('hints').list().map((h) => {
      known(h, ['cost', 'ko', 'en']);
      return { cost: h.at('cost').number(), text: h.localized() };
    }),
    debrief: f.at('debrief').list().map(debriefStep),
  };
  if (!/^[a-z0-9-]+$/.test(drill.id)) f.at('id').fail('must be lower-case letters, digits and dashes');
  return drill;
}

/** Every drill file, sorted by order; ids and orders must be unique. */
export function parseDrills(files: Record<string, string>): Drill[] {
  const drills = Object.entries(files).map(([file, text]) => parseDrill(file, text));
  const seen = new Map<string, string>();
  for (const d of drills) {
    const other = seen.get(d.id);
    if (other) throw new ContentError(d.file, `id ${JSON.stringify(d.id)} is also used by ${other}`);
    seen.set(d.id, d.file);
  }
  return drills.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
