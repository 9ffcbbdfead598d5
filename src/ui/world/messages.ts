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
    '멈춘 컨테이너는 Docker DNS에서 빠지므로, DNS 서비스 디스커버리가 다음에 새로 고칠 때(기본 30초) 타깃에서도 사라집니다. 그 전까지 스크랩은 실패하고 타깃은 DOWN, up은 0이 됩니다.',
  'containers.none': '컨테이너가 없습니다.',
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
};
