// The course's words: one Korean term per Prometheus concept, used alike by the UI messages, the lessons and the
// quizzes (tests/i18n/korean.test.ts scans them all for the variants listed under `avoid`), and shown to the learner
// in the course overview. Terms follow the book where it speaks (스크래핑, 레이블, 측정값/메트릭) and the National
// Institute of Korean Language's loanword spelling otherwise (타깃, not 타겟).

import type { Localized } from './localized.ts';

export interface Term {
  /** Prometheus' own word. */
  readonly en: string;
  /** The one Korean term the course uses. */
  readonly ko: string;
  /** Spellings and synonyms the course does not use. */
  readonly avoid: readonly string[];
  readonly meaning: Localized;
}

export const GLOSSARY: readonly Term[] = [
  {
    en: 'label',
    ko: '레이블',
    avoid: ['라벨'],
    meaning: { ko: '시리즈를 구별하는 이름=값 쌍 (job, instance, code …)', en: 'a name=value pair that tells series apart (job, instance, code …)' },
  },
  {
    en: 'scrape',
    ko: '스크래핑',
    avoid: ['스크랩', '스크레이프', '스크레이핑'],
    meaning: { ko: '프로메테우스가 타깃의 /metrics를 주기적으로 가져오는 일', en: "Prometheus fetching a target's /metrics on a schedule" },
  },
  {
    en: 'target',
    ko: '타깃',
    avoid: ['타겟'],
    meaning: { ko: '스크래핑할 주소 하나 (job의 instance)', en: 'one address to scrape (an instance of a job)' },
  },
  {
    en: 'metric',
    ko: '메트릭',
    avoid: ['매트릭', '메트릿'],
    meaning: { ko: '측정값의 이름과 그 시리즈들 (예: image_gallery_requests_total)', en: 'a named measurement and its series (e.g. image_gallery_requests_total)' },
  },
  {
    en: 'series',
    ko: '시리즈',
    avoid: ['씨리즈'],
    meaning: { ko: '메트릭 이름과 레이블 조합 하나의 시간별 값', en: 'the values over time of one metric name and label set' },
  },
  {
    en: 'alert',
    ko: '알림',
    avoid: ['얼럿', '경보'],
    meaning: { ko: '알림 규칙의 조건이 for 동안 참일 때 Alertmanager로 보내는 것', en: 'what an alerting rule sends to Alertmanager once its condition held for its `for`' },
  },
  {
    en: 'rule',
    ko: '규칙',
    avoid: ['룰'],
    meaning: { ko: '주기적으로 평가하는 기록 규칙과 알림 규칙', en: 'recording and alerting rules, evaluated on a schedule' },
  },
  {
    en: 'dashboard',
    ko: '대시보드',
    avoid: ['대쉬보드'],
    meaning: { ko: '쿼리 결과를 패널로 모아 보는 화면 (그라파나)', en: 'a screen of panels showing query results (Grafana)' },
  },
  {
    en: 'incident',
    ko: '사고',
    avoid: ['인시던트'],
    meaning: { ko: '실습장에서 일부러 일으키는 장애 (오류율 급증, 지연, 누수 …)', en: 'a failure the playground causes on purpose (error spike, latency, leaks …)' },
  },
];

/** Avoided variants found in `text`, with the term to use instead. */
export function glossaryViolations(text: string): { found: string; use: string }[] {
  return GLOSSARY.flatMap((t) => t.avoid.filter((a) => text.includes(a)).map((found) => ({ found, use: t.ko })));
}
