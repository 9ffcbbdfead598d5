// Every string the UI shows, in Korean (the default) and English. Components read them through `t()`.

import { isParticle, particle } from '../../i18n/particles.ts';
import { en as queryEn, ko as queryKo } from '../query/messages.ts';
import { en as explorerEn, ko as explorerKo } from '../explorer/messages.ts';
import { en as targetsEn, ko as targetsKo } from '../targets/messages.ts';
import { en as dashboardEn, ko as dashboardKo } from '../dashboard/messages.ts';
import { en as logsEn, ko as logsKo } from '../logs/messages.ts';
import { en as lessonsEn, ko as lessonsKo } from '../lessons/messages.ts';
import { en as terminalEn, ko as terminalKo } from '../terminal/messages.ts';
import { en as quizEn, ko as quizKo } from '../quiz/messages.ts';
import { en as containersEn, ko as containersKo } from '../world/messages.ts';
import { en as configEn, ko as configKo } from '../config/messages.ts';
import { en as sdEn, ko as sdKo } from '../sd/messages.ts';
import { en as tsdbEn, ko as tsdbKo } from '../tsdb/messages.ts';
import { en as rulesEn, ko as rulesKo } from '../rules/messages.ts';
import { en as amEn, ko as amKo } from '../alertmanager/messages.ts';
import { en as incidentsEn, ko as incidentsKo } from '../incidents/messages.ts';
import { en as datasourceEn, ko as datasourceKo } from '../datasource/messages.ts';
import { en as holderEn, ko as holderKo } from '../remote/messages.ts';
import { en as graduationEn, ko as graduationKo } from '../graduation/messages.ts';
import { en as drillsEn, ko as drillsKo } from '../drills/messages.ts';

export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const coreKo = {
  'app.title': 'promlab',
  'app.tagline': '브라우저 안의 프로메테우스 실습장',
  'app.bootFailed': '시작하지 못했습니다: {error}',
  'app.pageLoading': '불러오는 중…',
  'nav.query': '쿼리',
  'nav.explorer': '메트릭 탐색',
  'nav.targets': '타깃',
  'nav.config': '설정',
  'lang.label': '언어',
  'clock.label': '가상 시계',
  'clock.play': '▶ 재생',
  'clock.pause': '▮▮ 일시정지',
  'clock.forward': '시간을 {amount} 앞으로',
  'world.accesslog': 'accesslog 복제본',
  'world.scale': '적용',
  'world.scaling': '적용 중…',
  'world.send': '요청 보내기',
  'world.sending': '보내는 중…',
  'world.sendCount': 'image-gallery 요청 수',
  'world.sendTarget': 'image-gallery (http://localhost:8010)',
  'world.result': '요청 {n}개: {parts}',
} as const;

// Each feature keeps its strings in src/ui/<feature>/messages.ts (`export const ko = {…} as const;` and
// `export const en: Record<keyof typeof ko, string> = {…};`) and adds one spread to each line below.
const ko = { ...coreKo, ...lessonsKo, ...terminalKo, ...quizKo, ...queryKo, ...explorerKo, ...targetsKo, ...dashboardKo, ...logsKo, ...containersKo, ...configKo, ...sdKo, ...tsdbKo, ...rulesKo, ...amKo, ...incidentsKo, ...datasourceKo, ...holderKo, ...graduationKo, ...drillsKo };

export type MessageKey = keyof typeof ko;

const coreEn: Record<keyof typeof coreKo, string> = {
  'app.title': 'promlab',
  'app.tagline': 'a Prometheus playground in your browser',
  'app.bootFailed': 'Could not start: {error}',
  'app.pageLoading': 'Loading…',
  'nav.query': 'Query',
  'nav.explorer': 'Metrics explorer',
  'nav.targets': 'Targets',
  'nav.config': 'Config',
  'lang.label': 'Language',
  'clock.label': 'Virtual clock',
  'clock.play': '▶ Play',
  'clock.pause': '▮▮ Pause',
  'clock.forward': 'Move time forward by {amount}',
  'world.accesslog': 'accesslog replicas',
  'world.scale': 'Apply',
  'world.scaling': 'Applying…',
  'world.send': 'Send requests',
  'world.sending': 'Sending…',
  'world.sendCount': 'image-gallery requests',
  'world.sendTarget': 'image-gallery (http://localhost:8010)',
  'world.result': '{n} requests: {parts}',
};

const en: Record<MessageKey, string> = { ...coreEn, ...lessonsEn, ...terminalEn, ...quizEn, ...queryEn, ...explorerEn, ...targetsEn, ...dashboardEn, ...logsEn, ...containersEn, ...configEn, ...sdEn, ...tsdbEn, ...rulesEn, ...amEn, ...incidentsEn, ...datasourceEn, ...holderEn, ...graduationEn, ...drillsEn };

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ko, en };

/** Fills `{name}` placeholders; `{name|을}` is the particle that follows the value of `name` (을 or 를, src/i18n/particles.ts). */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)(?:\|([가-힣]+))?\}/g, (m, k: string, p?: string) => {
    if (!(k in params)) return m;
    if (p === undefined) return String(params[k]);
    return isParticle(p) ? particle(String(params[k]), p) : m;
  });
}

export function isLocale(s: string | null): s is Locale {
  return s !== null && (LOCALES as readonly string[]).includes(s);
}
