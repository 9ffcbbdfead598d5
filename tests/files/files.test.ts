import { describe, expect, it } from 'vitest';
import { Files } from '../../src/files/files.ts';

describe('files', () => {
  it('tells watchers about writes that change a file, and globs within a folder', () => {
    const files = new Files({ '/etc/prometheus/targets/a.json': '[]' });
    const seen: string[] = [];
    files.watch((p) => seen.push(p));
    files.write('/etc/prometheus/targets/a.json', '[]');
    files.write('/etc/prometheus/targets/b.yml', '- targets: []');
    files.write('/etc/prometheus/rules.yml', 'groups: []');
    expect(seen).toEqual(['/etc/prometheus/targets/b.yml', '/etc/prometheus/rules.yml']);
    expect(files.glob('/etc/prometheus/targets/*.json')).toEqual(['/etc/prometheus/targets/a.json']);
    expect(files.glob('/etc/prometheus/targets/*')).toHaveLength(2);
    files.remove('/etc/prometheus/rules.yml');
    expect(files.read('/etc/prometheus/rules.yml')).toBeUndefined();
  });
});
