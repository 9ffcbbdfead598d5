// A bit stream over a growable Uint8Array, most significant bit first (Prometheus' tsdb/chunkenc/bstream.go).
// JavaScript's bit operators work on 32 bits, so 64-bit words travel as (hi, lo) pairs of unsigned 32-bit halves.

export class BitWriter {
  bytes: Uint8Array;
  /** Number of bits written. */
  bitLen = 0;

  constructor(initialBytes = 32) {
    this.bytes = new Uint8Array(initialBytes);
  }

  writeBit(bit: number): void {
    this.ensure(1);
    if (bit) this.bytes[this.bitLen >>> 3] |= 0x80 >>> (this.bitLen & 7);
    this.bitLen++;
  }

  /** Writes the low `n` (≤ 32) bits of `value`, most significant first. */
  writeBits(value: number, n: number): void {
    this.ensure(n);
    let pos = this.bitLen;
    while (n > 0) {
      const free = 8 - (pos & 7);
      const take = n < free ? n : free;
      // The next `take` bits of value, from the top of what is left.
      const chunk = (value >>> (n - take)) & ((1 << take) - 1);
      this.bytes[pos >>> 3] |= chunk << (free - take);
      pos += take;
      n -= take;
    }
    this.bitLen = pos;
  }

  /** Writes the low `n` (≤ 64) bits of the 64-bit word (hi, lo). */
  writeBits64(hi: number, lo: number, n: number): void {
    if (n > 32) {
      this.writeBits(hi, n - 32);
      this.writeBits(lo, 32);
    } else this.writeBits(lo, n);
  }

  /** The written bytes, trimmed to length (a copy, so the writer can keep growing). */
  finish(): Uint8Array {
    return this.bytes.slice(0, (this.bitLen + 7) >>> 3);
  }

  private ensure(n: number): void {
    const need = (this.bitLen + n + 7) >>> 3;
    if (need <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
    grown.set(this.bytes);
    this.bytes = grown;
  }
}

/** Reads bits back; reading past the end throws, so a truncated chunk is reported rather than misread. */
export class BitReader {
  pos = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private end = 0;

  reset(bytes: Uint8Array, bitLen = bytes.length * 8): void {
    this.bytes = bytes;
    this.end = bitLen;
    this.pos = 0;
  }

  readBit(): number {
    if (this.pos >= this.end) throw new RangeError('chunk ends early');
    const bit = (this.bytes[this.pos >>> 3] >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return bit;
  }

  /**
   * Reads `n` (≤ 32) bits. Fewer than 32 come back as an unsigned number; 32 as the signed 32-bit integer with
   * those bits, which V8 keeps unboxed where an unsigned one above 2^31 would be a heap number per read.
   */
  readBits(n: number): number {
    const pos = this.pos;
    if (pos + n > this.end) throw new RangeError('chunk ends early');
    const b = this.bytes;
    const i = pos >>> 3;
    // Away from the end, one look at the next five bytes: the four from pos's byte as a word shifted to pos,
    // and the fifth for the bits that shift pushed out.
    if (n > 0 && i + 4 < b.length) {
      const shift = pos & 7;
      const w = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) << shift;
      this.pos = pos + n;
      if (shift + n <= 32) return (w >>> (32 - n)) | 0;
      return (w >>> (32 - n)) | (b[i + 4] >>> (40 - shift - n));
    }
    let out = 0;
    let p = pos;
    while (n > 0) {
      const avail = 8 - (p & 7);
      const take = n < avail ? n : avail;
      const chunk = (b[p >>> 3] >>> (avail - take)) & ((1 << take) - 1);
      // Multiplication keeps 32-bit results unsigned where `<<` would overflow into the sign bit.
      out = out * (1 << take) + chunk;
      p += take;
      n -= take;
    }
    this.pos = p;
    return out | 0;
  }
}
