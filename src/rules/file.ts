// A rule file (model/rulefmt): groups of recording and alerting rules, parsed and validated like
// `promtool check rules`, every error with the line:col of the YAML node it is about.

import { LineCounter, parseDocument, type Node } from 'yaml';
import { Decoder } from '../config/decode.ts';
import { parseExpr, PromQLError, type Expr } from '../promql/index.ts';
import { parseTemplate, TemplateError } from '../template/index.ts';
import type { GroupDef, RuleDef } from './def.ts';
import { RULE_TEMPLATE_FUNCS, templatePrelude } from './template.ts';

export interface RuleFileError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export type RuleFileResult = { ok: true; groups: GroupDef[] } | { ok: false; errors: RuleFileError[] };

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Parses one rule file's text. `file` names it in errors. */
export function loadRuleFile(file: string, text: string): RuleFileResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: '1.1', uniqueKeys: false, prettyErrors: false });
  const fail = (errors: { line: number; col: number; message: string }[]): RuleFileResult => ({
    ok: false,
    errors: errors.map((e) => ({ file, ...e })).sort((a, b) => a.line - b.line || a.col - b.col),
  });
  if (doc.errors.length > 0) return fail(doc.errors.map((e) => ({ ...lines.linePos(e.pos[0]), message: `yaml: ${e.message}` })));
  const d = new Decoder(doc, lines);
  const groups: GroupDef[] = [];
  const top = d.fields(d.resolve(doc.contents), 'rulefmt.RuleGroups', ['groups'], []);
  const names = new Set<string>();
  const groupsField = top?.get('groups');
  for (const node of (groupsField && d.items(groupsField.value, '[]rulefmt.RuleGroupNode')) ?? []) {
    if (!node) continue;
    const g = readGroup(d, node, file);
    if (!g) continue;
    if (names.has(g.name)) d.fail(node, `groupname: "${g.name}" is repeated in the same file`);
    names.add(g.name);
    groups.push(g);
  }
  if (d.errors.length > 0) return fail(d.errors);
  return { ok: true, groups };
}

function readGroup(d: Decoder, node: Node, file: string): GroupDef | null {
  const f = d.fields(node, 'rulefmt.RuleGroupNode', ['name', 'interval', 'query_offset', 'limit', 'labels', 'rules'], []);
  if (!f) return null;
  const name = d.string(f.get('name')?.value ?? null) ?? '';
  if (name === '') d.fail(f.get('name')?.key ?? node, 'Groupname must not be empty');
  const intervalMs = d.duration(f.get('interval')?.value ?? null) ?? 0;
  const limit = d.int(f.get('limit')?.value ?? null) ?? 0;
  const queryOffsetMs = d.duration(f.get('query_offset')?.value ?? null) ?? 0;
  const groupLabels = readMap(d, f.get('labels')?.value ?? null, 'label', (at, msg) => d.fail(at, `group "${name}": ${msg}`));
  const rules: RuleDef[] = [];
  const rulesField = f.get('rules');
  const items = (rulesField && d.items(rulesField.value, '[]rulefmt.RuleNode')) ?? [];
  items.forEach((item, i) => {
    if (!item) return;
    const r = readRule(d, item, { group: name, index: i + 1 });
    // The group's labels go on every rule; a rule's own label of the same name wins.
    if (r) rules.push({ ...r, labels: { ...groupLabels, ...r.labels } });
  });
  return { name, file, intervalMs, limit, queryOffsetMs, rules };
}

interface RuleCtx {
  group: string;
  index: number;
}

function readRule(d: Decoder, node: Node, ctx: RuleCtx): RuleDef | null {
  const f = d.fields(node, 'rulefmt.RuleNode', ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'], []);
  if (!f) return null;
  const record = f.has('record') ? (d.string(f.get('record')!.value) ?? '') : '';
  const alert = f.has('alert') ? (d.string(f.get('alert')!.value) ?? '') : '';
  const name = record || alert;
  // rulefmt's WrappedError: which group and rule an error belongs to.
  const fail = (at: Node, msg: string) => d.fail(at, `group "${ctx.group}", rule ${ctx.index}, "${name}": ${msg}`);
  // promtool places rule errors at the record (or alert) name.
  const nameNode = f.get('record')?.value ?? f.get('alert')?.value ?? node;
  if (record && alert) fail(nameNode, "only one of 'record' and 'alert' must be set");
  if (!record && !alert) fail(node, "one of 'record' or 'alert' must be set");
  const exprField = f.get('expr');
  const exprText = exprField ? (d.string(exprField.value) ?? '') : '';
  let expr: Expr | null = null;
  if (exprText.trim() === '') fail(exprField?.value ?? node, "field 'expr' must be set in rule");
  else {
    try {
      expr = parseExpr(exprText);
    } catch (err) {
      if (!(err instanceof PromQLError)) throw err;
      // Like promtool: at the expression's node; the message says where in the expression (1:col).
      fail(exprField!.value!, `could not parse expression: ${err.message}`);
    }
  }
  const forMs = d.duration(f.get('for')?.value ?? null) ?? 0;
  const keepFiringForMs = d.duration(f.get('keep_firing_for')?.value ?? null) ?? 0;
  const labels = readMap(d, f.get('labels')?.value ?? null, 'label', fail);
  const annotations = readMap(d, f.get('annotations')?.value ?? null, 'annotation', fail);
  if (record) {
    for (const key of ['annotations', 'for', 'keep_firing_for'] as const) {
      if (f.has(key)) fail(nameNode, `invalid field '${key}' in recording rule`);
    }
    if (!METRIC_NAME_RE.test(record)) fail(nameNode, `invalid recording rule name: ${record}`);
  }
  if (alert) {
    // Prometheus parses every label and annotation template at load time.
    for (const [kind, map] of [['label', labels], ['annotation', annotations]] as const) {
      for (const [k, v] of Object.entries(map)) {
        try {
          parseTemplate(`__alert_${alert}`, templatePrelude + v, RULE_TEMPLATE_FUNCS);
        } catch (err) {
          if (!(err instanceof TemplateError)) throw err;
          fail(f.get(kind === 'label' ? 'labels' : 'annotations')!.value!, `${kind} ${JSON.stringify(k)}: ${err.message}`);
        }
      }
    }
  }
  if (!expr) return null;
  return { kind: record ? 'recording' : 'alerting', name, exprText, expr, forMs, keepFiringForMs, labels, annotations };
}

function readMap(d: Decoder, node: Node | null, what: 'label' | 'annotation', fail: (at: Node, msg: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name, value] of d.stringMap(node, 'map[string]string', 'string')) {
    if (!LABEL_NAME_RE.test(name) || (what === 'label' && name === '__name__')) fail(key, `invalid ${what} name: ${name}`);
    else out[name] = value;
  }
  return out;
}
