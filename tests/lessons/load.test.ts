// A broken lesson file must fail with its name and the field at fault, never load half-right.

import { describe, expect, it } from 'vitest';
import { parseLesson, parseLessons } from '../../src/lessons/load.ts';

const lesson = (frontMatter: string, body = '<!-- ko -->\n안녕\n<!-- en -->\nHello\n') => `---\n${frontMatter}\n---\n${body}`;
const GOOD = `id: demo
order: 1
title: { ko: 제목, en: Title }
summary: { ko: 요약, en: Summary }
steps:
  - id: s1
    title: { ko: 단계, en: Step }
    check:
      targets: { job: access-log, up: 3 }`;

describe('lesson files', () => {
  it('reads front matter, steps and both languages', () => {
    const l = parseLesson('demo.md', lesson(GOOD));
    expect(l).toMatchObject({ id: 'demo', order: 1, title: { ko: '제목', en: 'Title' }, body: { ko: '안녕', en: 'Hello' } });
    expect(l.steps[0]).toMatchObject({ id: 's1', hint: null, check: { kind: 'targets', job: 'access-log', up: 3 } });
  });

  it('reads query comparators and answer specs', () => {
    const l = parseLesson(
      'q.md',
      lesson(GOOD.replace(/check:[\s\S]*$/, "check:\n      query: 'count(up)'\n      atLeast: 4")),
    );
    expect(l.steps[0].check).toEqual({ kind: 'query', expr: 'count(up)', op: '>=', value: 4, count: false });
  });

  it('reads a logs check, its duration in ms', () => {
    const l = parseLesson('l.md', lesson(GOOD.replace(/check:[\s\S]*$/, 'check:\n      logs: { service: image-gallery, level: error, atLeast: 3, within: 5m }')));
    expect(l.steps[0].check).toEqual({ kind: 'logs', spec: { service: 'image-gallery', level: 'error', atLeast: 3, within: 300_000 } });
  });

  const logsCheck = (fields: string) => lesson(GOOD.replace(/check:[\s\S]*$/, `check:\n      logs: { ${fields} }`));

  it.each([
    ['an unknown service', logsCheck('service: gallery, level: error, atLeast: 3, within: 5m'), /demo\.md: steps\.0\.check\.logs\.service: unknown service "gallery"; one of prometheus, image-gallery/],
    ['an unknown level', logsCheck('service: iotd, level: fatal, atLeast: 3, within: 5m'), /demo\.md: steps\.0\.check\.logs\.level: unknown level "fatal"; one of info, warn, error/],
    ['a missing level', logsCheck('service: iotd, atLeast: 3, within: 5m'), /steps\.0\.check\.logs\.level: must be a non-empty string/],
    ['a count below one', logsCheck('service: iotd, level: warn, atLeast: 0, within: 5m'), /steps\.0\.check\.logs\.atLeast: must be a whole number of lines, at least 1/],
    ['a fractional count', logsCheck('service: iotd, level: warn, atLeast: 2.5, within: 5m'), /steps\.0\.check\.logs\.atLeast: must be a whole number/],
    ['a bad duration', logsCheck('service: iotd, level: warn, atLeast: 2, within: 5 minutes'), /steps\.0\.check\.logs\.within: must be a duration such as 5m, got "5 minutes"/],
    ['a zero duration', logsCheck('service: iotd, level: warn, atLeast: 2, within: "0"'), /steps\.0\.check\.logs\.within: must be a duration/],
    ['a number for a duration', logsCheck('service: iotd, level: warn, atLeast: 2, within: 300'), /steps\.0\.check\.logs\.within: must be a non-empty string/],
    ['an unknown field', logsCheck('service: iotd, level: warn, atLeast: 2, within: 5m, contains: boom'), /steps\.0\.check\.logs\.contains: unknown field/],
  ])('rejects a logs check with %s', (_what, text, message) => {
    expect(() => parseLesson('demo.md', text)).toThrow(message);
  });

  it.each([
    ['no front matter', 'just text', /demo\.md: missing front matter/],
    ['broken YAML', lesson('id: [demo'), /demo\.md: line \d+: /],
    ['a missing title', lesson(GOOD.replace(/title: \{ ko: 제목, en: Title \}\n/, '')), /demo\.md: title\.ko: must be a non-empty string/],
    ['an unknown check', lesson(GOOD.replace('targets:', 'magic:')), /steps\.0\.check: needs exactly one of targets/],
    ['bad PromQL', lesson(GOOD.replace(/check:[\s\S]*$/, "check:\n      query: 'sum(up'\n      equals: 1")), /steps\.0\.check\.query: invalid PromQL "sum\(up"/],
    ['a query without comparator', lesson(GOOD.replace(/check:[\s\S]*$/, "check:\n      query: 'up'")), /a query check needs exactly one of series/],
    ['an unknown answer field', lesson(GOOD.replace(/check:[\s\S]*$/, 'check:\n      answer: { same: up }')), /steps\.0\.check\.answer\.same: unknown field/],
    ['a bad regex', lesson(GOOD.replace(/check:[\s\S]*$/, "check:\n      ran: 'curl ('")), /steps\.0\.check\.ran: invalid regular expression/],
    ['no English section', lesson(GOOD, '<!-- ko -->\n안녕\n'), /one `<!-- ko -->` section and one `<!-- en -->` section/],
    ['duplicate steps', lesson(GOOD + '\n  - id: s1\n    title: { ko: a, en: b }\n    check: { ran: x }'), /duplicate step id s1/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseLesson('demo.md', text)).toThrow(message);
  });

  it('rejects two lessons with the same order', () => {
    expect(() => parseLessons({ 'a.md': lesson(GOOD), 'b.md': lesson(GOOD.replace('id: demo', 'id: other')) })).toThrow(
      'b.md: order 1 is already used by a.md',
    );
  });
});
