// docker-compose.yml of the exported bundle: the chapter's apps with their images and published ports
// (../shared/reference/chapter-apps.md §1), the learner's accesslog scale, and the monitoring stack running the
// learner's own files — official images instead of the book's diamol/* wrappers, so nothing is baked in.

import { stringify } from 'yaml';

export const IMAGES = {
  imageGallery: 'diamol/ch09-image-gallery',
  iotd: 'diamol/ch09-image-of-the-day',
  accesslog: 'diamol/ch09-access-log',
  prometheus: 'prom/prometheus:v3.5.0',
  alertmanager: 'prom/alertmanager:v0.28.1',
  grafana: 'grafana/grafana:12.0.0',
} as const;

export interface ComposeOptions {
  readonly accesslogReplicas: number;
  readonly alertmanager: boolean;
}

export function composeYaml(opts: ComposeOptions): string {
  const services: Record<string, unknown> = {
    accesslog: {
      image: IMAGES.accesslog,
      // A container port only: each replica gets its own host port, so the service can scale.
      ports: ['80'],
      deploy: { replicas: opts.accesslogReplicas },
    },
    iotd: { image: IMAGES.iotd, ports: ['8011:80'] },
    'image-gallery': {
      image: IMAGES.imageGallery,
      ports: ['8010:80'],
      environment: { IMAGE_API_URL: 'http://iotd/image', ACCESS_API_URL: 'http://accesslog/access-log' },
      depends_on: ['iotd', 'accesslog'],
    },
    prometheus: {
      image: IMAGES.prometheus,
      ports: ['9090:9090'],
      volumes: ['./prometheus:/etc/prometheus:ro'],
      // The chapter's docker job scrapes DOCKER_HOST:9323, the engine's metrics-addr; this name reaches the host.
      extra_hosts: ['DOCKER_HOST:host-gateway'],
    },
  };
  if (opts.alertmanager) {
    services.alertmanager = { image: IMAGES.alertmanager, ports: ['9093:9093'], volumes: ['./alertmanager:/etc/alertmanager:ro'] };
  }
  services.grafana = {
    image: IMAGES.grafana,
    ports: ['3000:3000'],
    volumes: ['./grafana/provisioning:/etc/grafana/provisioning:ro', './grafana/dashboards:/var/lib/grafana/dashboards:ro'],
    depends_on: ['prometheus'],
  };
  return `# Exported from promlab. Run: docker compose up -d\n${stringify({ services })}`;
}
