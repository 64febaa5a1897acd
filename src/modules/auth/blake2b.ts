/**
 * BLAKE2b (RFC 7693) with a key and any digest size, as Python's `hashlib.blake2b(data, key=, digest_size=)`.
 * Node's crypto only offers the unkeyed 512-bit digest (`blake2b512`), and keyed BLAKE2b is not
 * HMAC-BLAKE2b, so legacy account ids (keyed, 16 bytes) need this implementation.
 * 64-bit words are held as (low, high) pairs of 32-bit integers.
 */

const BLOCK_BYTES = 128;

const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1,
  0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
];

/** v[a] += v[b] + (m0, m1), all 64-bit. */
function add3(v: Uint32Array, a: number, b: number, m0: number, m1: number): void {
  let lo = v[a] + v[b];
  let hi = v[a + 1] + v[b + 1] + (lo >= 0x100000000 ? 1 : 0);
  lo >>>= 0;
  const lo2 = lo + m0;
  hi = hi + m1 + (lo2 >= 0x100000000 ? 1 : 0);
  v[a] = lo2;
  v[a + 1] = hi;
}

/** v[a] += v[b], 64-bit. */
function add2(v: Uint32Array, a: number, b: number): void {
  const lo = v[a] + v[b];
  v[a + 1] = v[a + 1] + v[b + 1] + (lo >= 0x100000000 ? 1 : 0);
  v[a] = lo;
}

/** v[d] = rotr64(v[d] ^ v[a], n) for n in 32, 24, 16, 63. */
function xorRotr(v: Uint32Array, d: number, a: number, n: 16 | 24 | 32 | 63): void {
  const lo = v[d] ^ v[a];
  const hi = v[d + 1] ^ v[a + 1];
  if (n === 32) {
    v[d] = hi;
    v[d + 1] = lo;
  } else if (n === 63) {
    v[d] = (lo << 1) | (hi >>> 31);
    v[d + 1] = (hi << 1) | (lo >>> 31);
  } else {
    v[d] = (lo >>> n) | (hi << (32 - n));
    v[d + 1] = (hi >>> n) | (lo << (32 - n));
  }
}

function mix(v: Uint32Array, m: Uint32Array, a: number, b: number, c: number, d: number, x: number, y: number): void {
  add3(v, a * 2, b * 2, m[x * 2], m[x * 2 + 1]);
  xorRotr(v, d * 2, a * 2, 32);
  add2(v, c * 2, d * 2);
  xorRotr(v, b * 2, c * 2, 24);
  add3(v, a * 2, b * 2, m[y * 2], m[y * 2 + 1]);
  xorRotr(v, d * 2, a * 2, 16);
  add2(v, c * 2, d * 2);
  xorRotr(v, b * 2, c * 2, 63);
}

function compress(h: Uint32Array, block: Uint8Array, bytesSoFar: number, last: boolean): void {
  const v = new Uint32Array(32);
  v.set(h, 0);
  v.set(IV, 16);
  // Byte counter t (128 bits; inputs here stay far below 2^53 bytes).
  v[24] ^= bytesSoFar >>> 0;
  v[25] ^= Math.floor(bytesSoFar / 0x100000000);
  if (last) {
    v[28] = ~v[28];
    v[29] = ~v[29];
  }
  const m = new Uint32Array(32);
  for (let i = 0; i < 32; i++) {
    m[i] = block[i * 4] | (block[i * 4 + 1] << 8) | (block[i * 4 + 2] << 16) | (block[i * 4 + 3] << 24);
  }
  for (const s of SIGMA) {
    mix(v, m, 0, 4, 8, 12, s[0], s[1]);
    mix(v, m, 1, 5, 9, 13, s[2], s[3]);
    mix(v, m, 2, 6, 10, 14, s[4], s[5]);
    mix(v, m, 3, 7, 11, 15, s[6], s[7]);
    mix(v, m, 0, 5, 10, 15, s[8], s[9]);
    mix(v, m, 1, 6, 11, 12, s[10], s[11]);
    mix(v, m, 2, 7, 8, 13, s[12], s[13]);
    mix(v, m, 3, 4, 9, 14, s[14], s[15]);
  }
  for (let i = 0; i < 16; i++) h[i] ^= v[i] ^ v[i + 16];
}

/** BLAKE2b of `data`, keyed with `key` (0–64 bytes), `digestSize` bytes long (1–64). */
export function blake2b(data: Uint8Array, key: Uint8Array = new Uint8Array(0), digestSize = 64): Buffer {
  if (!Number.isInteger(digestSize) || digestSize < 1 || digestSize > 64) {
    throw new RangeError('BLAKE2b digest size must be 1..64 bytes');
  }
  if (key.length > 64) throw new RangeError('BLAKE2b key must be at most 64 bytes');
  const h = new Uint32Array(IV);
  h[0] ^= 0x01010000 ^ (key.length << 8) ^ digestSize;

  // A key is processed as a first, zero-padded block.
  const input = new Uint8Array((key.length > 0 ? BLOCK_BYTES : 0) + data.length);
  input.set(key, 0);
  input.set(data, key.length > 0 ? BLOCK_BYTES : 0);

  const block = new Uint8Array(BLOCK_BYTES);
  let offset = 0;
  while (input.length - offset > BLOCK_BYTES) {
    block.set(input.subarray(offset, offset + BLOCK_BYTES));
    offset += BLOCK_BYTES;
    compress(h, block, offset, false);
  }
  block.fill(0);
  block.set(input.subarray(offset));
  compress(h, block, input.length, true);

  const out = Buffer.alloc(64);
  for (let i = 0; i < 16; i++) out.writeUInt32LE(h[i], i * 4);
  return out.subarray(0, digestSize);
}
