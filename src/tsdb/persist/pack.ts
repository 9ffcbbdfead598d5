// Many small byte arrays stored as one buffer plus offsets. Structured clone — what IndexedDB does to every value
// it stores and returns — pays per object: thousands of chunks as separate Uint8Arrays cost seconds, one buffer
// costs a copy.

export interface PackedBytes {
  readonly data: Uint8Array;
  /** Part i is data[offsets[i], offsets[i + 1]). */
  readonly offsets: Uint32Array;
}

export function packBytes(parts: readonly Uint8Array[]): PackedBytes {
  const offsets = new Uint32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i] + parts[i].length;
  const data = new Uint8Array(offsets[parts.length]);
  parts.forEach((p, i) => data.set(p, offsets[i]));
  return { data, offsets };
}

/** A copy of part i, so the whole buffer is not kept alive by one chunk. */
export function unpackBytes(p: PackedBytes, i: number): Uint8Array {
  return p.data.slice(p.offsets[i], p.offsets[i + 1]);
}

/** Whether a stored value is a well-formed PackedBytes of n parts. */
export function isPacked(p: unknown, n: number): p is PackedBytes {
  if (typeof p !== 'object' || p === null) return false;
  const { data, offsets } = p as PackedBytes;
  if (!(data instanceof Uint8Array) || !(offsets instanceof Uint32Array) || offsets.length !== n + 1) return false;
  for (let i = 0; i < n; i++) if (offsets[i] > offsets[i + 1]) return false;
  return offsets[n] === data.length;
}
