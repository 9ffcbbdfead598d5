// alertmanager.yml (config/config.go): global settings, the route tree, receivers (slack, email, webhook) and
// inhibit rules, validated with Alertmanager's messages at the line:col of the offending node.

import { LineCounter, parseDocument, type Node } from 'yaml';
import { Decoder, type Field } from '../config/decode.ts';
import type { ConfigError } from '../config/types.ts';
import type { Matcher } from '../model/labels/matcher.ts';
import { ALERTMANAGER_FUNCS, parseTemplate, TemplateError } from '../template/index.ts';
import { MatcherParseError, parseMatchers } from './matchers.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export interface RouteConfig {
  receiver?: string;
  groupBy?: string[];
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  matchers: Matcher[];
  continue: boolean;
  routes: RouteConfig[];
}

export interface SlackConfig {
  sendResolved: boolean;
  apiURL: string;
  channel: string;
  username: string;
  color: string;
  title: string;
  titleLink: string;
  pretext: string;
  text: string;
  fallback: string;
  footer: string;
  iconEmoji: string;
}

export interface EmailConfig {
  sendResolved: boolean;
  to: string;
  from: string;
  smarthost: string;
  subject: string;
  text: string;
}

export interface WebhookConfig {
  sendResolved: boolean;
  url: string;
  maxAlerts: number;
}

export interface ReceiverConfig {
  name: string;
  slack: SlackConfig[];
  email: EmailConfig[];
  webhook: WebhookConfig[];
}

export interface InhibitRule {
  source: Matcher[];
  target: Matcher[];
  equal: string[];
}

export interface AlertmanagerConfig {
  resolveTimeout: number;
  route: RouteConfig;
  receivers: ReceiverConfig[];
  inhibitRules: InhibitRule[];
}

export type AlertmanagerConfigResult = { ok: true; config: AlertmanagerConfig } | { ok: false; errors: ConfigError[] };

const AM_FUNC_NAMES: ReadonlySet<string> = new Set(Object.keys(ALERTMANAGER_FUNCS));

export const DEFAULT_ROUTE_TIMING = { groupWait: 30 * SECOND, groupInterval: 5 * MINUTE, repeatInterval: 4 * 60 * MINUTE };

// Alertmanager's default notification templates (template/default.tmpl) by the names configs use.
const SLACK_DEFAULTS = {
  username: '{{ template "slack.default.username" . }}',
  color: '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}',
  title: '{{ template "slack.default.title" . }}',
  titleLink: '{{ template "slack.default.titlelink" . }}',
  pretext: '{{ template "slack.default.pretext" . }}',
  text: '{{ template "slack.default.text" . }}',
  fallback: '{{ template "slack.default.fallback" . }}',
  footer: '{{ template "slack.default.footer" . }}',
  iconEmoji: '{{ template "slack.default.iconemoji" . }}',
};

const RECEIVER_TYPES_UNSIMULATED = [
  'pagerduty_configs', 'opsgenie_configs', 'pushover_configs', 'victorops_configs', 'wechat_configs', 'telegram_configs',
  'sns_configs', 'discord_configs', 'webex_configs', 'msteams_configs', 'msteamsv2_configs', 'jira_configs',
  'rocketchat_configs', 'incidentio_configs',
];

export function loadAlertmanagerConfig(text: string): AlertmanagerConfigResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ ...lines.linePos(e.pos[0]), message: `yaml: ${e.message}` })) };
  }
  const d = new Decoder(doc, lines);
  const top =
    d.fields(d.resolve(doc.contents), 'config.plain', ['global', 'route', 'receivers', 'inhibit_rules'], ['templates', 'time_intervals', 'mute_time_intervals']) ??
    new Map<string, Field>();
  const global = readGlobal(d, top.get('global')?.value ?? null);
  const receivers: ReceiverConfig[] = [];
  const names = new Map<string, Node>();
  const receiversField = top.get('receivers');
  for (const node of (receiversField && d.items(receiversField.value, '[]config.Receiver')) ?? []) {
    if (!node) continue;
    const r = readReceiver(d, node, global);
    if (!r) continue;
    if (names.has(r.name)) d.fail(node, `notification config name ${JSON.stringify(r.name)} is not unique`);
    names.set(r.name, node);
    receivers.push(r);
  }
  const routeField = top.get('route');
  let route: RouteConfig = { matchers: [], continue: false, routes: [] };
  if (!routeField || d.isNull(routeField.value)) {
    if (routeField) d.fail(routeField.key, 'no routes provided');
    else d.errors.push({ line: 1, col: 1, message: 'no routes provided' });
  } else {
    route = readRoute(d, routeField.value!, names);
    if (!route.receiver) d.fail(routeField.key, 'root route must specify a default receiver');
    if (route.matchers.length > 0) d.fail(routeField.key, 'root route must not have any matchers');
  }
  const inhibitRules: InhibitRule[] = [];
  const inhibitField = top.get('inhibit_rules');
  for (const node of (inhibitField && d.items(inhibitField.value, '[]config.InhibitRule')) ?? []) {
    if (node) inhibitRules.push(readInhibitRule(d, node));
  }
  if (d.errors.length > 0) return { ok: false, errors: [...d.errors].sort((a, b) => a.line - b.line || a.col - b.col) };
  return { ok: true, config: { resolveTimeout: global.resolveTimeout, route, receivers, inhibitRules } };
}

interface Global {
  resolveTimeout: number;
  slackAPIURL: string;
  smtpFrom: string;
  smtpSmarthost: string;
}

function readGlobal(d: Decoder, node: Node | null): Global {
  const f = d.fields(node, 'config.GlobalConfig', ['resolve_timeout', 'slack_api_url', 'smtp_from', 'smtp_smarthost'], [
    'http_config', 'smtp_hello', 'smtp_auth_username', 'smtp_auth_password', 'smtp_auth_password_file', 'smtp_auth_secret',
    'smtp_auth_identity', 'smtp_require_tls', 'smtp_tls_config', 'slack_api_url_file', 'pagerduty_url', 'opsgenie_api_url',
    'opsgenie_api_key', 'wechat_api_url', 'victorops_api_url', 'telegram_api_url', 'webex_api_url', 'jira_api_url',
  ]) ?? new Map<string, Field>();
  const str = (k: string) => d.string(f.get(k)?.value ?? null) ?? '';
  return {
    resolveTimeout: d.duration(f.get('resolve_timeout')?.value ?? null) || 5 * MINUTE,
    slackAPIURL: str('slack_api_url'),
    smtpFrom: str('smtp_from'),
    smtpSmarthost: str('smtp_smarthost'),
  };
}

function readMatchers(d: Decoder, f: Map<string, Field>, list: string, eq: string, re: string): Matcher[] {
  const out: Matcher[] = [];
  for (const [node, text] of d.stringList(f.get(list)?.value ?? null) ?? []) {
    try {
      out.push(...parseMatchers(text));
    } catch (err) {
      if (!(err instanceof MatcherParseError)) throw err;
      d.fail(node, err.message);
    }
  }
  // The older `match:` and `match_re:` maps.
  for (const [key, type] of [[eq, '='], [re, '=~']] as const) {
    for (const [node, name, value] of d.stringMap(f.get(key)?.value ?? null, 'map[string]string', 'string')) {
      try {
        out.push(...parseMatchers(`${name}${type}${JSON.stringify(value)}`));
      } catch (err) {
        if (!(err instanceof MatcherParseError)) throw err;
        d.fail(node, err.message);
      }
    }
  }
  return out;
}

function readRoute(d: Decoder, node: Node, receivers: Map<string, Node>): RouteConfig {
  const f = d.fields(node, 'config.Route', ['receiver', 'group_by', 'group_wait', 'group_interval', 'repeat_interval', 'matchers', 'match', 'match_re', 'continue', 'routes'], [
    'mute_time_intervals', 'active_time_intervals',
  ]) ?? new Map<string, Field>();
  const route: RouteConfig = { matchers: readMatchers(d, f, 'matchers', 'match', 'match_re'), continue: d.bool(f.get('continue')?.value ?? null) ?? false, routes: [] };
  const receiver = f.get('receiver');
  if (receiver) {
    route.receiver = d.string(receiver.value) ?? '';
    if (route.receiver && !receivers.has(route.receiver)) d.fail(receiver.value ?? receiver.key, `undefined receiver ${JSON.stringify(route.receiver)} used in route`);
  }
  const groupBy = f.get('group_by');
  if (groupBy) {
    const seen = new Set<string>();
    route.groupBy = [];
    for (const [n, name] of d.stringList(groupBy.value) ?? []) {
      if (seen.has(name)) d.fail(n, `duplicated label ${JSON.stringify(name)} in group_by`);
      else if (name !== '...' && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) d.fail(n, `invalid label name ${JSON.stringify(name)} in group_by list`);
      seen.add(name);
      route.groupBy.push(name);
    }
    if (seen.has('...') && seen.size > 1) d.fail(groupBy.key, 'cannot have wildcard group_by (`...`) and other other labels at the same time');
  }
  for (const [key, prop] of [['group_wait', 'groupWait'], ['group_interval', 'groupInterval'], ['repeat_interval', 'repeatInterval']] as const) {
    const field = f.get(key);
    if (!field) continue;
    const ms = d.duration(field.value);
    if (ms === undefined) continue;
    if (ms === 0 && key !== 'group_wait') d.fail(field.value ?? field.key, `${key} cannot be zero`);
    route[prop] = ms;
  }
  const routes = f.get('routes');
  for (const child of (routes && d.items(routes.value, '[]*config.Route')) ?? []) {
    if (child) route.routes.push(readRoute(d, child, receivers));
  }
  return route;
}

function readReceiver(d: Decoder, node: Node, global: Global): ReceiverConfig | null {
  const f = d.fields(node, 'config.Receiver', ['name', 'slack_configs', 'email_configs', 'webhook_configs'], RECEIVER_TYPES_UNSIMULATED);
  if (!f) return null;
  const name = d.string(f.get('name')?.value ?? null) ?? '';
  if (name === '') d.fail(node, 'missing name in receiver');
  const each = <T>(key: string, goType: string, read: (n: Node) => T | null): T[] => {
    const field = f.get(key);
    const out: T[] = [];
    for (const n of (field && d.items(field.value, goType)) ?? []) {
      const c = n && read(n);
      if (c) out.push(c);
    }
    return out;
  };
  return {
    name,
    slack: each('slack_configs', '[]*config.SlackConfig', (n) => readSlack(d, n, global)),
    email: each('email_configs', '[]*config.EmailConfig', (n) => readEmail(d, n, global)),
    webhook: each('webhook_configs', '[]*config.WebhookConfig', (n) => readWebhook(d, n)),
  };
}

/** A notification template field: parsed now so a syntax error is a config error. */
function templateField(d: Decoder, f: Map<string, Field>, key: string, fallback: string): string {
  const field = f.get(key);
  if (!field) return fallback;
  const text = d.string(field.value) ?? '';
  try {
    parseTemplate(key, text, AM_FUNC_NAMES);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    d.fail(field.value ?? field.key, err.message);
  }
  return text;
}

function readSlack(d: Decoder, node: Node, global: Global): SlackConfig | null {
  const keys = ['send_resolved', 'api_url', 'channel', 'username', 'color', 'title', 'title_link', 'pretext', 'text', 'fallback', 'footer', 'icon_emoji'];
  const f = d.fields(node, 'config.SlackConfig', keys, ['api_url_file', 'http_config', 'icon_url', 'link_names', 'short_fields', 'fields', 'callback_id', 'image_url', 'thumb_url', 'mrkdwn_in', 'actions', 'message_text', 'app_token', 'app_url']);
  if (!f) return null;
  const apiURL = d.string(f.get('api_url')?.value ?? null) || global.slackAPIURL;
  if (!apiURL) d.fail(node, 'no global Slack API URL set either inline or in a file');
  const t = (key: string, fallback: string) => templateField(d, f, key, fallback);
  return {
    sendResolved: d.bool(f.get('send_resolved')?.value ?? null) ?? false,
    apiURL,
    channel: t('channel', ''),
    username: t('username', SLACK_DEFAULTS.username),
    color: t('color', SLACK_DEFAULTS.color),
    title: t('title', SLACK_DEFAULTS.title),
    titleLink: t('title_link', SLACK_DEFAULTS.titleLink),
    pretext: t('pretext', SLACK_DEFAULTS.pretext),
    text: t('text', SLACK_DEFAULTS.text),
    fallback: t('fallback', SLACK_DEFAULTS.fallback),
    footer: t('footer', SLACK_DEFAULTS.footer),
    iconEmoji: t('icon_emoji', SLACK_DEFAULTS.iconEmoji),
  };
}

function readEmail(d: Decoder, node: Node, global: Global): EmailConfig | null {
  const f = d.fields(node, 'config.EmailConfig', ['send_resolved', 'to', 'from', 'smarthost', 'headers', 'text', 'html'], [
    'hello', 'auth_username', 'auth_password', 'auth_password_file', 'auth_secret', 'auth_identity', 'require_tls', 'tls_config', 'threading',
  ]);
  if (!f) return null;
  const to = d.string(f.get('to')?.value ?? null) ?? '';
  if (!to) d.fail(node, 'missing to address in email config');
  const from = d.string(f.get('from')?.value ?? null) || global.smtpFrom;
  if (!from) d.fail(node, 'no global SMTP from set');
  const smarthost = d.string(f.get('smarthost')?.value ?? null) || global.smtpSmarthost;
  if (!smarthost) d.fail(node, 'no global SMTP smarthost set');
  const headers = new Map(d.stringMap(f.get('headers')?.value ?? null, 'map[string]string', 'string').map(([, k, v]) => [k.toLowerCase(), v]));
  return {
    sendResolved: d.bool(f.get('send_resolved')?.value ?? null) ?? false,
    to,
    from,
    smarthost,
    subject: headers.get('subject') ?? '{{ template "email.default.subject" . }}',
    text: templateField(d, f, 'text', '{{ template "email.promlab.text" . }}'),
  };
}

function readWebhook(d: Decoder, node: Node): WebhookConfig | null {
  const f = d.fields(node, 'config.WebhookConfig', ['send_resolved', 'url', 'max_alerts'], ['url_file', 'http_config', 'timeout']);
  if (!f) return null;
  const url = d.string(f.get('url')?.value ?? null) ?? '';
  if (!url) d.fail(node, 'one of url or url_file must be configured');
  else if (!/^https?:\/\/[^/]/.test(url)) d.fail(f.get('url')!.value!, `unsupported scheme "${url.split(':')[0]}" for URL`);
  // Webhooks hear about resolved alerts unless told otherwise.
  const sendResolved = f.has('send_resolved') ? (d.bool(f.get('send_resolved')!.value) ?? true) : true;
  return { sendResolved, url, maxAlerts: d.int(f.get('max_alerts')?.value ?? null) ?? 0 };
}

function readInhibitRule(d: Decoder, node: Node): InhibitRule {
  const f = d.fields(node, 'config.InhibitRule', ['source_matchers', 'target_matchers', 'source_match', 'source_match_re', 'target_match', 'target_match_re', 'equal'], []) ??
    new Map<string, Field>();
  return {
    source: readMatchers(d, f, 'source_matchers', 'source_match', 'source_match_re'),
    target: readMatchers(d, f, 'target_matchers', 'target_match', 'target_match_re'),
    equal: (d.stringList(f.get('equal')?.value ?? null) ?? []).map(([, s]) => s),
  };
}
