// Alertmanager's alerts, silences and the notifications its receivers deliver to the in-page inboxes.
// Times are virtual Unix ms.

export interface AmAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  startsAt: number;
  /** Firing while in the future; resolved once passed. */
  endsAt: number;
  readonly generatorURL: string;
  /** 16 hex digits: the label set's FNV-64a fingerprint, as Alertmanager shows it. */
  readonly fingerprint: string;
  updatedAt: number;
}

export type AlertDisplayState = 'active' | 'suppressed';

export interface AlertView {
  readonly alert: AmAlert;
  readonly state: AlertDisplayState;
  readonly silencedBy: string[];
  readonly inhibitedBy: string[];
  readonly receivers: string[];
}

export interface SilenceMatcher {
  readonly name: string;
  readonly value: string;
  readonly isRegex: boolean;
  readonly isEqual: boolean;
}

export type SilenceState = 'pending' | 'active' | 'expired';

export interface Silence {
  readonly id: string;
  readonly matchers: SilenceMatcher[];
  readonly startsAt: number;
  endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
  updatedAt: number;
}

export type Integration = 'slack' | 'email' | 'webhook';

/** One message a receiver integration delivered. */
export interface Notification {
  readonly id: number;
  readonly time: number;
  readonly receiver: string;
  readonly integration: Integration;
  /** The integration's index within the receiver (slack_configs[0], …). */
  readonly index: number;
  readonly status: 'firing' | 'resolved';
  readonly groupKey: string;
  /** Where it went: the Slack channel, the email address, the webhook URL. */
  readonly destination: string;
  /** What a person reads: Slack's title and text, the email's subject and body. */
  readonly title: string;
  readonly text: string;
  /** Slack's attachment colour (danger/good or a hex code). */
  readonly color: string;
  /** The request body as the integration sends it (JSON for Slack and webhooks, the message for email). */
  readonly payload: string;
  readonly alertCount: number;
}
