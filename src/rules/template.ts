// Alert label and annotation templates, expanded as Prometheus does: `$labels`, `$value`, `$externalLabels`
// and `$externalURL` are defined before the user's text, and a failed expansion becomes the visible text.

import { execute, parseTemplate, PROMETHEUS_FUNCS, TemplateError } from '../template/index.ts';

export const templatePrelude =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

export interface TemplateData {
  readonly Labels: Record<string, string>;
  readonly ExternalLabels: Record<string, string>;
  readonly ExternalURL: string;
  readonly Value: number;
}

export function expandTemplate(alertName: string, text: string, data: TemplateData): string {
  try {
    return execute(parseTemplate(`__alert_${alertName}`, templatePrelude + text), data, { funcs: PROMETHEUS_FUNCS });
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    return `<error expanding template: ${err.message}>`;
  }
}
