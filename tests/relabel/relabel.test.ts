import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { labelsFromRecord, labelsToRecord } from '../../src/model/labels/labels.ts';
import { md5 } from '../../src/model/hash/md5.ts';
import { DEFAULT_RELABEL_CONFIG, relabel, relabelSteps, type RelabelConfig } from '../../src/relabel/relabel.ts';

const rule = (over: Partial<RelabelConfig>): RelabelConfig => ({ ...DEFAULT_RELABEL_CONFIG, ...over });
const run = (labels: Record<string, string>, ...cfgs: Partial<RelabelConfig>[]) => {
  const out = relabel(labelsFromRecord(labels), cfgs.map(rule));
  return out === null ? null : labelsToRecord(out);
};

describe('relabel: replace', () => {
  it('copies a value with the default regex and replacement', () => {
    expect(run({ a: 'foo' }, { sourceLabels: ['a'], targetLabel: 'b' })).toEqual({ a: 'foo', b: 'foo' });
  });

  it('joins source labels with the separator and expands ${n} groups', () => {
    const out = run({ a: 'foo', b: 'bar' }, { sourceLabels: ['a', 'b'], regex: 'f(.*);(.*)r', targetLabel: 'a', replacement: 'b${1}${2}m' });
    expect(out).toEqual({ a: 'boobam', b: 'bar' });
  });

  it('is anchored: a regex matching only part of the value does nothing', () => {
    expect(run({ a: 'foo' }, { sourceLabels: ['a'], regex: 'o+', targetLabel: 'b', replacement: 'x' })).toEqual({ a: 'foo' });
    expect(run({ a: 'foo' }, { sourceLabels: ['a'], regex: 'fo+', targetLabel: 'b', replacement: 'x' })).toEqual({ a: 'foo', b: 'x' });
  });

  it('lets . match a newline, like ^(?s:…)$', () => {
    expect(run({ a: 'x\ny' }, { sourceLabels: ['a'], regex: 'x.y', targetLabel: 'b', replacement: 'ok' })).toEqual({ a: 'x\ny', b: 'ok' });
  });

  it('deletes the target label when the replacement expands to nothing', () => {
    expect(run({ a: 'foo', b: 'x' }, { sourceLabels: ['c'], regex: '(.*)', targetLabel: 'b' })).toEqual({ a: 'foo' });
  });

  it('writes a literal replacement for an empty input with the default regex', () => {
    expect(run({ a: 'foo' }, { sourceLabels: ['missing'], targetLabel: 'env', replacement: 'prod' })).toEqual({ a: 'foo', env: 'prod' });
  });

  it('takes the target label name from a template, and skips an invalid (empty) one', () => {
    expect(run({ a: 'some-name' }, { sourceLabels: ['a'], regex: 'some-([^-]+)', targetLabel: '${1}', replacement: 'v' })).toEqual({
      a: 'some-name',
      name: 'v',
    });
    expect(run({ a: 'x' }, { sourceLabels: ['b'], regex: '(.*)', targetLabel: '${1}', replacement: 'v' })).toEqual({ a: 'x' });
  });

  it('expands Go-style: $1x names a group "1x" (empty), $$ is a dollar, named groups work', () => {
    expect(run({ a: 'foo' }, { sourceLabels: ['a'], regex: '(f)(oo)', targetLabel: 'b', replacement: '$1x-$$-${2}' })).toEqual({
      a: 'foo',
      b: '-$-oo',
    });
    expect(run({ a: 'foo' }, { sourceLabels: ['a'], regex: '(?P<head>f).*', targetLabel: 'b', replacement: '$head' })).toEqual({
      a: 'foo',
      b: 'f',
    });
  });

  it('builds __address__ from a host and a port, the usual scrape relabeling', () => {
    const out = run(
      { __address__: '172.20.0.6:80', __meta_port: '9100' },
      { sourceLabels: ['__address__', '__meta_port'], regex: '([^:]+)(?::\\d+)?;(\\d+)', targetLabel: '__address__', replacement: '$1:$2' },
    );
    expect(out).toEqual({ __address__: '172.20.0.6:9100', __meta_port: '9100' });
  });
});

describe('relabel: keep and drop', () => {
  it('keep drops label sets whose joined value does not match the whole regex', () => {
    expect(run({ a: 'foo' }, { action: 'keep', sourceLabels: ['a'], regex: 'f.*' })).toEqual({ a: 'foo' });
    expect(run({ a: 'foo' }, { action: 'keep', sourceLabels: ['a'], regex: 'f' })).toBeNull();
    // A missing label is the empty string: keep with a non-empty regex drops it.
    expect(run({ a: 'foo' }, { action: 'keep', sourceLabels: ['b'], regex: '.+' })).toBeNull();
  });

  it('drop drops label sets whose joined value matches', () => {
    expect(run({ a: 'foo', b: 'bar' }, { action: 'drop', sourceLabels: ['a', 'b'], regex: 'foo;bar' })).toBeNull();
    expect(run({ a: 'foo', b: 'bar' }, { action: 'drop', sourceLabels: ['a', 'b'], regex: 'foo' })).toEqual({ a: 'foo', b: 'bar' });
  });

  it('keepequal keeps only when the joined source equals the target label', () => {
    expect(run({ a: '9100', port: '9100' }, { action: 'keepequal', sourceLabels: ['a'], targetLabel: 'port' })).not.toBeNull();
    expect(run({ a: '80', port: '9100' }, { action: 'keepequal', sourceLabels: ['a'], targetLabel: 'port' })).toBeNull();
  });

  it('dropequal drops when the joined source equals the target label', () => {
    expect(run({ a: '9100', port: '9100' }, { action: 'dropequal', sourceLabels: ['a'], targetLabel: 'port' })).toBeNull();
    expect(run({ a: '80', port: '9100' }, { action: 'dropequal', sourceLabels: ['a'], targetLabel: 'port' })).toEqual({ a: '80', port: '9100' });
  });
});

describe('relabel: label name actions', () => {
  it('labelmap copies matching labels under the expanded name, keeping the originals', () => {
    const out = run({ __meta_dns_name: 'accesslog', __meta_x_y: 'z', job: 'j' }, { action: 'labelmap', regex: '__meta_(.+)', replacement: '$1' });
    expect(out).toEqual({ __meta_dns_name: 'accesslog', __meta_x_y: 'z', dns_name: 'accesslog', x_y: 'z', job: 'j' });
  });

  it('labeldrop removes labels whose whole name matches', () => {
    expect(run({ a: '1', ab: '2', b: '3' }, { action: 'labeldrop', regex: 'a' })).toEqual({ ab: '2', b: '3' });
    expect(run({ a: '1', ab: '2', b: '3' }, { action: 'labeldrop', regex: 'a.*' })).toEqual({ b: '3' });
  });

  it('labelkeep removes labels whose name does not match', () => {
    expect(run({ __name__: 'up', a: '1', b: '2' }, { action: 'labelkeep', regex: '__name__|a' })).toEqual({ __name__: 'up', a: '1' });
  });
});

describe('relabel: case and hashmod', () => {
  it('lowercase and uppercase write the joined source into the target label', () => {
    expect(run({ a: 'FooBar' }, { action: 'lowercase', sourceLabels: ['a'], targetLabel: 'l' })).toEqual({ a: 'FooBar', l: 'foobar' });
    expect(run({ a: 'x', b: 'y' }, { action: 'uppercase', sourceLabels: ['a', 'b'], targetLabel: 'u' })).toEqual({ a: 'x', b: 'y', u: 'X;Y' });
  });

  it('hashmod gives the shard Prometheus gives (md5, last 8 bytes big-endian, modulo)', () => {
    expect(run({ c: 'baz' }, { action: 'hashmod', sourceLabels: ['c'], targetLabel: 'd', modulus: 1000 })).toEqual({ c: 'baz', d: '976' });
    for (const addr of ['172.20.0.6:80', '172.20.0.7:80', 'image-gallery', 'ünïcode', '']) {
      const want = createHash('md5').update(addr).digest().readBigUInt64BE(8) % 7n;
      expect(run({ a: addr }, { action: 'hashmod', sourceLabels: ['a'], targetLabel: 'shard', modulus: 7 })?.shard).toBe(want.toString());
    }
  });

  it('md5 matches node:crypto on inputs across block boundaries', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 200]) {
      const s = 'x'.repeat(n);
      expect(Buffer.from(md5(s)).toString('hex')).toBe(createHash('md5').update(s).digest('hex'));
    }
  });
});

describe('relabelSteps', () => {
  it('records each rule before and after, and stops at the rule that drops', () => {
    const cfgs = [
      rule({ sourceLabels: ['__address__'], targetLabel: 'host', regex: '([^:]+):.*' }),
      rule({ action: 'drop', sourceLabels: ['host'], regex: '172\\.20\\.0\\.7' }),
      rule({ action: 'labeldrop', regex: 'host' }),
    ];
    const keep = relabelSteps(labelsFromRecord({ __address__: '172.20.0.6:80' }), cfgs);
    expect(keep.map((s) => s.after && labelsToRecord(s.after))).toEqual([
      { __address__: '172.20.0.6:80', host: '172.20.0.6' },
      { __address__: '172.20.0.6:80', host: '172.20.0.6' },
      { __address__: '172.20.0.6:80' },
    ]);
    expect(labelsToRecord(keep[0].before)).toEqual({ __address__: '172.20.0.6:80' });
    const dropped = relabelSteps(labelsFromRecord({ __address__: '172.20.0.7:80' }), cfgs);
    expect(dropped).toHaveLength(2);
    expect(dropped[1]).toMatchObject({ index: 1, after: null });
  });
});
