// The exported bundle is what real tools accept: Debian's promtool checks its config and rule files, amtool its
// alertmanager.yml, and docker-compose.yml validates against the Compose Specification's JSON schema (vendored).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERTMANAGER_YAML } from '../../src/alertmanager/default.ts';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { loadConfig } from '../../src/config/load.ts';
import { defaultDashboard } from '../../src/dashboard/default.ts';
import { exportDashboard } from '../../src/dashboard/json.ts';
import { exportBundle, zipBundle, type ExportInput } from '../../src/export/bundle.ts';
import { storedDashboards } from '../../src/export/dashboards.ts';
import { saveDashboard } from '../../src/dashboard/storage.ts';
import { MemoryStore } from '../../src/kvstore/store.ts';
import { DEFAULT_RULES_PATH, DEFAULT_RULES_YAML } from '../../src/rules/default.ts';

const PROMTOOL = '/usr/bin/promtool';
const promtoolMissing = !existsSync(PROMTOOL);
if (promtoolMissing && process.env.CI) throw new Error(`${PROMTOOL} is missing in CI: .ci/run installs Debian's prometheus package`);
if (promtoolMissing) console.warn(`skipping promtool checks: ${PROMTOOL} not found (apt-get install -y prometheus)`);
const AMTOOL = '/usr/bin/amtool';
const amtoolMissing = !existsSync(AMTOOL);
if (amtoolMissing && process.env.CI) throw new Error(`${AMTOOL} is missing in CI: .ci/run installs Debian's prometheus-alertmanager package`);
if (amtoolMissing) console.warn(`skipping amtool checks: ${AMTOOL} not found (apt-get install -y prometheus-alertmanager)`);

// The schema declares draft 2019-09 by its old URL (http, trailing #), which Ajv2019 applies by default; and it labels
// sub-schemas with draft-04's `id` (their own JSON pointers, never referenced), which Ajv refuses: both are dropped.
const withoutIds = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(withoutIds) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutIds(v)])) : x;
const { $schema: _draft, ...composeSchema } = withoutIds(JSON.parse(readFileSync(new URL('./vendor/compose-spec.json', import.meta.url), 'utf8'))) as Record<string, unknown>;
const validateCompose = new Ajv2019({ strict: false, allErrors: true }).compile(composeSchema);

const CONFIG = `${DEFAULT_CONFIG_YAML}rule_files:
  - rules/*.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ["alertmanager:9093"]
`;

function input(): ExportInput {
  return {
    config: CONFIG,
    files: [
      { path: DEFAULT_RULES_PATH, text: DEFAULT_RULES_YAML },
      { path: '/etc/prometheus/targets/extra.json', text: '[{"targets": ["iotd"], "labels": {"team": "api"}}]' },
      { path: '/tmp/scratch.yml', text: 'x: 1' },
    ],
    dashboards: [{ title: 'Image Gallery', json: exportDashboard(defaultDashboard()) }],
    accesslogReplicas: 3,
    alertmanagerConfig: DEFAULT_ALERTMANAGER_YAML,
  };
}

/** Unzips into a fresh folder and returns its path. */
function unzipped(zip: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'promlab-export-'));
  for (const [path, data] of Object.entries(unzipSync(zip))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return join(dir, 'promlab-export');
}

describe('export bundle', () => {
  it('holds compose, the running config, the mounted files, Grafana provisioning and a README', () => {
    expect(loadConfig(CONFIG).ok).toBe(true);
    const bundle = exportBundle(input());
    expect([...bundle.entries.keys()].sort()).toEqual([
      'README.md',
      'alertmanager/alertmanager.yml',
      'docker-compose.yml',
      'grafana/dashboards/image-gallery.json',
      'grafana/provisioning/dashboards/dashboard-provider.yaml',
      'grafana/provisioning/datasources/datasource-prometheus.yaml',
      'prometheus/prometheus.yml',
      'prometheus/rules/image-gallery.yml',
      'prometheus/targets/extra.json',
    ]);
    expect(bundle.skipped).toEqual(['/tmp/scratch.yml']);
    const compose = parse(bundle.entries.get('docker-compose.yml')!);
    expect(compose.services.accesslog.deploy.replicas).toBe(3);
    expect(compose.services['image-gallery'].ports).toEqual(['8010:80']);
    expect(compose.services.iotd.image).toBe('diamol/ch09-image-of-the-day');
    const dashboard = JSON.parse(bundle.entries.get('grafana/dashboards/image-gallery.json')!);
    expect(dashboard.title).toBe('Image Gallery');
  });

  it('runs the Alertmanager prometheus.yml sends to: the running alertmanager.yml and its service, whenever alerting.alertmanagers is set', () => {
    const bundle = exportBundle(input());
    expect(bundle.entries.get('alertmanager/alertmanager.yml')).toBe(DEFAULT_ALERTMANAGER_YAML);
    const compose = parse(bundle.entries.get('docker-compose.yml')!);
    expect(compose.services.alertmanager).toEqual({ image: 'prom/alertmanager:v0.28.1', ports: ['9093:9093'], volumes: ['./alertmanager:/etc/alertmanager:ro'] });
    const readme = bundle.entries.get('README.md')!;
    expect(readme).toContain('accesslog runs 3 replica(s)');
    expect(readme).toContain('Alertmanager http://localhost:9093');
    expect(readme).toContain('- `alertmanager/alertmanager.yml`');

    // Without alerting, no Alertmanager to run.
    const quiet = exportBundle({ ...input(), config: DEFAULT_CONFIG_YAML });
    expect(quiet.entries.has('alertmanager/alertmanager.yml')).toBe(false);
    expect(parse(quiet.entries.get('docker-compose.yml')!).services.alertmanager).toBeUndefined();
  });

  it('writes a docker-compose.yml the Compose Specification schema accepts, with or without Alertmanager', () => {
    for (const config of [CONFIG, DEFAULT_CONFIG_YAML]) {
      const compose = parse(exportBundle({ ...input(), config }).entries.get('docker-compose.yml')!);
      expect(validateCompose(compose), JSON.stringify(validateCompose.errors)).toBe(true);
    }
    // The schema does reject what Compose rejects.
    expect(validateCompose({ services: { web: { image: 'x', ports: 80, restart: 'sometimes', bogus: 1 } } })).toBe(false);
  });

  it.skipIf(amtoolMissing)("passes Debian's amtool check-config", () => {
    const dir = unzipped(zipBundle(exportBundle(input())));
    const out = execFileSync(AMTOOL, ['check-config', join(dir, 'alertmanager/alertmanager.yml')], { encoding: 'utf8' });
    expect(out).toMatch(/SUCCESS/);
    expect(() => execFileSync(AMTOOL, ['check-config', join(dir, 'prometheus/prometheus.yml')], { encoding: 'utf8', stdio: 'pipe' })).toThrow();
  });

  it('is the same zip every time for the same input', () => {
    expect(zipBundle(exportBundle(input()))).toEqual(zipBundle(exportBundle(input())));
    const entries = unzipSync(zipBundle(exportBundle(input())));
    expect(strFromU8(entries['promlab-export/prometheus/prometheus.yml'])).toBe(CONFIG);
  });

  it.skipIf(promtoolMissing)("passes Debian's promtool check config and check rules", () => {
    const dir = unzipped(zipBundle(exportBundle(input())));
    const config = execFileSync(PROMTOOL, ['check', 'config', join(dir, 'prometheus/prometheus.yml')], { encoding: 'utf8' });
    // check config follows rule_files relative to the config, so the rule file is checked here too.
    expect(config).toMatch(/SUCCESS: 1 rule files found/);
    const rules = execFileSync(PROMTOOL, ['check', 'rules', join(dir, 'prometheus/rules/image-gallery.yml')], { encoding: 'utf8' });
    expect(rules).toMatch(/SUCCESS: 8 rules found/);
  });
});

describe('dashboards of the bundle', () => {
  it("are the book's dashboard and every saved one, as Grafana JSON", async () => {
    const store = new MemoryStore();
    expect((await storedDashboards(store)).map((d) => d.title)).toEqual(['Image Gallery']);
    await saveDashboard(store, { ...defaultDashboard(), uid: 'mine', title: 'My board' });
    const out = await storedDashboards(store);
    expect(out.map((d) => d.title)).toEqual(['Image Gallery', 'My board']);
    expect(JSON.parse(out[1].json).uid).toBe('mine');
  });
});
