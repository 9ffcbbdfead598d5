import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { Files } from '../../src/files/files.ts';
import { checkFile, fileRoles } from '../../src/ui/config/files.ts';

const CONFIG = `rule_files:
  - rules/*.yml
scrape_configs:
  - job_name: "file-targets"
    file_sd_configs:
      - files: ["targets/*.json"]
`;

describe('Config page files', () => {
  const loaded = loadConfig(CONFIG);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const files = new Files({
    '/etc/prometheus/rules/a.yml': 'groups: []\n',
    '/etc/prometheus/targets/web.json': '[]',
    '/etc/prometheus/notes.txt': '',
  });

  it('tells which files the running config reads, and as what', () => {
    const roles = fileRoles(loaded.config, files);
    expect([...roles]).toEqual([
      ['/etc/prometheus/rules/a.yml', [{ kind: 'rules' }]],
      ['/etc/prometheus/targets/web.json', [{ kind: 'file_sd', job: 'file-targets' }]],
    ]);
  });

  it('checks a rule file and points at the error', () => {
    const bad = 'groups:\n  - name: g\n    rules:\n      - record: "bad name"\n        expr: up\n';
    const errors = checkFile('/etc/prometheus/rules/a.yml', bad, [{ kind: 'rules' }]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].line).toBe(4);
    expect(checkFile('/etc/prometheus/rules/a.yml', 'groups: []\n', [{ kind: 'rules' }])).toEqual([]);
    expect(checkFile('/etc/prometheus/notes.txt', 'anything: [', [])).toEqual([]);
  });

  it('checks a file_sd target file as discovery reads it', () => {
    const role = [{ kind: 'file_sd', job: 'file-targets' } as const];
    expect(checkFile('/etc/prometheus/targets/web.json', '[{"targets": ["iotd"]}]', role)).toEqual([]);
    const errors = checkFile('/etc/prometheus/targets/web.json', '[\n  {"targets": "iotd"}\n]', role);
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(2);
  });
});
