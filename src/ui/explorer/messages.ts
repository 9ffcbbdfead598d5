// The metrics explorer's strings.

export const ko = {
  'explorer.title': '메트릭 탐색',
  'explorer.intro': '지금까지 수집된 모든 메트릭 이름입니다. 이름을 누르면 쿼리 페이지에서 실행합니다.',
  'explorer.filter': '이름 또는 설명으로 거르기',
  'explorer.col.name': '메트릭',
  'explorer.col.type': '유형',
  'explorer.col.help': '설명 (HELP)',
  'explorer.col.series': '시리즈',
  'explorer.count': '메트릭 {shown}/{total}개',
  'explorer.none': '아직 수집된 메트릭이 없습니다. 시계를 앞으로 돌려 스크래핑이 일어나게 해 보세요.',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'explorer.title': 'Metrics explorer',
  'explorer.intro': 'Every metric name scraped so far. Click a name to run it on the query page.',
  'explorer.filter': 'Filter by name or description',
  'explorer.col.name': 'Metric',
  'explorer.col.type': 'Type',
  'explorer.col.help': 'Description (HELP)',
  'explorer.col.series': 'Series',
  'explorer.count': '{shown} of {total} metrics',
  'explorer.none': 'Nothing has been scraped yet. Move the clock forward so the first scrapes happen.',
};
