// Hashes of label sets over the bytes Prometheus hashes: each name, 0xff, its value, 0xff, sorted by name.

import type { Labels } from '../labels/labels.ts';
import { fnv1a64 } from './fnv.ts';
import { xxhash64 } from './xxhash.ts';

const encoder = new TextEncoder();

/** name 0xff value 0xff … as UTF-8 (0xff never occurs in UTF-8, so it separates unambiguously). */
export function labelPairBytes(pairs: Iterable<readonly [string, string]>): Uint8Array {
  const parts: number[] = [];
  for (const [name, value] of pairs) {
    for (const b of encoder.encode(name)) parts.push(b);
    parts.push(0xff);
    for (const b of encoder.encode(value)) parts.push(b);
    parts.push(0xff);
  }
  return Uint8Array.from(parts);
}

const hashes = new WeakMap<Labels, bigint>();

/** Prometheus' labels.Hash: XXH64 of the sorted label set's bytes. */
export function labelsHash(ls: Labels): bigint {
  let h = hashes.get(ls);
  if (h === undefined) hashes.set(ls, (h = xxhash64(labelPairBytes(ls.map((l) => [l.name, l.value] as const)))));
  return h;
}

/** Alertmanager's model.LabelSet.Fingerprint: FNV-64a of the label set's bytes, as 16 hex digits. */
export function fingerprint(ls: Record<string, string>): string {
  return fnv1a64(labelPairBytes(Object.keys(ls).sort().map((k) => [k, ls[k]] as const))).toString(16).padStart(16, '0');
}
