// relabel_configs, metric_relabel_configs and alert_relabel_configs sections: decoded and validated like
// Prometheus' relabel.Config.UnmarshalYAML, with the error at the rule (or field) that breaks it.

import type { Node } from 'yaml';
import type { Decoder, Field } from './decode.ts';
import { DEFAULT_RELABEL_CONFIG, RELABEL_ACTIONS, isValidLabelName, type RelabelAction, type RelabelConfig } from '../relabel/relabel.ts';
import { RegexpError, labelRegexp } from '../model/labels/regexp.ts';

const GO_RELABEL = 'relabel.plain';
const FIELDS = ['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action'];
// A target label with $1/${name} templates, as relabel.go's relabelTarget pattern allows for replace and labelmap.
const TEMPLATE_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

/** A list of rules; a null entry fails with `nullError`, Prometheus' message for that list. */
export function readRelabelConfigs(d: Decoder, field: Field | undefined, nullError: string): RelabelConfig[] {
  const out: RelabelConfig[] = [];
  for (const item of (field && d.items(field.value, '[]*relabel.Config')) ?? []) {
    if (d.isNull(item)) {
      d.fail(item ?? field!.key, nullError);
      continue;
    }
    const cfg = readRelabelConfig(d, item!);
    if (cfg) out.push(cfg);
  }
  return out;
}

function readRelabelConfig(d: Decoder, node: Node): RelabelConfig | undefined {
  // Any decoding error (an unknown field too) ends the rule before validation, as in Go's UnmarshalYAML.
  const errorsBefore = d.errors.length;
  const f = d.fields(node, GO_RELABEL, FIELDS, []);
  if (!f) return undefined;
  const str = (name: string, fallback: string) => (f.has(name) ? d.string(f.get(name)!.value) : fallback);

  const sourceLabels: string[] = [];
  for (const [item, name] of d.stringList(f.get('source_labels')?.value ?? null) ?? []) {
    if (isValidLabelName(name)) sourceLabels.push(name);
    else d.fail(item, `${JSON.stringify(name)} is not a valid label name`);
  }
  const actionText = str('action', DEFAULT_RELABEL_CONFIG.action);
  const action = RELABEL_ACTIONS.find((a) => a === actionText?.toLowerCase());
  if (actionText !== undefined && !action) d.fail(f.get('action')!.value!, `unknown relabel action ${JSON.stringify(actionText)}`);
  // An explicit null regex is the empty regex, which matches only the empty string.
  const regexField = f.get('regex');
  const regex = regexField ? (d.string(regexField.value) ?? '') : DEFAULT_RELABEL_CONFIG.regex;
  try {
    labelRegexp(regex);
  } catch (err) {
    if (!(err instanceof RegexpError)) throw err;
    d.fail(regexField!.value ?? regexField!.key, err.message);
  }
  const cfg: RelabelConfig = {
    action: action ?? 'replace',
    sourceLabels,
    separator: str('separator', DEFAULT_RELABEL_CONFIG.separator) ?? '',
    regex,
    modulus: d.uint(f.get('modulus')?.value ?? null, 'uint64') ?? 0,
    targetLabel: str('target_label', DEFAULT_RELABEL_CONFIG.targetLabel) ?? '',
    replacement: str('replacement', DEFAULT_RELABEL_CONFIG.replacement) ?? '',
  };
  if (d.errors.length > errorsBefore) return undefined;
  const problem = validate(cfg, f);
  if (problem) {
    d.fail(node, problem);
    return undefined;
  }
  return cfg;
}

/** relabel.Config.Validate: the first problem, in Prometheus' order and words. */
function validate(c: RelabelConfig, f: Map<string, Field>): string | undefined {
  const a: RelabelAction = c.action;
  const d = DEFAULT_RELABEL_CONFIG;
  const needsTarget = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(a);
  const caseOrEqual = ['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(a);
  const invalidTarget = `${JSON.stringify(c.targetLabel)} is invalid 'target_label' for ${a} action`;
  if (a === 'hashmod' && c.modulus === 0) return 'relabel configuration for hashmod requires non-zero modulus';
  if (needsTarget && c.targetLabel === '') return `relabel configuration for ${a} action requires 'target_label' value`;
  if (a === 'replace' && !c.targetLabel.includes('$') && !isValidLabelName(c.targetLabel)) return invalidTarget;
  if (a === 'replace' && c.targetLabel.includes('$') && !TEMPLATE_TARGET.test(c.targetLabel)) return invalidTarget;
  if (caseOrEqual && !isValidLabelName(c.targetLabel)) return invalidTarget;
  if (caseOrEqual && c.replacement !== d.replacement) return `'replacement' can not be set for ${a} action`;
  if (a === 'labelmap' && !TEMPLATE_TARGET.test(c.replacement)) {
    return `${JSON.stringify(c.replacement)} is invalid 'replacement' for ${a} action`;
  }
  if (a === 'hashmod' && !isValidLabelName(c.targetLabel)) return invalidTarget;
  // Prometheus compares the regex by identity with the default one, so any regex written out counts as set.
  if (
    (a === 'keepequal' || a === 'dropequal') &&
    (f.has('regex') || c.modulus !== d.modulus || c.separator !== d.separator || c.replacement !== d.replacement)
  ) {
    return `${a} action requires only 'source_labels' and \`target_label\`, and no other fields`;
  }
  if (
    (a === 'labeldrop' || a === 'labelkeep') &&
    (f.has('source_labels') || c.targetLabel !== d.targetLabel || c.modulus !== d.modulus || c.separator !== d.separator ||
      c.replacement !== d.replacement)
  ) {
    return `${a} action requires only 'regex', and no other fields`;
  }
  return undefined;
}
