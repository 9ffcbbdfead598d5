// What the Rules and Alerts pages read from the running Prometheus' rule manager.

import type { RuleManager } from '../../rules/manager.ts';

export type RulesView = Pick<RuleManager, 'groups' | 'alerts' | 'lastLoad' | 'reload' | 'ruleFiles'>;
