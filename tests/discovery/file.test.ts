import { describe, expect, it } from 'vitest';
import { DNSDiscoverer } from '../../src/discovery/dns.ts';
import { FileDiscoverer, FileSDError, readTargetFile } from '../../src/discovery/file.ts';
import { Files } from '../../src/files/files.ts';
import { thrown } from '../thrown.ts';

describe('file_sd target files', () => {
  it('reads JSON and YAML lists of target groups, adding __meta_filepath', () => {
    const json = readTargetFile('/t/a.json', '[{"targets": ["h1:80", "h2:80"], "labels": {"env": "lab"}}, {"targets": []}]');
    expect(json).toEqual([
      { source: '/t/a.json:0', targets: [{ __address__: 'h1:80' }, { __address__: 'h2:80' }], labels: { __meta_filepath: '/t/a.json', env: 'lab' } },
      { source: '/t/a.json:1', targets: [], labels: { __meta_filepath: '/t/a.json' } },
    ]);
    const yaml = readTargetFile('/t/b.yml', '- targets:\n    - h3:9100\n  labels:\n    team: db\n');
    expect(yaml[0]).toMatchObject({ targets: [{ __address__: 'h3:9100' }], labels: { team: 'db' } });
    expect(readTargetFile('/t/empty.yml', '')).toEqual([]);
  });

  it.each([
    ['[{"targets": "h1"}]', 1, 14, '"targets" must be a list of host:port strings'],
    ['[{"targets": ["http://h1/metrics"]}]', 1, 15, '"http://h1/metrics" is not a valid hostname'],
    ['- targets: [h1]\n  labels: {a: [1]}\n', 2, 15, 'the value of label "a" must be a string'],
    ['{"targets": []}', 1, 1, 'expected a list of target groups'],
    ['[{"targets": [}', 1, 15, 'Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('rejects %j at %i:%i', (text, line, col, reason) => {
    const err = thrown(() => readTargetFile('/t/x.json', text));
    expect(err).toBeInstanceOf(FileSDError);
    expect(err).toMatchObject({ line, col, reason });
  });

  it('globs only the last path element and calls back when a matching file changes', async () => {
    const files = new Files({ '/etc/prometheus/targets/a.json': '[{"targets": ["a"]}]', '/etc/prometheus/other/b.json': '[]' });
    const d = new FileDiscoverer({ files: ['/etc/prometheus/targets/*.json'], refreshInterval: 300_000 }, files);
    expect((await d.refresh()).map((g) => g.source)).toEqual(['/etc/prometheus/targets/a.json:0']);
    const changes: number[] = [];
    const stop = d.watch(() => changes.push(1));
    files.write('/etc/prometheus/other/b.json', '[{"targets": ["x"]}]');
    files.write('/etc/prometheus/targets/c.json', '[{"targets": ["c"]}]');
    files.remove('/etc/prometheus/targets/a.json');
    stop();
    files.write('/etc/prometheus/targets/d.json', '[]');
    expect(changes).toHaveLength(2);
    expect((await d.refresh()).map((g) => g.targets[0].__address__)).toEqual(['c']);
  });
});

describe('dns_sd_configs record types', () => {
  const resolver = {
    lookupA: async () => ['172.20.0.6'],
    lookupAAAA: async () => ['fd00::6'],
    lookupSRV: async () => [{ target: 'node1.example.', port: 9100 }],
  };
  const run = (type: 'A' | 'AAAA' | 'SRV') => new DNSDiscoverer({ names: ['svc'], type, port: 80, refreshInterval: 30_000 }, resolver).refresh();

  it('A and AAAA join the configured port (IPv6 in brackets); SRV uses the record port and target', async () => {
    expect((await run('A'))[0].targets).toEqual([{ __address__: '172.20.0.6:80', __meta_dns_name: 'svc' }]);
    expect((await run('AAAA'))[0].targets).toEqual([{ __address__: '[fd00::6]:80', __meta_dns_name: 'svc' }]);
    expect((await run('SRV'))[0].targets).toEqual([
      { __address__: 'node1.example:9100', __meta_dns_name: 'svc', __meta_dns_srv_record_target: 'node1.example', __meta_dns_srv_record_port: '9100' },
    ]);
  });

  it("finds no AAAA or SRV records on a resolver without them, like Docker's DNS on an IPv4 network", async () => {
    const v4 = { lookupA: async () => ['172.20.0.6'] };
    const d = new DNSDiscoverer({ names: ['svc'], type: 'SRV', port: 0, refreshInterval: 30_000 }, v4);
    expect((await d.refresh())[0].targets).toEqual([]);
  });
});
