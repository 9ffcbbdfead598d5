// Notification template data (template.Data) and Alertmanager's default templates (template/default.tmpl),
// which configs reach by name: `{{ template "slack.default.title" . }}`.

import { ALERTMANAGER_FUNCS, execute, parseTemplate, type Template } from '../template/index.ts';
import type { AmAlert } from './types.ts';

/** A Go `template.KV`: a string map with SortedPairs/Names/Values/Remove as methods (non-enumerable). */
export type KV = Record<string, string>;

interface Pair {
  Name: string;
  Value: string;
}

function pairs(list: Pair[]): Pair[] {
  return Object.defineProperties(list, {
    Names: { value: () => list.map((p) => p.Name) },
    Values: { value: () => list.map((p) => p.Value) },
  });
}

export function kv(rec: Record<string, string>): KV {
  const out: KV = { ...rec };
  const keys = () => Object.keys(out).sort();
  return Object.defineProperties(out, {
    SortedPairs: { value: () => pairs(keys().map((k) => ({ Name: k, Value: out[k] }))) },
    Names: { value: () => keys() },
    Values: { value: () => keys().map((k) => out[k]) },
    Remove: {
      value: (names: string[]) => kv(Object.fromEntries(Object.entries(out).filter(([k]) => !names.includes(k)))),
    },
  });
}

export interface TemplateData {
  Receiver: string;
  Status: 'firing' | 'resolved';
  Alerts: unknown[];
  GroupLabels: KV;
  CommonLabels: KV;
  CommonAnnotations: KV;
  ExternalURL: string;
}

function common(maps: Record<string, string>[]): Record<string, string> {
  if (maps.length === 0) return {};
  const out = { ...maps[0] };
  for (const m of maps.slice(1)) for (const k of Object.keys(out)) if (m[k] !== out[k]) delete out[k];
  return out;
}

/** template.Data for one notification; `alerts` are already sorted. */
export function templateData(receiver: string, groupLabels: Record<string, string>, alerts: AmAlert[], now: number, externalURL: string): TemplateData {
  const list = alerts.map((a) => ({
    Status: a.endsAt <= now ? 'resolved' : 'firing',
    Labels: kv(a.labels),
    Annotations: kv(a.annotations),
    StartsAt: new Date(a.startsAt),
    EndsAt: new Date(a.endsAt <= now ? a.endsAt : 0),
    GeneratorURL: a.generatorURL,
    Fingerprint: a.fingerprint,
  }));
  const Alerts = Object.defineProperties(list, {
    Firing: { value: () => list.filter((a) => a.Status === 'firing') },
    Resolved: { value: () => list.filter((a) => a.Status === 'resolved') },
  });
  return {
    Receiver: receiver,
    Status: list.some((a) => a.Status === 'firing') ? 'firing' : 'resolved',
    Alerts,
    GroupLabels: kv(groupLabels),
    CommonLabels: kv(common(alerts.map((a) => a.labels))),
    CommonAnnotations: kv(common(alerts.map((a) => a.annotations))),
    ExternalURL: externalURL,
  };
}

const DEFAULT_TEXT: Record<string, string> = {
  __alertmanager: 'Alertmanager',
  __alertmanagerURL: '{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}',
  __subject:
    '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}',
  __text_alert_list:
    '{{ range . }}Labels:\n{{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}\n{{ end }}Annotations:\n{{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}\n{{ end }}Source: {{ .GeneratorURL }}\n{{ end }}',
  'slack.default.title': '{{ template "__subject" . }}',
  'slack.default.username': '{{ template "__alertmanager" . }}',
  'slack.default.fallback': '{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}',
  'slack.default.pretext': '',
  'slack.default.titlelink': '{{ template "__alertmanagerURL" . }}',
  'slack.default.iconemoji': '',
  'slack.default.text': '',
  'slack.default.footer': '',
  'email.default.subject': '{{ template "__subject" . }}',
  // Alertmanager's email is HTML (email.default.html); the inbox shows this plain-text rendering of it instead.
  'email.promlab.text':
    '{{ .Alerts | len }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}\n{{ if gt (len .Alerts.Firing) 0 }}\n[{{ .Alerts.Firing | len }}] Firing\n{{ template "__text_alert_list" .Alerts.Firing }}{{ end }}{{ if gt (len .Alerts.Resolved) 0 }}\n[{{ .Alerts.Resolved | len }}] Resolved\n{{ template "__text_alert_list" .Alerts.Resolved }}{{ end }}\nView in Alertmanager: {{ template "__alertmanagerURL" . }}',
};

const NAMED: Record<string, Template> = Object.fromEntries(Object.entries(DEFAULT_TEXT).map(([k, v]) => [k, parseTemplate(k, v)]));

/** Expands a notification field; like Alertmanager, a template error fails the notification. */
export function expand(name: string, text: string, data: TemplateData): string {
  return execute(parseTemplate(name, text), data, { funcs: ALERTMANAGER_FUNCS, named: NAMED });
}
