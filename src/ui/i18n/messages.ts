// Every string the UI shows, in Korean (the default) and English. Components read them through `t()`.

import { en as targetsEn, ko as targetsKo } from '../targets/messages.ts';
import { en as containersEn, ko as containersKo } from '../world/messages.ts';
import { en as configEn, ko as configKo } from '../config/messages.ts';
import { en as sdEn, ko as sdKo } from '../sd/messages.ts';
import { en as tsdbEn, ko as tsdbKo } from '../tsdb/messages.ts';

export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const coreKo = {
  'app.title': 'promlab',
  'app.tagline': '브라우저 안의 프로메테우스 실습장',
  'app.bootFailed': '시작하지 못했습니다: {error}',
  'app.pageLoading': '불러오는 중…',
  'nav.query': '쿼리',
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
  'query.placeholder': 'PromQL 식을 입력하세요 (예: access_log_total)',
  'query.execute': '실행',
  'query.hint': 'Enter로 실행, Shift+Enter로 줄바꿈',
  'query.tab.table': '표',
  'query.tab.graph': '그래프',
  'query.evalTime': '평가 시각: {time}',
  'query.empty': '결과가 없습니다.',
  'query.unknownMetric': '메트릭 {name} 은(는) 수집된 적이 없습니다.',
  'query.didYouMean': '혹시 이것을 찾으셨나요?',
  'query.noMetricsYet': '아직 수집된 메트릭이 없습니다. 시계를 앞으로 돌려 스크랩이 일어나게 해 보세요.',
  'query.col.series': '시리즈',
  'query.col.value': '값',
  'query.scalar': '스칼라',
  'query.string': '문자열',
  'query.range': '범위',
  'query.step': '간격 {step}',
  'query.seriesCount': '시리즈 {n}개',
  'query.firstRun': '식을 입력하고 실행하세요.',
} as const;

// Each feature keeps its strings in src/ui/<feature>/messages.ts (`export const ko = {…} as const;` and
// `export const en: Record<keyof typeof ko, string> = {…};`) and adds one spread to each line below.
const ko = { ...coreKo, ...targetsKo, ...containersKo, ...configKo, ...sdKo, ...tsdbKo };

export type MessageKey = keyof typeof ko;

const coreEn: Record<keyof typeof coreKo, string> = {
  'app.title': 'promlab',
  'app.tagline': 'a Prometheus playground in your browser',
  'app.bootFailed': 'Could not start: {error}',
  'app.pageLoading': 'Loading…',
  'nav.query': 'Query',
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
  'query.placeholder': 'Enter a PromQL expression (e.g. access_log_total)',
  'query.execute': 'Execute',
  'query.hint': 'Enter runs it, Shift+Enter adds a line',
  'query.tab.table': 'Table',
  'query.tab.graph': 'Graph',
  'query.evalTime': 'Evaluated at {time}',
  'query.empty': 'Empty query result.',
  'query.unknownMetric': 'No metric named {name} has been scraped.',
  'query.didYouMean': 'Did you mean:',
  'query.noMetricsYet': 'Nothing has been scraped yet. Move the clock forward so the first scrapes happen.',
  'query.col.series': 'Series',
  'query.col.value': 'Value',
  'query.scalar': 'scalar',
  'query.string': 'string',
  'query.range': 'Range',
  'query.step': 'step {step}',
  'query.seriesCount': '{n} series',
  'query.firstRun': 'Enter an expression and execute it.',
};

const en: Record<MessageKey, string> = { ...coreEn, ...targetsEn, ...containersEn, ...configEn, ...sdEn, ...tsdbEn };

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ko, en };

/** Fills `{name}` placeholders. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function isLocale(s: string | null): s is Locale {
  return s !== null && (LOCALES as readonly string[]).includes(s);
}
