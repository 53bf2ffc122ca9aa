/**
 * SHA-256 (FIPS 180-4) of the two fixed-size messages an RFC 9162 tree
 * hashes most: a leaf's 33 bytes (0x00 ‖ the event hash) and a node's 65
 * (0x01 ‖ left ‖ right). The messages are public, so there is no secret to
 * keep from timing; what matters is the cost of a call. For inputs this
 * short, a call into `node:crypto` (`crypto.hash` included) costs more than
 * the one or two compressions themselves: computed here on 32-bit integers,
 * with the padding known in advance and the event hash's hex read straight
 * into the message words, a leaf or a node takes about half the time (see
 * docs/transparency.md). Every other digest goes through `node:crypto`; the
 * tests check these two against it on random inputs.
 */

const K = Int32Array.of(
  0x428a2f98,
  0x71374491,
  0xb5c0fbcf,
  0xe9b5dba5,
  0x3956c25b,
  0x59f111f1,
  0x923f82a4,
  0xab1c5ed5,
  0xd807aa98,
  0x12835b01,
  0x243185be,
  0x550c7dc3,
  0x72be5d74,
  0x80deb1fe,
  0x9bdc06a7,
  0xc19bf174,
  0xe49b69c1,
  0xefbe4786,
  0x0fc19dc6,
  0x240ca1cc,
  0x2de92c6f,
  0x4a7484aa,
  0x5cb0a9dc,
  0x76f988da,
  0x983e5152,
  0xa831c66d,
  0xb00327c8,
  0xbf597fc7,
  0xc6e00bf3,
  0xd5a79147,
  0x06ca6351,
  0x14292967,
  0x27b70a85,
  0x2e1b2138,
  0x4d2c6dfc,
  0x53380d13,
  0x650a7354,
  0x766a0abb,
  0x81c2c92e,
  0x92722c85,
  0xa2bfe8a1,
  0xa81a664b,
  0xc24b8b70,
  0xc76c51a3,
  0xd192e819,
  0xd6990624,
  0xf40e3585,
  0x106aa070,
  0x19a4c116,
  0x1e376c08,
  0x2748774c,
  0x34b0bcb5,
  0x391c0cb3,
  0x4ed8aa4a,
  0x5b9cca4f,
  0x682e6ff3,
  0x748f82ee,
  0x78a5636f,
  0x84c87814,
  0x8cc70208,
  0x90befffa,
  0xa4506ceb,
  0xbef9a3f7,
  0xc67178f2,
);

/** The message schedule (its first 16 words: the block) and the hash state, reused: every call runs to its end synchronously. */
const W = new Int32Array(64);
const S = new Int32Array(8);

function init(): void {
  S[0] = 0x6a09e667;
  S[1] = 0xbb67ae85 | 0;
  S[2] = 0x3c6ef372;
  S[3] = 0xa54ff53a | 0;
  S[4] = 0x510e527f;
  S[5] = 0x9b05688c | 0;
  S[6] = 0x1f83d9ab;
  S[7] = 0x5be0cd19;
}

/** One compression of the block in W[0..16) into S. */
function compress(): void {
  for (let t = 16; t < 64; t++) {
    const x = W[t - 15]!;
    const y = W[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = S[0]!;
  let b = S[1]!;
  let c = S[2]!;
  let d = S[3]!;
  let e = S[4]!;
  let f = S[5]!;
  let g = S[6]!;
  let h = S[7]!;
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  S[0] = (S[0]! + a) | 0;
  S[1] = (S[1]! + b) | 0;
  S[2] = (S[2]! + c) | 0;
  S[3] = (S[3]! + d) | 0;
  S[4] = (S[4]! + e) | 0;
  S[5] = (S[5]! + f) | 0;
  S[6] = (S[6]! + g) | 0;
  S[7] = (S[7]! + h) | 0;
}

/** The state as a fresh 32-byte digest. */
function digest(): Uint8Array {
  const out = new Uint8Array(32);
  for (let j = 0; j < 8; j++) {
    const w = S[j]!;
    out[4 * j] = w >>> 24;
    out[4 * j + 1] = w >>> 16;
    out[4 * j + 2] = w >>> 8;
    out[4 * j + 3] = w;
  }
  return out;
}

/** SHA-256(0x01 ‖ left ‖ right) of two 32-byte hashes: 65 bytes, two blocks. */
export function sha256Node(left: Uint8Array, right: Uint8Array): Uint8Array {
  init();
  // block 1: message bytes 0–63 (0x01, left, right's first 31); word j holds bytes 4j … 4j+3
  W[0] = 0x01000000 | (left[0]! << 16) | (left[1]! << 8) | left[2]!;
  for (let j = 1, o = 3; j < 8; j++, o += 4)
    W[j] = (left[o]! << 24) | (left[o + 1]! << 16) | (left[o + 2]! << 8) | left[o + 3]!;
  W[8] = (left[31]! << 24) | (right[0]! << 16) | (right[1]! << 8) | right[2]!;
  for (let j = 9, o = 3; j < 16; j++, o += 4)
    W[j] = (right[o]! << 24) | (right[o + 1]! << 16) | (right[o + 2]! << 8) | right[o + 3]!;
  compress();
  // block 2: right's last byte, the 0x80 that ends the message, zeros, the length in bits (520)
  W[0] = (right[31]! << 24) | 0x00800000;
  for (let j = 1; j < 15; j++) W[j] = 0;
  W[15] = 65 * 8;
  compress();
  return digest();
}

/** The value of each lowercase hex digit by its char code; -1 for any other character. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = i;

/** The byte the hex digits at `at` and `at + 1` spell; a negative number if either is not a lowercase hex digit. */
function hexByte(hex: string, at: number): number {
  return ((HEX[hex.charCodeAt(at)] ?? -1) << 4) | (HEX[hex.charCodeAt(at + 1)] ?? -1);
}

/**
 * SHA-256(0x00 ‖ the 32 bytes `hex` spells): an event's RFC 9162 leaf hash,
 * 33 bytes, one block; undefined unless `hex` is 64 lowercase hex digits.
 */
export function sha256LeafOfHex(hex: string): Uint8Array | undefined {
  if (hex.length !== 64) return undefined;
  let bad = 0;
  // the message: byte 0 is 0x00, byte k+1 is the event hash's byte k
  const b0 = hexByte(hex, 0);
  const b1 = hexByte(hex, 2);
  const b2 = hexByte(hex, 4);
  bad |= b0 | b1 | b2;
  W[0] = (b0 << 16) | (b1 << 8) | b2;
  for (let j = 1, at = 6; j < 8; j++, at += 8) {
    const x0 = hexByte(hex, at);
    const x1 = hexByte(hex, at + 2);
    const x2 = hexByte(hex, at + 4);
    const x3 = hexByte(hex, at + 6);
    bad |= x0 | x1 | x2 | x3;
    W[j] = (x0 << 24) | (x1 << 16) | (x2 << 8) | x3;
  }
  const last = hexByte(hex, 62);
  bad |= last;
  if (bad < 0) return undefined;
  W[8] = (last << 24) | 0x00800000;
  for (let j = 9; j < 15; j++) W[j] = 0;
  W[15] = 33 * 8;
  init();
  compress();
  return digest();
}
