import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from '../../src/config/default.ts';
import { loadConfig } from '../../src/config/load.ts';
import { effectiveConfigYaml } from '../../src/config/effective.ts';

function effective(text: string): string {
  const loaded = loadConfig(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return effectiveConfigYaml(loaded.config);
}

describe('the running config with defaults, as Prometheus prints it', () => {
  it('fills in what the chapter config leaves out', () => {
    const out = effective(DEFAULT_CONFIG_YAML);
    expect(out).toMatch(/^global:\n  scrape_interval: 10s\n  scrape_timeout: 10s\n/);
    expect(out).toContain('  evaluation_interval: 1m\n');
    expect(out).toContain('- job_name: image-gallery\n  honor_timestamps: true\n');
    expect(out).toContain('  scrape_interval: 3s\n  scrape_timeout: 3s\n');
    expect(out).toContain('  dns_sd_configs:\n  - names:\n    - accesslog\n    refresh_interval: 30s\n    type: A\n    port: 80\n');
    expect(out).toContain('  scheme: http\n');
    expect(out).not.toContain('sample_limit');
  });

  it('loads back to the same config', () => {
    const withRules = `${DEFAULT_CONFIG_YAML}    relabel_configs:\n      - source_labels: [__address__]\n        regex: "(.*):80"\n        target_label: host\n`;
    const first = loadConfig(withRules);
    const again = loadConfig(effective(withRules));
    if (!first.ok || !again.ok) throw new Error('config does not load');
    expect(again.config).toEqual(first.config);
    expect(effective(withRules)).toContain('  relabel_configs:\n  - source_labels:\n    - __address__\n    separator: ;\n    regex: (.*):80\n');
  });
});
