// Pinned to the reference implementations' published vectors and to Go's outputs.

import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { fnv1a32, fnv1a64 } from '../../src/model/hash/fnv.ts';
import { fingerprint, labelPairBytes, labelsHash } from '../../src/model/hash/labels.ts';
import { xxhash64 } from '../../src/model/hash/xxhash.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('hashes', () => {
  it('FNV-1a matches Go hash/fnv', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(fnv1a64(bytes(''))).toBe(0xcbf29ce484222325n);
    expect(fnv1a64(bytes('a'))).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64(bytes('foobar'))).toBe(0x85944171f73967e8n);
  });

  it('XXH64 matches the reference vectors (seed 0)', () => {
    expect(xxhash64(bytes(''))).toBe(0xef46db3751d8e999n);
    expect(xxhash64(bytes('a'))).toBe(0xd24ec4f1a98c6e5bn);
    expect(xxhash64(bytes('abc'))).toBe(0x44bc2cf5ad770999n);
    // Longer than 32 bytes: the four-lane loop.
    expect(xxhash64(bytes('Nobody inspects the spammish repetition'))).toBe(0xfbcea83c8a378bf1n);
  });

  it('hashes label sets over name 0xff value 0xff, sorted by name', () => {
    expect([...labelPairBytes([['a', 'é']])]).toEqual([0x61, 0xff, 0xc3, 0xa9, 0xff]);
    const ls = labelsFromRecord({ job: 'api', __name__: 'up' });
    expect(labelsHash(ls)).toBe(xxhash64(Uint8Array.from([...bytes('__name__'), 0xff, ...bytes('up'), 0xff, ...bytes('job'), 0xff, ...bytes('api'), 0xff])));
    expect(fingerprint({ job: 'api', __name__: 'up' })).toBe(fnv1a64(labelPairBytes([['__name__', 'up'], ['job', 'api']])).toString(16).padStart(16, '0'));
    expect(fingerprint({})).toBe('cbf29ce484222325');
  });
});
