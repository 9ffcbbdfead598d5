// Relabeling (Prometheus' model/relabel): an ordered list of rules rewriting a label set, or dropping it.
// Used for targets (relabel_configs), scraped series (metric_relabel_configs) and alerts (alert_relabel_configs).

import { LabelsBuilder, type Labels } from '../model/labels/labels.ts';
import { md5 } from '../model/hash/md5.ts';
import { expand, labelRegexp } from '../model/labels/regexp.ts';

export const RELABEL_ACTIONS = [
  'replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase',
] as const;
export type RelabelAction = (typeof RELABEL_ACTIONS)[number];

/** One rule, as written in YAML with Prometheus' defaults filled in. `regex` is the unanchored source text. */
export interface RelabelConfig {
  readonly action: RelabelAction;
  readonly sourceLabels: readonly string[];
  readonly separator: string;
  readonly regex: string;
  readonly modulus: number;
  readonly targetLabel: string;
  readonly replacement: string;
}

export const DEFAULT_RELABEL_CONFIG: RelabelConfig = {
  action: 'replace',
  sourceLabels: [],
  separator: ';',
  regex: '(.*)',
  modulus: 0,
  targetLabel: '',
  replacement: '$1',
};

/** One rule's effect, for the relabel visualizer: `after` is null when the rule dropped the label set. */
export interface RelabelStep {
  readonly index: number;
  readonly config: RelabelConfig;
  readonly before: Labels;
  readonly after: Labels | null;
}

/** Applies the rules in order; null means a keep/drop rule dropped the label set. */
export function relabel(labels: Labels, cfgs: readonly RelabelConfig[]): Labels | null {
  const lb = new LabelsBuilder(labels);
  for (const cfg of cfgs) if (!apply(cfg, lb)) return null;
  return lb.labels();
}

/** Like relabel, recording the label set before and after every rule; stops at the rule that drops. */
export function relabelSteps(labels: Labels, cfgs: readonly RelabelConfig[]): RelabelStep[] {
  const steps: RelabelStep[] = [];
  const lb = new LabelsBuilder(labels);
  for (const [index, config] of cfgs.entries()) {
    const before = lb.labels();
    const kept = apply(config, lb);
    steps.push({ index, config, before, after: kept ? lb.labels() : null });
    if (!kept) break;
  }
  return steps;
}

function apply(cfg: RelabelConfig, lb: LabelsBuilder): boolean {
  const val = cfg.sourceLabels.map((name) => lb.get(name)).join(cfg.separator);
  const re = labelRegexp(cfg.regex);
  switch (cfg.action) {
    case 'drop':
      return !re.matches(val);
    case 'keep':
      return re.matches(val);
    case 'dropequal':
      return lb.get(cfg.targetLabel) !== val;
    case 'keepequal':
      return lb.get(cfg.targetLabel) === val;
    case 'replace': {
      // Fast path of Prometheus: with the default regex and no templates, an empty input sets the replacement as is.
      if (val === '' && cfg.regex === DEFAULT_RELABEL_CONFIG.regex && !cfg.targetLabel.includes('$') && !cfg.replacement.includes('$')) {
        lb.set(cfg.targetLabel, cfg.replacement);
        return true;
      }
      const match = re.submatch(val);
      if (!match) return true;
      const target = expand(cfg.targetLabel, match);
      if (!isValidLabelName(target)) return true;
      // An empty result deletes the label (LabelsBuilder.set drops empty values).
      lb.set(target, expand(cfg.replacement, match));
      return true;
    }
    case 'lowercase':
      lb.set(cfg.targetLabel, val.toLowerCase());
      return true;
    case 'uppercase':
      lb.set(cfg.targetLabel, val.toUpperCase());
      return true;
    case 'hashmod': {
      // The last 8 bytes of the MD5 as a big-endian uint64, modulo the modulus: the same shard as Prometheus picks.
      const digest = md5(val);
      const tail = new DataView(digest.buffer).getBigUint64(8, false);
      lb.set(cfg.targetLabel, (tail % BigInt(cfg.modulus)).toString());
      return true;
    }
    case 'labelmap':
      // Over a snapshot, like labels.Builder.Range: a label written by this rule is not mapped again.
      for (const { name, value } of lb.labels()) {
        const match = re.submatch(name);
        if (match) lb.set(expand(cfg.replacement, match), value);
      }
      return true;
    case 'labeldrop':
      for (const name of lb.names()) if (re.matches(name)) lb.del(name);
      return true;
    case 'labelkeep':
      for (const name of lb.names()) if (!re.matches(name)) lb.del(name);
      return true;
  }
}

/** Prometheus 3 label names are UTF-8: any non-empty, well-formed string is valid. */
export function isValidLabelName(name: string): boolean {
  return name !== '' && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(name);
}
