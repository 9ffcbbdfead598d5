// The rule file promlab starts with: the chapter's example alert, `error_rate > 0.05` for image-gallery, built on
// recording rules, as operators write them (level:metric:operations); and an alert for each other incident.

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

      - alert: ImageGalleryTrafficSurge
        expr: job:image_gallery_requests:rate1m > 10
        for: 1m
        labels:
          severity: warning
        annotations:
          summary: "image-gallery serves {{ $value | humanize }} requests/s"

  # What the runtime metrics of the apps give away: leaks and restarts.
  - name: runtime
    interval: 15s
    rules:
      - alert: GoroutineLeak
        expr: go_goroutines{job="image-gallery"} > 100
        for: 1m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.job }} runs {{ $value }} goroutines"

      # The resident set keeps growing: a heap that the GC cannot free.
      - alert: MemoryLeak
        expr: deriv(process_resident_memory_bytes{job="image-gallery"}[5m]) > 500e3
        for: 1m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.job }} grows by {{ $value | humanize1024 }}B/s"

      - alert: CrashLooping
        expr: changes(process_start_time_seconds{job="access-log"}[10m]) > 2
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.instance }} restarted {{ $value }} times in 10 minutes"
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
