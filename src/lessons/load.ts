// Reads a lesson file: front matter (id, order, title, summary, steps with checks) and a Markdown body with a
// `<!-- ko -->` and an `<!-- en -->` section. Every mistake is a ContentError naming the file and the field.

import { LEVELS, type LogLevel } from '../logs/store.ts';
import { parseDuration } from '../promql/index.ts';
import { INCIDENT_KINDS } from '../sim/incidents/kinds.ts';
import { SERVICES } from '../sim/world.ts';
import { ContentError, Fields, promqlField, splitFrontMatter } from './frontmatter.ts';
import type { AnswerSpec, Check, CompareOp, ConfigSpec, Lesson, Localized, LogsSpec, Step } from './types.ts';

const COMPARATORS: Record<string, CompareOp> = { equals: '==', atLeast: '>=', atMost: '<=', above: '>', below: '<' };
const CHECK_KINDS = ['targets', 'containers', 'query', 'answer', 'config', 'ran', 'logs', 'incident'] as const;
const ANSWER_FIELDS = ['sameAs', 'labelsMatter', 'filters', 'series', 'labels', 'distinct', 'uses'];

export function answerSpec(f: Fields): AnswerSpec {
  for (const k of f.keys()) if (!ANSWER_FIELDS.includes(k)) f.at(k).fail('unknown field');
  const spec: AnswerSpec = {
    sameAs: f.optional('sameAs', promqlField),
    labelsMatter: f.optional('labelsMatter', (x) => x.boolean()),
    filters: f.optional('filters', (x) => x.list().map((n) => n.string())),
    series: f.optional('series', (x) => x.number()),
    labels: f.optional('labels', (x) => Object.fromEntries(x.keys().map((k) => [k, x.at(k).string()]))),
    distinct: f.optional('distinct', (x) => x.string()),
    uses: f.optional('uses', (x) => x.list().map((u) => u.string())),
  };
  if (Object.values(spec).every((v) => v === undefined)) f.fail('needs at least one of sameAs, series, labels, distinct, uses');
  if (spec.labelsMatter !== undefined && spec.sameAs === undefined) f.at('labelsMatter').fail('only means something with sameAs');
  return spec;
}

export function configSpec(f: Fields): ConfigSpec {
  for (const k of f.keys()) if (!['job', 'scrape_interval', 'metrics_path', 'dns_sd_names'].includes(k)) f.at(k).fail('unknown field');
  return {
    job: f.at('job').string(),
    scrape_interval: f.optional('scrape_interval', (x) => x.string()),
    metrics_path: f.optional('metrics_path', (x) => x.string()),
    dns_sd_names: f.optional('dns_sd_names', (x) => x.list().map((n) => n.string())),
  };
}

export function logsSpec(f: Fields): LogsSpec {
  for (const k of f.keys()) if (!['service', 'level', 'atLeast', 'within'].includes(k)) f.at(k).fail('unknown field');
  const service = f.at('service').string();
  if (!(SERVICES as readonly string[]).includes(service)) f.at('service').fail(`unknown service ${JSON.stringify(service)}; one of ${SERVICES.join(', ')}`);
  const level = f.at('level').string();
  if (!(LEVELS as readonly string[]).includes(level)) f.at('level').fail(`unknown level ${JSON.stringify(level)}; one of ${LEVELS.join(', ')}`);
  const atLeast = f.at('atLeast').number();
  if (!Number.isInteger(atLeast) || atLeast < 1) f.at('atLeast').fail('must be a whole number of lines, at least 1');
  const text = f.at('within').string();
  const within = parseDuration(text);
  if (within === null || within <= 0) return f.at('within').fail(`must be a duration such as 5m, got ${JSON.stringify(text)}`);
  return { service, level: level as LogLevel, atLeast, within };
}

function readCheck(f: Fields): Check {
  const kinds = f.keys().filter((k) => (CHECK_KINDS as readonly string[]).includes(k));
  if (kinds.length !== 1) f.fail(`needs exactly one of ${CHECK_KINDS.join(', ')}`);
  const kind = kinds[0] as (typeof CHECK_KINDS)[number];
  const v = f.at(kind);
  switch (kind) {
    case 'targets':
      return { kind, job: v.at('job').string(), up: v.at('up').number() };
    case 'containers':
      return { kind, service: v.at('service').string(), running: v.at('running').number() };
    case 'query': {
      const expr = promqlField(v);
      const extra = f.keys().filter((k) => k !== 'query');
      if (extra.length !== 1) f.fail(`a query check needs exactly one of series, ${Object.keys(COMPARATORS).join(', ')}`);
      const key = extra[0];
      if (key === 'series') return { kind, expr, op: '==', value: f.at(key).number(), count: true };
      if (!(key in COMPARATORS)) f.at(key).fail('unknown field');
      return { kind, expr, op: COMPARATORS[key], value: f.at(key).number(), count: false };
    }
    case 'answer':
      return { kind, spec: answerSpec(v) };
    case 'config':
      return { kind, spec: configSpec(v) };
    case 'ran': {
      const pattern = v.string();
      try {
        new RegExp(pattern);
      } catch (err) {
        v.fail(`invalid regular expression: ${(err as Error).message}`);
      }
      return { kind, pattern };
    }
    case 'logs':
      return { kind, spec: logsSpec(v) };
    case 'incident': {
      const incident = v.string();
      if (!(INCIDENT_KINDS as readonly string[]).includes(incident)) v.fail(`unknown incident ${JSON.stringify(incident)}; one of ${INCIDENT_KINDS.join(', ')}`);
      return { kind, incident };
    }
  }
}

function readStep(f: Fields): Step {
  return {
    id: f.at('id').string(),
    title: f.at('title').localized(),
    hint: f.optional('hint', (h) => h.localized()) ?? null,
    command: f.optional('command', (c) => c.string()) ?? null,
    check: readCheck(f.at('check')),
  };
}

/** Splits the body at `<!-- ko -->` and `<!-- en -->`. */
function splitBody(file: string, body: string): Localized {
  const marks = [...body.matchAll(/^<!--\s*(ko|en)\s*-->\s*$/gm)];
  const found = marks.map((m) => m[1]);
  if (found.length !== 2 || !found.includes('ko') || !found.includes('en')) {
    throw new ContentError(file, 'the body needs one `<!-- ko -->` section and one `<!-- en -->` section');
  }
  const section = (i: number) => body.slice(marks[i].index! + marks[i][0].length, marks[i + 1]?.index ?? body.length).trim();
  const [a, b] = [section(0), section(1)];
  return found[0] === 'ko' ? { ko: a, en: b } : { ko: b, en: a };
}

export function parseLesson(file: string, text: string): Lesson {
  const { data, body } = splitFrontMatter(file, text);
  const f = new Fields(file, '', data);
  const steps = f.at('steps').list().map(readStep);
  if (steps.length === 0) f.at('steps').fail('a lesson needs at least one step');
  const ids = steps.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) f.at('steps').fail(`duplicate step id ${dup}`);
  return {
    id: f.at('id').string(),
    order: f.at('order').number(),
    file,
    title: f.at('title').localized(),
    summary: f.at('summary').localized(),
    steps,
    body: splitBody(file, body),
  };
}

/** All lessons in course order; ids and orders must be unique. */
export function parseLessons(files: Readonly<Record<string, string>>): Lesson[] {
  const lessons = Object.entries(files).map(([file, text]) => parseLesson(file, text));
  lessons.sort((a, b) => a.order - b.order);
  const seen = new Map<string | number, string>();
  for (const l of lessons) {
    for (const key of [l.id, l.order]) {
      const other = seen.get(key);
      if (other) throw new ContentError(l.file, `${typeof key === 'number' ? 'order' : 'id'} ${key} is already used by ${other}`);
      seen.set(key, l.file);
    }
  }
  return lessons;
}
