// Alert label and annotation templates, expanded as Prometheus does: `$labels`, `$value`, `$externalLabels`
// and `$externalURL` are defined before the user's text, and a failed expansion becomes the visible text.

import { labelsToRecord } from '../model/labels/labels.ts';
import { parseExpr } from '../promql/index.ts';
import { execute, parseTemplate, PROMETHEUS_FUNCS, TemplateError, type TemplateFunc } from '../template/index.ts';
import type { QueryFunc } from './rule.ts';

export const templatePrelude =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

export interface TemplateData {
  readonly Labels: Record<string, string>;
  readonly ExternalLabels: Record<string, string>;
  readonly ExternalURL: string;
  readonly Value: number;
}

interface QuerySample {
  Labels: Record<string, string>;
  Value: number;
}

/** `query` and its helpers (first, label, value, sortByLabel): PromQL from inside a template, at the rule's timestamp. */
function queryFuncs(query: QueryFunc, ts: number): Record<string, TemplateFunc> {
  return {
    query: (q) => {
      const v = query(parseExpr(String(q)), ts);
      if (v.type === 'scalar') return [{ Labels: {}, Value: v.v }];
      if (v.type !== 'vector') throw new Error(`query result is not a vector or scalar: ${v.type}`);
      return v.samples.map((s): QuerySample => ({ Labels: labelsToRecord(s.metric), Value: s.v }));
    },
    first: (list) => {
      const l = list as QuerySample[];
      if (l.length === 0) throw new Error('first() called on vector with no elements');
      return l[0];
    },
    label: (name, s) => (s as QuerySample).Labels[String(name)] ?? '',
    value: (s) => (s as QuerySample).Value,
    sortByLabel: (name, list) => [...(list as QuerySample[])].sort((a, b) => ((a.Labels[String(name)] ?? '') < (b.Labels[String(name)] ?? '') ? -1 : 1)),
  };
}

/** Every function a rule template may call. */
export const RULE_TEMPLATE_FUNCS: ReadonlySet<string> = new Set([...Object.keys(PROMETHEUS_FUNCS), 'query', 'first', 'label', 'value', 'sortByLabel']);

export function expandTemplate(alertName: string, text: string, data: TemplateData, query: QueryFunc, ts: number): string {
  try {
    const funcs = { ...PROMETHEUS_FUNCS, ...queryFuncs(query, ts) };
    return execute(parseTemplate(`__alert_${alertName}`, templatePrelude + text), data, { funcs });
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    return `<error expanding template: ${err.message}>`;
  }
}
