// Importing a prometheus.yml from a real setup: every part the playground cannot simulate is taken out and
// listed (path, line:col of the original text, why), never dropped silently. The rest of the document — its
// comments, key order and styles — is kept through the yaml Document API, then loaded like any config.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { UNSIMULATED_ALERTMANAGER, UNSIMULATED_GLOBAL, UNSIMULATED_SCRAPE, UNSIMULATED_TOP, loadConfig } from './load.ts';
import type { ConfigError, ConfigResult } from './types.ts';

/**
 * Why a part was removed: `section` a top-level section, `setting` a field, `discovery` a service discovery
 * the playground has no backend for, `http` an HTTP client setting, `job` / `alertmanager` an entry left
 * with no way to find its targets once its discovery was removed.
 */
export type RemovedKind = 'section' | 'setting' | 'discovery' | 'http' | 'job' | 'alertmanager';

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
  | { ok: true; text: string; removed: RemovedPart[]; result: ConfigResult };

// Service discovery the playground does simulate, per section.
const SCRAPE_DISCOVERY = ['static_configs', 'dns_sd_configs', 'file_sd_configs'];
const ALERTMANAGER_DISCOVERY = ['static_configs'];
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
      return false;
    });
    return names;
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
      if (gone.length === 0 || map.items.some((p) => supported.includes(keyName(p) ?? ''))) return true;
      const jobName = map.get('job_name');
      const name = kind === 'job' && typeof jobName === 'string' ? jobName : '';
      const lost = gone.join(', ');
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
    if (isMap(global)) trim(global, 'global.', UNSIMULATED_GLOBAL);
    const alerting = resolve(doc, root.get('alerting', true) as Node | null);
    if (isMap(alerting)) {
      trimList(resolve(doc, alerting.get('alertmanagers', true) as Node | null), 'alerting.alertmanagers', UNSIMULATED_ALERTMANAGER, ALERTMANAGER_DISCOVERY, 'alertmanager');
    }
    trimList(resolve(doc, root.get('scrape_configs', true) as Node | null), 'scrape_configs', UNSIMULATED_SCRAPE, SCRAPE_DISCOVERY, 'job');
  }
  // In document order; an entry before the fields of it that were removed.
  removed.sort((a, b) => a.line - b.line || a.col - b.col || a.path.length - b.path.length);
  // Nothing to take out: the text stays exactly as pasted.
  const trimmed = removed.length === 0 ? text : doc.toString({ lineWidth: 0 });
  return { ok: true, text: trimmed, removed, result: loadConfig(trimmed) };
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
        prefix.startsWith('alerting') ? 'static_configs' : SCRAPE_DISCOVERY.join(', ')
      })`;
    case 'http':
      return `${name} is not supported by promlab: the simulated apps are scraped over plain HTTP, without authentication, TLS or proxies`;
    default:
      return `field ${name} is not supported by promlab`;
  }
}
