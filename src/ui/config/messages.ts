// Strings of the Config page.

export const ko = {
  'config.title': '설정 (prometheus.yml)',
  'config.apply': '적용 (/-/reload)',
  'config.reset': '실행 중인 설정으로 되돌리기',
  'config.applied': '설정을 다시 불러왔습니다: {time}',
  'config.lastReload': '마지막 리로드: {time} — {result}',
  'config.reloadOk': '성공',
  'config.reloadFailed': '실패',
  'config.failed': '설정에 오류가 있어 적용하지 않았습니다. 이전 설정이 계속 실행됩니다.',
  'config.errorAt': '{line}:{col}: {message}',
  'config.draft': '편집 중',
  'config.draftChanged': '실행 중인 설정과 다릅니다',
  'config.running': '실행 중인 설정 (읽기 전용)',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'config.title': 'Configuration (prometheus.yml)',
  'config.apply': 'Apply (/-/reload)',
  'config.reset': 'Revert to the running config',
  'config.applied': 'Configuration reloaded at {time}',
  'config.lastReload': 'Last reload: {time} — {result}',
  'config.reloadOk': 'successful',
  'config.reloadFailed': 'failed',
  'config.failed': 'The config has errors and was not applied. The previous config keeps running.',
  'config.errorAt': '{line}:{col}: {message}',
  'config.draft': 'Editing',
  'config.draftChanged': 'differs from the running config',
  'config.running': 'Running config (read-only)',
};
