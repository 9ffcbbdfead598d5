// What the rule manager shows: shaped like Prometheus' /api/v1/rules and /api/v1/alerts answers (times are
// virtual Unix ms, durations seconds), and the alerts it sends, like Alertmanager's API v2 PostableAlert.

import type { AlertState } from './alerting.ts';
import type { RuleHealth } from './rule.ts';

export interface AlertStatus {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: Exclude<AlertState, 'inactive'>;
  readonly activeAt: number;
  readonly keepFiringSince: number | null;
  readonly value: number;
}

interface RuleStatusBase {
  readonly name: string;
  readonly query: string;
  readonly labels: Record<string, string>;
  readonly health: RuleHealth;
  readonly lastError: string;
  readonly evaluationTime: number;
  readonly lastEvaluation: number | null;
}

export interface RecordingRuleStatus extends RuleStatusBase {
  readonly type: 'recording';
}

export interface AlertingRuleStatus extends RuleStatusBase {
  readonly type: 'alerting';
  readonly state: AlertState;
  /** `for`, seconds. */
  readonly duration: number;
  readonly keepFiringFor: number;
  readonly annotations: Record<string, string>;
  readonly alerts: AlertStatus[];
}

export type RuleStatus = RecordingRuleStatus | AlertingRuleStatus;

export interface RuleGroupStatus {
  readonly name: string;
  readonly file: string;
  /** Seconds. */
  readonly interval: number;
  readonly limit: number;
  readonly evaluationTime: number;
  readonly lastEvaluation: number | null;
  readonly rules: RuleStatus[];
}

/** An alert as Prometheus posts it to Alertmanager (times in virtual ms). */
export interface PostableAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly generatorURL: string;
}
