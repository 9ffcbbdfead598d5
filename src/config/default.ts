// The chapter's prometheus.yml (Docker book 9.2): the config promlab starts with.
export const DEFAULT_CONFIG_YAML = `global:
  scrape_interval: 10s
scrape_configs:
  - job_name: "image-gallery"
    metrics_path: /metrics
    static_configs:
      - targets: ["image-gallery"]
  - job_name: "iotd-api"
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ["iotd"]
  - job_name: "access-log"
    metrics_path: /metrics
    scrape_interval: 3s
    dns_sd_configs:
      - names:
          - accesslog
        type: A
        port: 80
  - job_name: "docker"
    metrics_path: /metrics
    static_configs:
      - targets: ["DOCKER_HOST:9323"]
`;

/**
 * The in-page disk at boot: a file_sd target file a learner can point a job at with
 * `file_sd_configs: [{ files: [targets/*.json] }]` and edit while Prometheus watches it.
 */
export const DEFAULT_FILES: Record<string, string> = {
  '/etc/prometheus/targets/image-gallery.json': `[
  {
    "targets": ["image-gallery"],
    "labels": { "team": "web", "env": "lab" }
  }
]
`,
};
