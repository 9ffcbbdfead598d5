// The rule file promlab starts with: the chapter's example alert, `error_rate > 0.05` for image-gallery, built on
// recording rules, as operators write them (level:metric:operations).

export const DEFAULT_RULES_PATH = '/etc/prometheus/rules/image-gallery.yml';

export const DEFAULT_RULES_YAML = `groups:
  - name: image-gallery
    interval: 15s
    rules:
      # Requests per second, all instances, codes and methods together.
      - record: job:image_gallery_requests:rate1m
        expr: sum without(instance, code, method) (rate(image_gallery_requests_total[1m]))

      # The share of requests answered with a 5xx code: the chapter's error_rate.
      - record: job:image_gallery_requests:error_rate1m
        expr: |
          sum without(instance, code, method) (rate(image_gallery_requests_total{code=~"5.."}[1m]))
            /
          sum without(instance, code, method) (rate(image_gallery_requests_total[1m]))

      - alert: ImageGalleryHighErrorRate
        expr: job:image_gallery_requests:error_rate1m > 0.05
        for: 1m
        labels:
          severity: critical
        annotations:
          summary: "image-gallery error rate is {{ $value | humanizePercentage }}"
          description: "More than 5% of requests to {{ $labels.job }} failed with a 5xx code over the last minute."

      - alert: ImageGalleryDown
        expr: up{job="image-gallery"} == 0
        for: 30s
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.instance }} cannot be scraped"
`;

/**
 * What promlab adds to the chapter's prometheus.yml so the rules above load and their alerts reach the simulated
 * Alertmanager: top-level sections, appended to the chapter's text at boot.
 */
export const DEFAULT_ALERTING_YAML = `rule_files:
  - rules/*.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ["alertmanager:9093"]
`;
