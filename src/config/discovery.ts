// Service-discovery sections of a scrape config or an alertmanager config: static_configs, file_sd_configs and
// dns_sd_configs, read and validated like Prometheus' discovery packages.

import type { Node } from 'yaml';
import type { Decoder, Field } from './decode.ts';
import { checkLabel, durationField, resolvePath } from './fields.ts';
import type { DNSSDConfig, FileSDConfig, StaticConfig } from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DEFAULT_DNS_SD = { type: 'SRV', refreshInterval: 30 * SECOND } as const;
const DEFAULT_FILE_SD_REFRESH = 5 * MINUTE;
// file.go's patFileSDName: a `*` only in the last path element.
const FILE_SD_PATH = /^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/;

// Go type names as yaml.v2 prints them in "field x not found in type T" and type errors.
const GO_TARGET_GROUP = 'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }';
const GO_DNS_SD = 'dns.plain';
const GO_FILE_SD = 'file.plain';

/** A list of service-discovery sections; null entries fail like discovery.readConfigs. */
export function sections<T>(
  d: Decoder,
  field: Field | undefined,
  goType: string,
  key: string,
  read: (d: Decoder, node: Node) => T | undefined,
): T[] {
  const out: T[] = [];
  for (const item of (field && d.items(field.value, goType)) ?? []) {
    if (d.isNull(item)) {
      d.fail(item ?? field!.key, `empty or null section in ${key}`);
      continue;
    }
    const section = read(d, item!);
    if (section) out.push(section);
  }
  return out;
}

export function readStaticConfig(d: Decoder, node: Node): StaticConfig | undefined {
  const f = d.fields(node, GO_TARGET_GROUP, ['targets', 'labels'], []);
  if (!f) return undefined;
  const targets: string[] = [];
  for (const [item, target] of d.stringList(f.get('targets')?.value ?? null) ?? []) {
    // config.CheckTargetAddress: a URL (scheme or path) where a host:port belongs.
    if (target.includes('/')) d.fail(item, `${JSON.stringify(target)} is not a valid hostname`);
    else targets.push(target);
  }
  const labels: Record<string, string> = {};
  for (const [key, name, value] of d.stringMap(f.get('labels')?.value ?? null, 'model.LabelSet', 'model.LabelValue')) {
    if (checkLabel(d, key, name, value)) labels[name] = value;
  }
  return { targets, labels };
}

export function readFileSDConfig(d: Decoder, node: Node): FileSDConfig | undefined {
  const f = d.fields(node, GO_FILE_SD, ['files', 'refresh_interval'], []);
  if (!f) return undefined;
  const files: string[] = [];
  const items = d.stringList(f.get('files')?.value ?? null) ?? [];
  if (items.length === 0) d.fail(node, 'file service discovery config must contain at least one path name');
  for (const [item, path] of items) {
    if (FILE_SD_PATH.test(path)) files.push(resolvePath(path));
    else d.fail(item, `path name ${JSON.stringify(path)} is not valid for file discovery`);
  }
  const refreshInterval = f.has('refresh_interval') ? durationField(d, f, 'refresh_interval') : DEFAULT_FILE_SD_REFRESH;
  return { files, refreshInterval };
}

export function readDNSSDConfig(d: Decoder, node: Node): DNSSDConfig | undefined {
  const f = d.fields(node, GO_DNS_SD, ['names', 'refresh_interval', 'type', 'port'], []);
  if (!f) return undefined;
  const names = (d.stringList(f.get('names')?.value ?? null) ?? []).map(([, name]) => name);
  if (names.length === 0) {
    d.fail(node, 'DNS-SD config must contain at least one SRV record name');
  }
  const typeField = f.get('type');
  const written = typeField ? d.string(typeField.value) : DEFAULT_DNS_SD.type;
  const port = d.int(f.get('port')?.value ?? null);
  const refreshInterval = f.has('refresh_interval') ? durationField(d, f, 'refresh_interval') : DEFAULT_DNS_SD.refreshInterval;
  if (written === undefined || port === undefined) return undefined;
  const typeNode = typeField?.value ?? typeField?.key ?? node;
  const type = written.toUpperCase();
  switch (type) {
    case 'SRV':
      // The port is ignored for SRV records: they carry their own.
      return { names, type, port, refreshInterval };
    case 'A':
    case 'AAAA':
      if (port === 0) {
        d.fail(f.get('port')?.value ?? node, 'a port is required in DNS-SD configs for all record types except SRV');
      }
      return { names, type, port, refreshInterval };
    case 'MX':
    case 'NS':
      d.fail(typeNode, `DNS-SD records type ${written} is not supported by promlab`);
      return undefined;
    default:
      d.fail(typeNode, `invalid DNS-SD records type ${written}`);
      return undefined;
  }
}
