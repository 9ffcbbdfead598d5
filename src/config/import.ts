// Importing a prometheus.yml from a real setup: every part the playground cannot simulate is taken out and
// listed (path, line:col of the original text, why), never dropped silently. The rest of the document — its
// comments, key order and styles — is kept through the yaml Document API, then loaded like any config.
import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { UNSIMULATED_ALERTMANAGER, UNSIMULATED_GLOBAL, UNSIMULATED_SCRAPE, UNSIMULATED_TOP, loadConfig } from './load.ts';
import type { ConfigError, ConfigResult } from './types.ts';

/**
 * Why a part was removed: `section` a top-level section, `setting` a field, `discovery` a service discovery
 * the playground has no backend for, `http` an HTTP client setting, `protocol` the PrometheusProto scrape
 * protocol (promlab parses the text formats only), `job` / `alertmanager` an entry left
 * with no way to find its targets once its discovery was removed.
 */
export type RemovedKind = 'section' | 'setting' | 'discovery' | 'http' | 'protocol' | 'job' | 'alertmanager';

export interface RemovedPart {
  /** Where it was, e.g. `scrape_configs[2].kubernetes_sd_configs`; indices are those of the pasted text. */
  path: string;
  /** 1-based position in the pasted text. */
  line: number;
  col: number;
  /** The field name, or for a job its job_name. */
  name: string;
  kind: RemovedKind;
  /** A sentence saying why. */
  what: string;
}

export type ImportResult =
  | { ok: false; errors: ConfigError[] }
  | {
      ok: true;
      /** The config with every removed part taken out. */
      text: string;
      removed: RemovedPart[];
      /** loadConfig of `text`; its error positions are in `text`. */
      result: ConfigResult;
      /** The same errors placed in the pasted text, where the learner can find them. */
      errors: ConfigError[];
    };

// The scrape protocol promlab has no parser for (config/load.ts refuses it).
const PROTO = 'PrometheusProto';
// Service discovery the playground does simulate, per section.
export const SCRAPE_DISCOVERY: readonly string[] = ['static_configs', 'dns_sd_configs', 'file_sd_configs'];
export const ALERTMANAGER_DISCOVERY: readonly string[] = ['static_configs'];
// Which of the unsimulated fields belong to the HTTP client (common/config.HTTPClientConfig and its neighbours).
const HTTP_FIELDS = new Set([
  'basic_auth', 'authorization', 'oauth2', 'tls_config', 'proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header',
  'follow_redirects', 'enable_http2', 'http_headers', 'enable_compression',
]);

/** Trims the unsimulated parts out of prometheus.yml text; YAML syntax errors come back with their line:col. */
export function importConfig(text: string): ImportResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ ...lines.linePos(e.pos[0]), message: `yaml: ${e.message}` })) };
  }
  const removed: RemovedPart[] = [];
  // Anchors inside removed parts: an alias kept elsewhere gets a copy of the node instead.
  const anchors = new Map<string, Node>();
  const forget = (node: unknown) => {
    if (!isNode(node)) return;
    visit(node, {
      Node(_, n) {
        if (n.anchor) anchors.set(n.anchor, n);
      },
    });
  };
  const at = (node: Node | null | undefined) => lines.linePos(node?.range?.[0] ?? 0);

  /** Removes the unsimulated keys of a mapping; returns the names removed. */
  function trim(map: YAMLMap, prefix: string, unsimulated: readonly string[], top = false): string[] {
    const names: string[] = [];
    map.items = map.items.filter((pair) => {
      const name = keyName(pair);
      if (name === undefined || !unsimulated.includes(name)) return true;
      const kind: RemovedKind = top ? 'section' : name.endsWith('_sd_configs') ? 'discovery' : HTTP_FIELDS.has(name) ? 'http' : 'setting';
      removed.push({ path: `${prefix}${name}`, ...at(pair.key as Node), name, kind, what: reason(kind, name, prefix) });
      names.push(name);
      forget(pair.value);
      return false;
    });
    return names;
  }

  /** Takes PrometheusProto out of scrape_protocols and fallback_scrape_protocol; a list left empty goes as a whole. */
  function dropProto(map: YAMLMap, prefix: string): void {
    const what = `scrape protocol ${PROTO} is not supported by promlab: it parses the text formats only`;
    const entry = (path: string, node: Node) => removed.push({ path, ...at(node), name: PROTO, kind: 'protocol', what });
    map.items = map.items.filter((pair) => {
      const field = keyName(pair);
      if (field !== 'scrape_protocols' && field !== 'fallback_scrape_protocol') return true;
      const value = resolve(doc, pair.value as Node | null);
      if (isScalar(value) && value.value === PROTO) {
        entry(`${prefix}${field}`, pair.key as Node);
        return false;
      }
      if (!isSeq(value)) return true;
      const proto = (item: unknown) => isScalar(item) && item.value === PROTO;
      if (value.items.length > 0 && value.items.every(proto)) {
        entry(`${prefix}${field}`, pair.key as Node);
        return false;
      }
      value.items.forEach((item, j) => proto(item) && entry(`${prefix}${field}[${j}]`, item as Node));
      value.items = value.items.filter((item) => !proto(item));
      return true;
    });
  }

  /** Trims each entry of a list of sections; drops entries whose only discovery was removed. */
  function trimList(
    seq: Node | null,
    path: string,
    unsimulated: readonly string[],
    supported: readonly string[],
    kind: 'job' | 'alertmanager',
  ): void {
    if (!isSeq(seq)) return;
    seq.items = seq.items.filter((item, i) => {
      const map = resolve(doc, item as Node);
      if (!isMap(map)) return true;
      const gone = trim(map, `${path}[${i}].`, unsimulated).filter((n) => n.endsWith('_sd_configs'));
      if (kind === 'job') dropProto(map, `${path}[${i}].`);
      if (gone.length === 0 || map.items.some((p) => supported.includes(keyName(p) ?? ''))) return true;
      const jobName = map.get('job_name');
      const name = kind === 'job' && typeof jobName === 'string' ? jobName : '';
      const lost = gone.join(', ');
      forget(map);
      removed.push({
        path: `${path}[${i}]`,
        ...at(map),
        name,
        kind,
        what:
          kind === 'job'
            ? `job ${JSON.stringify(name)} is removed: without ${lost} it has no way to find targets (promlab has ${SCRAPE_DISCOVERY.join(', ')})`
            : `this Alertmanager config is removed: without ${lost} it has no way to find Alertmanagers (promlab has static_configs)`,
      });
      return false;
    });
  }

  const root = resolve(doc, doc.contents);
  if (isMap(root)) {
    trim(root, '', UNSIMULATED_TOP, true);
    const global = resolve(doc, root.get('global', true) as Node | null);
    if (isMap(global)) {
      trim(global, 'global.', UNSIMULATED_GLOBAL);
      dropProto(global, 'global.');
    }
    const alerting = resolve(doc, root.get('alerting', true) as Node | null);
    if (isMap(alerting)) {
      trimList(resolve(doc, alerting.get('alertmanagers', true) as Node | null), 'alerting.alertmanagers', UNSIMULATED_ALERTMANAGER, ALERTMANAGER_DISCOVERY, 'alertmanager');
    }
    trimList(resolve(doc, root.get('scrape_configs', true) as Node | null), 'scrape_configs', UNSIMULATED_SCRAPE, SCRAPE_DISCOVERY, 'job');
  }
  // In document order; an entry before the fields of it that were removed.
  if (anchors.size > 0) {
    visit(doc, {
      Alias(_, alias) {
        const source = anchors.get(alias.source);
        if (!source) return undefined;
        anchors.delete(alias.source); // the copy keeps the anchor, so later aliases resolve to it
        return source.clone() as Node;
      },
    });
  }
  removed.sort((a, b) => a.line - b.line || a.col - b.col || a.path.length - b.path.length);
  // Nothing to take out: the text stays exactly as pasted.
  const trimmed = removed.length === 0 ? text : doc.toString({ lineWidth: 0 });
  const result = loadConfig(trimmed);
  const errors = result.ok ? [] : removed.length === 0 ? result.errors : placeInPasted(result.errors, trimmed, doc, lines);
  return { ok: true, text: trimmed, removed, result, errors };
}

/**
 * Moves error positions from the trimmed text to the pasted one: the trimmed text, parsed again, has the shape of
 * the trimmed Document whose nodes still carry their ranges in the pasted text, so the two are walked side by side
 * down to the node under the error.
 */
function placeInPasted(errors: ConfigError[], trimmed: string, doc: Document, lines: LineCounter): ConfigError[] {
  const again = parseDocument(trimmed, { version: '1.1', uniqueKeys: false });
  const starts = [0];
  for (let i = trimmed.indexOf('\n'); i >= 0; i = trimmed.indexOf('\n', i + 1)) starts.push(i + 1);
  return errors.map((e) => {
    const offset = (starts[e.line - 1] ?? 0) + e.col - 1;
    const [now, was] = deepest(again.contents, doc.contents, offset);
    if (!was?.range) return e;
    const inside = Math.min(Math.max(offset - (now?.range?.[0] ?? offset), 0), Math.max(was.range[1] - was.range[0] - 1, 0));
    return { ...lines.linePos(was.range[0] + inside), message: e.message };
  });
}

/** The deepest node of `now` containing `offset`, with its counterpart in `was`. */
function deepest(now: unknown, was: unknown, offset: number): [Node | null, Node | null] {
  let best: [Node | null, Node | null] = [null, null];
  const within = (n: Node | null) => n?.range !== undefined && n.range !== null && n.range[0] <= offset && offset < n.range[2];
  for (let [a, b] = [now as Node | null, was as Node | null]; a && b && within(a); ) {
    best = [a, b];
    let next: [Node | null, Node | null] | undefined;
    if (isMap(a) && isMap(b) && a.items.length === b.items.length) {
      for (const [i, p] of a.items.entries()) {
        const q = b.items[i];
        if (within(p.key as Node)) next = [p.key as Node, q.key as Node];
        else if (within(p.value as Node | null)) next = [p.value as Node, q.value as Node];
      }
    } else if (isSeq(a) && isSeq(b) && a.items.length === b.items.length) {
      for (const [i, n] of a.items.entries()) {
        if (within(n as Node)) next = [n as Node, b.items[i] as Node];
      }
    }
    if (!next) break;
    [a, b] = next;
  }
  return best;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function resolve(doc: Document, node: Node | null | undefined): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return node ?? null;
}

function reason(kind: RemovedKind, name: string, prefix: string): string {
  switch (kind) {
    case 'section':
      return `the ${name} section is not supported by promlab`;
    case 'discovery':
      return `${name} is not supported by promlab: it finds targets in a system the playground does not simulate (promlab has ${
        (prefix.startsWith('alerting') ? ALERTMANAGER_DISCOVERY : SCRAPE_DISCOVERY).join(', ')
      })`;
    case 'http':
      return `${name} is not supported by promlab: the simulated apps are scraped over plain HTTP, without authentication, TLS or proxies`;
    default:
      return `field ${name} is not supported by promlab`;
  }
}
