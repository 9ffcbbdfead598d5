export const ko = {
  'nav.graduation': '졸업',
  'graduation.title': '실제 프로메테우스로',
  'graduation.intro': '여기서 만든 구성을 실제 컨테이너로 옮기거나, 이 화면들이 실제 프로메테우스 서버를 보게 할 수 있습니다.',
  'graduation.export': '내보내기',
  'graduation.exportHelp': 'docker-compose.yml, 지금 실행 중인 prometheus.yml, 규칙 파일, alertmanager.yml, 그라파나 프로비저닝과 대시보드, README를 zip 하나로 묶습니다.',
  'graduation.exportBuild': '묶음 만들기',
  'graduation.download': 'promlab-export.zip 내려받기',
  'graduation.skipped': '컨테이너가 마운트하지 않는 경로라 넣지 않은 파일: {files}',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'nav.graduation': 'Graduation',
  'graduation.title': 'On to a real Prometheus',
  'graduation.intro': 'Take what you built here to real containers, or point these screens at a real Prometheus server.',
  'graduation.export': 'Export',
  'graduation.exportHelp': 'One zip with docker-compose.yml, the running prometheus.yml, rule files, alertmanager.yml, Grafana provisioning with your dashboards, and a README.',
  'graduation.exportBuild': 'Build the bundle',
  'graduation.download': 'Download promlab-export.zip',
  'graduation.skipped': 'Not included, as no container mounts their folder: {files}',
};
