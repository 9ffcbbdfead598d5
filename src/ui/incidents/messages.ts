// Strings of the incident controls.

export const ko = {
  'incidents.label': '사고',
  'incidents.button': '사고 일으키기 ({n})',
  'incidents.intro': '시뮬레이션된 앱을 망가뜨려 지표, 규칙, 알림이 어떻게 반응하는지 보세요. 다시 누르면 복구합니다.',
  'incidents.steady': '평소 사용자 트래픽 (요청/초)',
  'incidents.steadySwitch': '지속 트래픽',
  'incidents.steadyHint': 'image-gallery에 초당 {n}개씩 요청을 계속 보냅니다(가상 시계 기준).',
  'incidents.start': '시작',
  'incidents.stop': '복구',
  'incidents.close': '닫기',
  'incidents.since': '{time}부터 · 대상 {target}',
  'incidents.kind.error-rate': 'image-gallery 오류율 급증 (5xx 30%)',
  'incidents.kind.latency': 'image-gallery 응답 지연 (+1.5초)',
  'incidents.kind.memory-leak': 'image-gallery 메모리 누수 (초당 1MiB, 복구 시 재시작)',
  'incidents.kind.goroutine-leak': 'image-gallery 고루틴 누수 (초당 2개, 복구 시 재시작)',
  'incidents.kind.traffic-surge': '트래픽 급증 (10배)',
  'incidents.kind.crash-loop': 'accesslog 복제본 크래시 루프',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'incidents.label': 'Incidents',
  'incidents.button': 'Incidents ({n})',
  'incidents.intro': 'Break the simulated apps and watch the metrics, rules and alerts react. Press again to recover.',
  'incidents.steady': 'Steady user traffic (requests/s)',
  'incidents.steadySwitch': 'Steady traffic',
  'incidents.steadyHint': 'Keeps sending image-gallery {n} requests per second (on the virtual clock).',
  'incidents.start': 'Start',
  'incidents.stop': 'Recover',
  'incidents.close': 'Close',
  'incidents.since': 'since {time} · target {target}',
  'incidents.kind.error-rate': 'image-gallery error-rate spike (30% 5xx)',
  'incidents.kind.latency': 'image-gallery slow responses (+1.5s)',
  'incidents.kind.memory-leak': 'image-gallery memory leak (1 MiB/s, restarted on recovery)',
  'incidents.kind.goroutine-leak': 'image-gallery goroutine leak (2/s, restarted on recovery)',
  'incidents.kind.traffic-surge': 'Traffic surge (10×)',
  'incidents.kind.crash-loop': 'accesslog replica crash loop',
};
