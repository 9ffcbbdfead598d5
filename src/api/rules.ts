// /api/v1/rules and /api/v1/alerts from the rule manager's status, in Prometheus' JSON: times as RFC 3339, alert
// values in Go's %e form, empty optional fields left out.

import { formatFloat } from '../model/strconv.ts';
import type { AlertStatus, RuleGroupStatus, RuleStatus } from '../rules/types.ts';
import { rfc3339 } from './targets.ts';

/** Go's zero time, which Prometheus reports for a rule not evaluated yet. */
const ZERO_TIME = '0001-01-01T00:00:00Z';


export function alertJSON(a: AlertStatus): Record<string, unknown> {
  return {
    labels: a.labels,
    annotations: a.annotations,
    state: a.state,
    activeAt: rfc3339(a.activeAt),
    ...(a.keepFiringSince !== null ? { keepFiringSince: rfc3339(a.keepFiringSince) } : {}),
    value: formatFloat(a.value, 'e'),
  };
}

function ruleJSON(r: RuleStatus): Record<string, unknown> {
  const common = {
    name: r.name,
    query: r.query,
    labels: r.labels,
    health: r.health,
    ...(r.lastError ? { lastError: r.lastError } : {}),
    evaluationTime: r.evaluationTime,
    lastEvaluation: r.lastEvaluation === null ? ZERO_TIME : rfc3339(r.lastEvaluation),
  };
  if (r.type === 'recording') return { ...common, type: 'recording' };
  return {
    state: r.state,
    ...common,
    duration: r.duration,
    keepFiringFor: r.keepFiringFor,
    annotations: r.annotations,
    alerts: r.alerts.map(alertJSON),
    type: 'alerting',
  };
}

/** `type=alert` or `type=record` keeps only that kind of rule; groups left without rules are dropped, as in Prometheus. */
export function rulesData(groups: readonly RuleGroupStatus[], type: 'alert' | 'record' | null): Record<string, unknown> {
  const keep = (r: RuleStatus) => type === null || (type === 'alert') === (r.type === 'alerting');
  return {
    groups: groups
      .map((g) => ({ g, rules: g.rules.filter(keep) }))
      .filter(({ rules }) => type === null || rules.length > 0)
      .map(({ g, rules }) => ({
        name: g.name,
        file: g.file,
        rules: rules.map(ruleJSON),
        interval: g.interval,
        limit: g.limit,
        evaluationTime: g.evaluationTime,
        lastEvaluation: g.lastEvaluation === null ? ZERO_TIME : rfc3339(g.lastEvaluation),
      })),
  };
}
