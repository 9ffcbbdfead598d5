// Every Korean string the learner reads — UI messages, lessons, quizzes, the terminal's own words, the shipped
// alert annotations, the Explain tab's sentences — has its particles chosen (never `을(를)`-style placeholders)
// and uses the glossary's terms. The chapter's own quiz questions are kept verbatim and are exempt from the glossary.

import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FUNCTION_TEXT } from '../../src/explain/functions.ts';
import { explainText } from '../../src/explain/text.ts';
import { GLOSSARY, glossaryViolations } from '../../src/i18n/glossary.ts';
import { parseLessons } from '../../src/lessons/load.ts';
import { parseExpr } from '../../src/promql/index.ts';
import { parseQuiz } from '../../src/quiz/load.ts';
import { DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { COMMANDS } from '../../src/terminal/commands/index.ts';
import { MESSAGES } from '../../src/ui/i18n/messages.ts';
import { startPlayground } from '../terminal/fixture.ts';

const PLACEHOLDER = /\((을|를|은|는|이|가|와|과|으|으로|로)\)/;

const lessonFiles = readdirSync('lessons').filter((f) => /^\d.*\.md$/.test(f));
const lessons = parseLessons(Object.fromEntries(lessonFiles.map((f) => [f, readFileSync(`lessons/${f}`, 'utf8')])));
const quizzes = readdirSync('lessons/quiz').map((f) => parseQuiz(f, readFileSync(`lessons/quiz/${f}`, 'utf8'), lessons.map((l) => l.id)));

/** Where each Korean string comes from → the string. */
async function koreanStrings(): Promise<[string, string][]> {
  const out: [string, string][] = Object.entries(MESSAGES.ko).map(([k, v]) => [`ui ${k}`, v]);
  for (const l of lessons) {
    out.push([`${l.file} title`, l.title.ko], [`${l.file} summary`, l.summary.ko], [`${l.file} body`, l.body.ko]);
    for (const s of l.steps) out.push([`${l.file} ${s.id}`, s.title.ko], [`${l.file} ${s.id} hint`, s.hint?.ko ?? '']);
  }
  for (const q of quizzes.flatMap((z) => z.questions)) {
    if (q.chapter) continue;
    out.push([`quiz ${q.id}`, q.prompt.ko], [`quiz ${q.id} explain`, q.explain.ko]);
    if (q.kind === 'choice') q.options.forEach((o, i) => out.push([`quiz ${q.id} option ${i}`, o.ko]));
  }
  for (const c of COMMANDS) out.push([`terminal ${c.name} summary`, c.summary.ko]);
  // The terminal's own output, in a Korean page.
  const p = startPlayground('ko');
  try {
    const lines = ['help', 'promlab', 'promlab incident ls', 'promlab incident start nope', 'promlab incident start error-rate', 'promlab incident start error-rate', 'promlab traffic', 'promlab traffic 99', 'kubectl'];
    for (const [i, line] of lines.entries()) {
      const r = await p.sh(line);
      out.push([`terminal ${i} $ ${line}`, r.out + r.err]);
    }
  } finally {
    p.close();
  }
  const rules = parse(DEFAULT_RULES_YAML) as { groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[] };
  for (const r of rules.groups.flatMap((g) => g.rules)) {
    for (const [k, v] of Object.entries(r.annotations ?? {})) if (k.endsWith('_ko')) out.push([`rule ${r.alert} ${k}`, v]);
  }
  for (const [f, text] of Object.entries(FUNCTION_TEXT)) out.push([`explain ${f}`, text.ko]);
  for (const expr of ['sum(x) without(instance)', 'sum by (job) (x)', 'rate(x[1m])', 'a / on(job) b']) out.push([`explain ${expr}`, explainText(parseExpr(expr), 3, 1, 300_000).ko]);
  return out;
}

describe('Korean text', () => {
  it('has no particle placeholders like 을(를), anywhere the learner reads', async () => {
    const bad = (await koreanStrings()).filter(([, s]) => PLACEHOLDER.test(s)).map(([where, s]) => `${where}: ${s.match(PLACEHOLDER)![0]} in ${s.slice(0, 80)}`);
    expect(bad).toEqual([]);
  });

  it('uses the glossary\'s terms, not their variants', async () => {
    const bad = (await koreanStrings()).flatMap(([where, s]) => glossaryViolations(s).map((v) => `${where}: ${v.found} → ${v.use}`));
    expect(bad).toEqual([]);
  });

  it('speaks Korean in the Korean terminal where the playground speaks for itself', async () => {
    const all = Object.fromEntries(await koreanStrings());
    expect(all['terminal 0 $ help']).toContain('이 터미널은 시뮬레이션된 Docker 호스트이고');
    expect(all['terminal 0 $ help']).not.toMatch(/list the commands|print a file/);
    expect(all['terminal 4 $ promlab incident start error-rate']).toBe('사고 error-rate 시작 (대상 image-gallery)\n');
    expect(all['terminal 5 $ promlab incident start error-rate']).toBe('promlab: 사고 error-rate는 이미 실행 중입니다\n');
    expect(all['terminal 8 $ kubectl']).toContain("'help'를 입력하면");
  });

  it('catches what it looks for', () => {
    expect(PLACEHOLDER.test('라벨 instance을(를) 뺀')).toBe(true);
    expect(glossaryViolations('라벨 instance를 스크랩')).toEqual([
      { found: '라벨', use: '레이블' },
      { found: '스크랩', use: '스크래핑' },
    ]);
    expect(GLOSSARY.map((t) => t.ko)).toContain('레이블');
  });
});
