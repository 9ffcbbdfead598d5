// Gorilla-style XOR chunks (Prometheus' tsdb/chunkenc/xor.go): a 2-byte sample count, then the first timestamp as a
// signed varint and its value as 64 raw bits, the second timestamp as a delta, every later one as a delta of deltas
// in variable-width buckets, and every later value as the XOR with its predecessor, reusing the previous window of
// meaningful bits when it fits. Staleness markers are stored as Prometheus' special NaN bit pattern.

import { BitReader, BitWriter } from './bstream.ts';
import { STALE_NAN_HI, STALE_NAN_LO } from '../stale.ts';

/** Prometheus cuts a head chunk at 120 samples: past that, compression gains little and decoding gets slower. */
export const SAMPLES_PER_CHUNK = 120;

const HEADER_BITS = 16;
const MAX_SAMPLES = 0xffff;
const TWO32 = 2 ** 32;

// A float64 and its two 32-bit halves share memory; the half order depends on the platform's endianness.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

// Does x fit in a signed `nbits`-bit bucket as Prometheus counts it (one more on the positive side)?
function fits(x: number, nbits: number): boolean {
  const half = 2 ** (nbits - 1);
  return -(half - 1) <= x && x <= half;
}

/** Appends samples to one chunk. Times must increase strictly; the head checks that before calling. */
export class XORAppender {
  readonly w = new BitWriter(64);
  numSamples = 0;
  private t = 0;
  private tDelta = 0;
  private hi = 0;
  private lo = 0;
  private leading = 0xff;
  private trailing = 0;

  constructor() {
    this.w.writeBits(0, HEADER_BITS);
  }

  append(t: number, v: number, stale: boolean): void {
    if (this.numSamples === MAX_SAMPLES) throw new RangeError('chunk is full');
    let hi: number;
    let lo: number;
    if (stale) {
      hi = STALE_NAN_HI;
      lo = STALE_NAN_LO;
    } else {
      f64[0] = v;
      hi = u32[HI];
      lo = u32[LO];
    }
    const w = this.w;
    if (this.numSamples === 0) {
      writeVarint(w, t);
      w.writeBits64(hi, lo, 64);
    } else if (this.numSamples === 1) {
      this.tDelta = t - this.t;
      writeUvarint(w, this.tDelta);
      this.writeValue(hi, lo);
    } else {
      const delta = t - this.t;
      const dod = delta - this.tDelta;
      if (dod === 0) w.writeBit(0);
      else if (fits(dod, 14)) {
        w.writeBits(0b10, 2);
        w.writeBits(dod, 14);
      } else if (fits(dod, 17)) {
        w.writeBits(0b110, 3);
        w.writeBits(dod, 17);
      } else if (fits(dod, 20)) {
        w.writeBits(0b1110, 4);
        w.writeBits(dod, 20);
      } else {
        w.writeBits(0b1111, 4);
        w.writeBits64(Math.floor(dod / TWO32) >>> 0, dod >>> 0, 64);
      }
      this.tDelta = delta;
      this.writeValue(hi, lo);
    }
    this.t = t;
    this.hi = hi;
    this.lo = lo;
    this.numSamples++;
    w.bytes[0] = this.numSamples >>> 8;
    w.bytes[1] = this.numSamples & 0xff;
  }

  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const dhi = (hi ^ this.hi) >>> 0;
    const dlo = (lo ^ this.lo) >>> 0;
    if (dhi === 0 && dlo === 0) {
      w.writeBit(0);
      return;
    }
    w.writeBit(1);
    let leading = dhi !== 0 ? Math.clz32(dhi) : 32 + Math.clz32(dlo);
    const trailing = dlo !== 0 ? ctz32(dlo) : 32 + ctz32(dhi);
    // Five bits hold the leading count, so it is capped at 31.
    if (leading > 31) leading = 31;
    if (this.leading !== 0xff && leading >= this.leading && trailing >= this.trailing) {
      w.writeBit(0);
      writeShifted(w, dhi, dlo, this.trailing, 64 - this.leading - this.trailing);
      return;
    }
    this.leading = leading;
    this.trailing = trailing;
    w.writeBit(1);
    w.writeBits(leading, 5);
    const sigbits = 64 - leading - trailing;
    // 64 meaningful bits do not fit in six bits; 0 stands for 64 (no XOR has 0 meaningful bits).
    w.writeBits(sigbits & 63, 6);
    writeShifted(w, dhi, dlo, trailing, sigbits);
  }
}

// Writes the `n` bits of (hi, lo) >> shift.
function writeShifted(w: BitWriter, hi: number, lo: number, shift: number, n: number): void {
  if (shift >= 32) w.writeBits(hi >>> (shift - 32), n);
  else if (shift === 0) w.writeBits64(hi, lo, n);
  else w.writeBits64(hi >>> shift, ((lo >>> shift) | (hi << (32 - shift))) >>> 0, n);
}

function writeUvarint(w: BitWriter, x: number): void {
  while (x >= 0x80) {
    w.writeBits((x % 0x80) | 0x80, 8);
    x = Math.floor(x / 0x80);
  }
  w.writeBits(x, 8);
}

function writeVarint(w: BitWriter, x: number): void {
  // Zig-zag: small magnitudes of either sign stay short. Arithmetic, because timestamps exceed 32 bits.
  writeUvarint(w, x >= 0 ? 2 * x : -2 * x - 1);
}

/** The sample count a chunk's header records. */
export function chunkSamples(bytes: Uint8Array): number {
  return bytes.length < 2 ? 0 : (bytes[0] << 8) | bytes[1];
}

/**
 * Walks one chunk's samples. The current sample is in `t`, `v` and `stale`; nothing is allocated per sample,
 * so one iterator can be reset onto chunk after chunk.
 */
export class XORIterator {
  t = 0;
  v = 0;
  stale = false;
  private readonly r = new BitReader();
  private total = 0;
  private read = 0;
  private tDelta = 0;
  // The value's bits as signed 32-bit halves (see BitReader.readBits).
  private hi = 0;
  private lo = 0;
  private leading = 0;
  private trailing = 0;

  reset(bytes: Uint8Array): this {
    this.r.reset(bytes);
    this.total = chunkSamples(bytes);
    this.r.pos = HEADER_BITS;
    this.read = 0;
    return this;
  }

  /** Advances to the next sample; false at the end of the chunk. */
  next(): boolean {
    if (this.read >= this.total) return false;
    const r = this.r;
    if (this.read === 0) {
      this.t = readVarint(r);
      this.hi = r.readBits(32);
      this.lo = r.readBits(32);
    } else if (this.read === 1) {
      this.tDelta = readUvarint(r);
      this.t += this.tDelta;
      this.readValue();
    } else {
      let dod = 0;
      if (r.readBit() === 0) dod = 0;
      else if (r.readBit() === 0) dod = readSigned(r, 14);
      else if (r.readBit() === 0) dod = readSigned(r, 17);
      else if (r.readBit() === 0) dod = readSigned(r, 20);
      else dod = r.readBits(32) * TWO32 + (r.readBits(32) >>> 0);
      this.tDelta += dod;
      this.t += this.tDelta;
      this.readValue();
    }
    this.stale = this.hi === STALE_NAN_HI && this.lo === STALE_NAN_LO;
    u32[HI] = this.hi;
    u32[LO] = this.lo;
    this.v = f64[0];
    this.read++;
    return true;
  }

  /** Advances to the first sample at or after t (staying put if already there); false if there is none. */
  seek(t: number): boolean {
    if (this.read > 0 && this.t >= t) return true;
    while (this.next()) if (this.t >= t) return true;
    return false;
  }

  /**
   * Decodes the chunk's samples in [mint, maxt] into the columns from index `at` on (staleness markers as 1 in
   * `stale`); returns the index after the last one written. One call per chunk keeps the loop in one method.
   */
  readInto(mint: number, maxt: number, t: Float64Array, v: Float64Array, stale: Uint8Array, at: number): number {
    while (this.next()) {
      if (this.t < mint) continue;
      if (this.t > maxt) break;
      t[at] = this.t;
      v[at] = this.v;
      stale[at++] = this.stale ? 1 : 0;
    }
    return at;
  }

  private readValue(): void {
    const r = this.r;
    if (r.readBit() === 0) return;
    if (r.readBit() === 1) {
      this.leading = r.readBits(5);
      const sig = r.readBits(6);
      this.trailing = 64 - this.leading - (sig === 0 ? 64 : sig);
    }
    const n = 64 - this.leading - this.trailing;
    const shift = this.trailing;
    // Read the meaningful bits as (hi, lo), then shift them back into place.
    let hi = 0;
    let lo: number;
    if (n > 32) {
      hi = r.readBits(n - 32);
      lo = r.readBits(32);
    } else lo = r.readBits(n);
    let dhi: number;
    let dlo: number;
    if (shift >= 32) {
      dhi = lo << (shift - 32);
      dlo = 0;
    } else if (shift === 0) {
      dhi = hi;
      dlo = lo;
    } else {
      dhi = (hi << shift) | (lo >>> (32 - shift));
      dlo = lo << shift;
    }
    this.hi ^= dhi;
    this.lo ^= dlo;
  }
}

function readSigned(r: BitReader, nbits: number): number {
  const bits = r.readBits(nbits);
  const half = 2 ** (nbits - 1);
  return bits > half ? bits - 2 * half : bits;
}

function readUvarint(r: BitReader): number {
  let x = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    const b = r.readBits(8);
    x += (b & 0x7f) * scale;
    if (b < 0x80) return x;
    scale *= 0x80;
  }
  throw new RangeError('varint overflows 56 bits');
}

function readVarint(r: BitReader): number {
  const z = readUvarint(r);
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}
