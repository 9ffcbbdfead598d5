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
          summary_ko: "image-gallery 오류율 {{ $value | humanizePercentage }}"
          description: "More than 5% of requests to {{ $labels.job }} failed with a 5xx code over the last minute."
          description_ko: "지난 1분 동안 {{ $labels.job }} 요청의 5% 넘게 5xx 코드로 실패했습니다."

      - alert: ImageGalleryDown
        expr: up{job="image-gallery"} == 0
        for: 30s
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.instance }} cannot be scraped"
          summary_ko: "{{ $labels.instance }} 스크래핑 실패"

      - alert: ImageGalleryTrafficSurge
        expr: job:image_gallery_requests:rate1m > 10
        for: 1m
        labels:
          severity: warning
        annotations:
          summary: "image-gallery serves {{ $value | humanize }} requests/s"
          summary_ko: "image-gallery 초당 요청 {{ $value | humanize }}개"

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
          summary_ko: "{{ $labels.job }} 고루틴 {{ $value }}개 실행 중"

      # The resident set keeps growing: a heap that the GC cannot free.
      - alert: MemoryLeak
        expr: deriv(process_resident_memory_bytes{job="image-gallery"}[5m]) > 500e3
        for: 1m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.job }} grows by {{ $value | humanize1024 }}B/s"
          summary_ko: "{{ $labels.job }} 메모리가 초당 {{ $value | humanize1024 }}B씩 늘어남"

      - alert: CrashLooping
        expr: changes(process_start_time_seconds{job="access-log"}[10m]) > 2
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.instance }} restarted {{ $value }} times in 10 minutes"
          summary_ko: "{{ $labels.instance }} 10분 동안 {{ $value }}번 재시작"
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
