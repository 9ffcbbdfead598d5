// Strings of the containers panel (the compose project, like `docker compose ps`).

export const ko = {
  'containers.open': '컨테이너',
  'containers.title': '컨테이너 (docker compose ps)',
  'containers.close': '닫기',
  'containers.col.name': '이름',
  'containers.col.ip': 'IP',
  'containers.col.state': '상태',
  'containers.col.started': '시작',
  'containers.state.running': '실행 중',
  'containers.state.exited': '멈춤',
  'containers.stop': '멈추기',
  'containers.start': '시작하기',
  'containers.command': '$ {command}',
  'containers.dnsNote':
    '멈춘 컨테이너는 Docker DNS에서 빠지므로, DNS 서비스 디스커버리가 다음에 새로 고칠 때(기본 30초) 타깃에서도 사라집니다. 그 전까지 스크래핑은 실패하고 타깃은 DOWN, up은 0이 됩니다.',
  'containers.none': '컨테이너가 없습니다.',
  'containers.col.faults': '장애 주입',
  'containers.latency': '응답 지연',
  'containers.latencyNone': '없음',
  'containers.malformed': '/metrics 깨뜨리기',
  'containers.faultsNote':
    '응답 지연이 scrape_timeout(기본 10초, access-log는 3초)보다 길면 스크래핑이 "context deadline exceeded"로 실패합니다. /metrics를 깨뜨리면 프로세스는 멀쩡해도 Prometheus가 파싱하지 못해 스크래핑 전체가 실패합니다. 둘 다 타깃은 DOWN, up은 0이 됩니다.',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'containers.open': 'Containers',
  'containers.title': 'Containers (docker compose ps)',
  'containers.close': 'Close',
  'containers.col.name': 'Name',
  'containers.col.ip': 'IP',
  'containers.col.state': 'State',
  'containers.col.started': 'Started',
  'containers.state.running': 'running',
  'containers.state.exited': 'exited',
  'containers.stop': 'Stop',
  'containers.start': 'Start',
  'containers.command': '$ {command}',
  'containers.dnsNote':
    "A stopped container leaves Docker's DNS, so DNS service discovery drops its target at the next refresh (30s by default). Until then its scrapes fail: the target is DOWN and up is 0.",
  'containers.none': 'No containers.',
  'containers.col.faults': 'Faults',
  'containers.latency': 'Delay',
  'containers.latencyNone': 'none',
  'containers.malformed': 'Break /metrics',
  'containers.faultsNote':
    'A delay longer than scrape_timeout (10s by default, 3s for access-log) fails the scrape with "context deadline exceeded". A broken /metrics fails the whole scrape although the process is fine, because Prometheus cannot parse it. Either way the target is DOWN and up is 0.',
};
