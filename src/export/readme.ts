// The README of the exported bundle: how to run on real containers what was built in the playground.

export interface ReadmeFacts {
  readonly accesslogReplicas: number;
  readonly alertmanager: boolean;
  readonly dashboards: readonly string[];
  readonly files: readonly string[];
}

export function readme(f: ReadmeFacts): string {
  const list = (xs: readonly string[]) => (xs.length ? xs.map((x) => `- \`${x}\``).join('\n') : '- (none)');
  return `# promlab export

Korean below / 한국어는 아래에.

What you built in promlab, ready for real containers (Docker with Compose v2).

1. Docker Engine metrics (the \`docker\` job): add \`"metrics-addr": "0.0.0.0:9323", "experimental": true\` to
   the engine's \`daemon.json\` and restart it (Docker Desktop: Settings → Docker Engine).
2. \`docker compose up -d\` in this folder (accesslog runs ${f.accesslogReplicas} replica(s); change \`deploy.replicas\`
   or use \`--scale accesslog=N\`).
3. Open the apps and tools:
   - image-gallery http://localhost:8010 · iotd http://localhost:8011/image
   - Prometheus http://localhost:9090 (Status → Targets)${f.alertmanager ? '\n   - Alertmanager http://localhost:9093' : ''}
   - Grafana http://localhost:3000 (admin / admin)
4. Check the files before a run: \`promtool check config prometheus/prometheus.yml\`${f.alertmanager ? ' and `amtool check-config alertmanager/alertmanager.yml`' : ''}.

Files of your Prometheus${f.alertmanager ? ' and Alertmanager' : ''}:
${list(f.files)}

Grafana dashboards:
${list(f.dashboards)}

---

promlab에서 만든 구성을 실제 컨테이너로 실행하는 방법입니다 (Docker, Compose v2).

1. docker 잡을 위해 엔진의 \`daemon.json\`에 \`"metrics-addr": "0.0.0.0:9323", "experimental": true\`를 넣고 엔진을 재시작합니다.
2. 이 폴더에서 \`docker compose up -d\`를 실행합니다 (accesslog 복제본 ${f.accesslogReplicas}개).
3. 프로메테우스 http://localhost:9090, ${f.alertmanager ? 'Alertmanager http://localhost:9093, ' : ''}그라파나 http://localhost:3000 (admin / admin), image-gallery http://localhost:8010.
4. 실행 전에 \`promtool check config prometheus/prometheus.yml\`${f.alertmanager ? '과 `amtool check-config alertmanager/alertmanager.yml`' : ''}로 설정을 검사할 수 있습니다.
`;
}
