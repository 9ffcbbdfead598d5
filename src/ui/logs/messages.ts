// Strings of the logs page.

export const ko = {
  'nav.logs': '로그',
  'logs.title': '컨테이너 로그',
  'logs.services': '앱',
  'logs.all': '전체',
  'logs.level': '수준',
  'logs.level.info': '모두',
  'logs.level.warn': '경고 이상',
  'logs.level.error': '오류만',
  'logs.contains': '포함하는 글자',
  'logs.range': '시간',
  'logs.around': '{time} 전후 {d}',
  'logs.count': '{n}줄 (최근 {limit}줄까지 표시)',
  'logs.empty': '이 조건에 맞는 로그가 없습니다. 요청을 보내거나 시간 범위를 넓혀 보세요.',
  'logs.col.time': '시각',
  'logs.col.container': '컨테이너',
  'logs.col.line': '내용',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'nav.logs': 'Logs',
  'logs.title': 'Container logs',
  'logs.services': 'Apps',
  'logs.all': 'All',
  'logs.level': 'Level',
  'logs.level.info': 'All',
  'logs.level.warn': 'Warnings and errors',
  'logs.level.error': 'Errors only',
  'logs.contains': 'Line contains',
  'logs.range': 'Time',
  'logs.around': '{d} around {time}',
  'logs.count': '{n} lines (showing up to the newest {limit})',
  'logs.empty': 'No log lines match. Send some requests or widen the time range.',
  'logs.col.time': 'Time',
  'logs.col.container': 'Container',
  'logs.col.line': 'Line',
};
