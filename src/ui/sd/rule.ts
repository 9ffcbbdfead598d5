// A relabel rule as the learner wrote it in YAML, showing only the fields its action reads (Prometheus fills
// the others with defaults that the action ignores).

import type { RelabelAction, RelabelConfig } from '../../relabel/relabel.ts';

type Field = 'source_labels' | 'separator' | 'regex' | 'modulus' | 'target_label' | 'replacement';

const FIELDS: Record<RelabelAction, readonly Field[]> = {
  replace: ['source_labels', 'separator', 'regex', 'target_label', 'replacement'],
  keep: ['source_labels', 'separator', 'regex'],
  drop: ['source_labels', 'separator', 'regex'],
  keepequal: ['source_labels', 'separator', 'target_label'],
  dropequal: ['source_labels', 'separator', 'target_label'],
  hashmod: ['source_labels', 'separator', 'modulus', 'target_label'],
  labelmap: ['regex', 'replacement'],
  labeldrop: ['regex'],
  labelkeep: ['regex'],
  lowercase: ['source_labels', 'separator', 'target_label'],
  uppercase: ['source_labels', 'separator', 'target_label'],
};

function value(cfg: RelabelConfig, f: Field): string {
  switch (f) {
    case 'source_labels':
      return `[${cfg.sourceLabels.join(', ')}]`;
    case 'separator':
      return JSON.stringify(cfg.separator);
    case 'regex':
      return cfg.regex;
    case 'modulus':
      return String(cfg.modulus);
    case 'target_label':
      return cfg.targetLabel;
    case 'replacement':
      return cfg.replacement;
  }
}

/** `[field, value]` pairs in YAML field names, action first. */
export function ruleFields(cfg: RelabelConfig): [string, string][] {
  return [['action', cfg.action], ...FIELDS[cfg.action].map((f): [string, string] => [f, value(cfg, f)])];
}
