// Receiver integrations (notify/slack, notify/email, notify/webhook): each turns one group's alerts into the
// message it would send, here delivered to an in-page inbox instead of the network.

import type { EmailConfig, ReceiverConfig, SlackConfig, WebhookConfig } from './config.ts';
import { expand, templateData, type TemplateData } from './template.ts';
import type { AmAlert, Integration, Notification } from './types.ts';

export interface IntegrationRef {
  readonly receiver: string;
  readonly integration: Integration;
  readonly index: number;
  readonly sendResolved: boolean;
  readonly conf: SlackConfig | EmailConfig | WebhookConfig;
}

/** The integrations of a receiver, in Alertmanager's order. */
export function integrations(r: ReceiverConfig): IntegrationRef[] {
  return [
    ...r.email.map((conf, index) => ({ receiver: r.name, integration: 'email' as const, index, sendResolved: conf.sendResolved, conf })),
    ...r.slack.map((conf, index) => ({ receiver: r.name, integration: 'slack' as const, index, sendResolved: conf.sendResolved, conf })),
    ...r.webhook.map((conf, index) => ({ receiver: r.name, integration: 'webhook' as const, index, sendResolved: conf.sendResolved, conf })),
  ];
}

export interface NotifyInput {
  readonly ref: IntegrationRef;
  readonly groupKey: string;
  readonly groupLabels: Record<string, string>;
  readonly alerts: AmAlert[];
  readonly now: number;
  readonly externalURL: string;
}

/** Go's time.Time JSON (RFC 3339, UTC); the zero time for "not set". */
function goJSONTime(ms: number): string {
  return ms === 0 ? '0001-01-01T00:00:00Z' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));
}

/** Builds the message; throws TemplateError when a template fails, which fails the notification. */
export function buildNotification(input: NotifyInput, id: number): Notification {
  const { ref, alerts, now } = input;
  const data = templateData(ref.receiver, input.groupLabels, alerts, now, input.externalURL);
  const base = { id, time: now, receiver: ref.receiver, integration: ref.integration, index: ref.index, status: data.Status, groupKey: input.groupKey, alertCount: alerts.length };
  switch (ref.integration) {
    case 'slack':
      return { ...base, ...slack(ref.conf as SlackConfig, data) };
    case 'email':
      return { ...base, ...email(ref.conf as EmailConfig, data, now) };
    case 'webhook':
      return { ...base, ...webhook(ref.conf as WebhookConfig, data, input) };
  }
}

type Message = Pick<Notification, 'destination' | 'title' | 'text' | 'color' | 'payload'>;

function slack(c: SlackConfig, data: TemplateData): Message {
  const t = (name: string, text: string) => expand(name, text, data);
  const title = [...t('title', c.title)].slice(0, 1024).join('');
  const attachment = omitEmpty({
    title,
    title_link: t('title_link', c.titleLink),
    pretext: t('pretext', c.pretext),
    text: t('text', c.text),
    fallback: t('fallback', c.fallback),
    footer: t('footer', c.footer),
    color: t('color', c.color),
  });
  attachment.mrkdwn_in = ['fallback', 'pretext', 'text'];
  const channel = t('channel', c.channel);
  const body = omitEmpty({ channel, username: t('username', c.username), icon_emoji: t('icon_emoji', c.iconEmoji), attachments: [attachment] });
  return {
    destination: channel || c.apiURL,
    title,
    text: String(attachment.text ?? ''),
    color: String(attachment.color ?? ''),
    payload: JSON.stringify(body, null, 2),
  };
}

function email(c: EmailConfig, data: TemplateData, now: number): Message {
  const subject = expand('subject', c.subject, data);
  const text = expand('text', c.text, data);
  const headers = [
    `From: ${c.from}`,
    `To: ${c.to}`,
    `Subject: ${subject}`,
    `Date: ${new Date(now).toUTCString().replace('GMT', '+0000')}`,
    'Content-Type: text/plain; charset=UTF-8',
  ];
  return { destination: c.to, title: subject, text, color: '', payload: `${headers.join('\r\n')}\r\n\r\n${text}` };
}

function webhook(c: WebhookConfig, data: TemplateData, input: NotifyInput): Message {
  const all = input.alerts;
  const kept = c.maxAlerts > 0 ? all.slice(0, c.maxAlerts) : all;
  const body = {
    receiver: data.Receiver,
    status: data.Status,
    alerts: kept.map((a) => ({
      status: a.endsAt <= input.now ? 'resolved' : 'firing',
      labels: a.labels,
      annotations: a.annotations,
      startsAt: goJSONTime(a.startsAt),
      endsAt: goJSONTime(a.endsAt <= input.now ? a.endsAt : 0),
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    })),
    groupLabels: { ...data.GroupLabels },
    commonLabels: { ...data.CommonLabels },
    commonAnnotations: { ...data.CommonAnnotations },
    externalURL: data.ExternalURL,
    version: '4',
    groupKey: input.groupKey,
    truncatedAlerts: all.length - kept.length,
  };
  return {
    destination: c.url,
    title: `POST ${c.url}`,
    text: `${data.Status}: ${kept.length} alert${kept.length === 1 ? '' : 's'}`,
    color: '',
    payload: JSON.stringify(body, null, 2),
  };
}
