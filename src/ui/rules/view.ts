// What the Rules and Alerts pages read from the running Prometheus' rule manager.

import type { RuleManager } from '../../rules/manager.ts';
import type { Notifier } from '../../rules/notifier.ts';

export type RulesView = Pick<RuleManager, 'groups' | 'alerts' | 'lastLoad' | 'reload' | 'ruleFiles'>;

/** Where the alerts go: the Alertmanagers of `alerting.alertmanagers`, with their last error. */
export type NotifierView = Pick<Notifier, 'alertmanagers'>;
