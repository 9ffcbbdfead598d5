// The alertmanager.yml promlab starts with: everything to Slack, critical alerts also by email, a webhook for
// tools, and warnings muted while a critical alert of the same job fires. Short timers so a learner sees the
// grouping happen within minutes.

export const DEFAULT_ALERTMANAGER_PATH = '/etc/alertmanager/alertmanager.yml';

export const DEFAULT_ALERTMANAGER_YAML = `global:
  resolve_timeout: 5m
  slack_api_url: https://hooks.slack.com/services/T0000/B0000/XXXXXXXX
  smtp_smarthost: smtp.example.org:587
  smtp_from: alertmanager@example.org

route:
  receiver: slack-alerts
  group_by: [alertname, job]
  group_wait: 10s
  group_interval: 1m
  repeat_interval: 1h
  routes:
    - matchers: ['severity="critical"']
      receiver: slack-alerts
      continue: true
    - matchers: ['severity="critical"']
      receiver: oncall-email
    - matchers: ['severity="warning"']
      receiver: webhook-tools

receivers:
  - name: slack-alerts
    slack_configs:
      - channel: "#image-gallery-alerts"
        send_resolved: true
        title: '{{ template "slack.default.title" . }}'
        text: |-
          {{ range .Alerts }}*{{ .Labels.alertname }}* ({{ .Labels.severity }}): {{ .Annotations.summary }}
          {{ if .Annotations.description }}{{ .Annotations.description }}
          {{ end }}{{ end }}
  - name: oncall-email
    email_configs:
      - to: oncall@example.org
        send_resolved: true
  - name: webhook-tools
    webhook_configs:
      - url: http://tools.example.org/alerts

inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [job]
`;
