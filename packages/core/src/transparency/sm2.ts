import { createHash, randomBytes } from 'node:crypto';
import { keyIdOf, type NoteSigner, type NoteVerifier } from './note.js';
import { MalformedNoteError } from './errors.js';

/**
 * SM2 (GB/T 32918.2-2016) signatures behind the same NoteSigner /
 * NoteVerifier interfaces, for hosts that must sign under 国密 rules. This
 * is OUTSIDE the C2SP signature types: Go's note package and other C2SP
 * verifiers do not know it, so publish an Ed25519 checkpoint beside it where
 * outsiders must verify. Its key ID uses the signed-note escape type 0xff
 * with the identifier "certflow-sm2": SHA-256(name ‖ 0x0A ‖ 0xff ‖
 * "certflow-sm2" ‖ 04‖x‖y)[:4]. A signature is r ‖ s (32 bytes each) over
 * e = SM3(Z_A ‖ note text), Z_A with the default ID "1234567812345678".
 * Node's crypto has SM3 but signs SM2 without Z_A, hence the curve
 * arithmetic here (BigInt, affine; a signature takes milliseconds).
 */
const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');
const DEFAULT_ID = '1234567812345678';
export const SM2_KEY_ID_TYPE = 0xff;

type Point = { x: bigint; y: bigint } | null;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function inv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}
function add(p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p.x === q.x && mod(p.y + q.y, P) === 0n) return null;
  const l =
    p.x === q.x && p.y === q.y
      ? mod((3n * p.x * p.x + A) * inv(2n * p.y, P), P)
      : mod((q.y - p.y) * inv(q.x - p.x, P), P);
  const x = mod(l * l - p.x - q.x, P);
  return { x, y: mod(l * (p.x - x) - p.y, P) };
}
function mul(k: bigint, p: Point): Point {
  let r: Point = null;
  let q = p;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) r = add(r, q);
    q = add(q, q);
  }
  return r;
}
const G: Point = { x: GX, y: GY };
const be32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
const toBig = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
const sm3 = (...parts: Uint8Array[]) => {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
};
const onCurve = (p: { x: bigint; y: bigint }) => mod(p.y * p.y - (p.x * p.x * p.x + A * p.x + B), P) === 0n;

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
function za(pub: { x: bigint; y: bigint }, id = DEFAULT_ID): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const entl = Buffer.from([(idBytes.length * 8) >> 8, (idBytes.length * 8) & 0xff]);
  return sm3(entl, idBytes, be32(A), be32(B), be32(GX), be32(GY), be32(pub.x), be32(pub.y));
}

function parsePublic(hex: string): { x: bigint; y: bigint } {
  if (!/^04[0-9a-fA-F]{128}$/.test(hex))
    throw new MalformedNoteError('SM2 public key', 'expected 04 ‖ x ‖ y in hex (130 digits)');
  const p = { x: BigInt(`0x${hex.slice(2, 66)}`), y: BigInt(`0x${hex.slice(66)}`) };
  if (!onCurve(p)) throw new MalformedNoteError('SM2 public key', 'the point is not on the SM2 curve');
  return p;
}

/** An SM2 key pair as hex: private d (64 digits), public 04 ‖ x ‖ y (130 digits). */
export function generateSm2Key(): { privateKey: string; publicKey: string } {
  for (;;) {
    const d = toBig(randomBytes(32));
    if (d < 1n || d >= N - 1n) continue;
    const p = mul(d, G)!;
    return {
      privateKey: be32(d).toString('hex'),
      publicKey: `04${be32(p.x).toString('hex')}${be32(p.y).toString('hex')}`,
    };
  }
}

export function sm2Sign(privateKeyHex: string, message: Uint8Array, id = DEFAULT_ID): Uint8Array {
  const d = BigInt(`0x${privateKeyHex}`);
  if (d < 1n || d >= N - 1n) throw new MalformedNoteError('SM2 private key', 'out of range');
  const pub = mul(d, G)!;
  const e = toBig(sm3(za(pub, id), message));
  for (;;) {
    const k = mod(toBig(randomBytes(32)), N);
    if (k === 0n) continue;
    const x1 = mul(k, G)!.x;
    const r = mod(e + x1, N);
    if (r === 0n || r + k === N) continue;
    const s = mod(inv(1n + d, N) * (k - r * d), N);
    if (s === 0n) continue;
    return new Uint8Array(Buffer.concat([be32(r), be32(s)]));
  }
}

export function sm2Verify(publicKeyHex: string, message: Uint8Array, signature: Uint8Array, id = DEFAULT_ID): boolean {
  if (signature.length !== 64) return false;
  const pub = parsePublic(publicKeyHex);
  const r = toBig(signature.subarray(0, 32));
  const s = toBig(signature.subarray(32));
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const pt = add(mul(s, G), mul(t, pub));
  if (!pt) return false;
  const e = toBig(sm3(za(pub, id), message));
  return mod(e + pt.x, N) === r;
}

const enc = new TextEncoder();
const sm2KeyId = (name: string, publicKeyHex: string) =>
  keyIdOf(name, SM2_KEY_ID_TYPE, Uint8Array.of(...enc.encode('certflow-sm2'), ...Buffer.from(publicKeyHex, 'hex')));

/** A note signer with an SM2 key (e.g. the host's key under 国密 rules; `sign` may also call an HSM). */
export function sm2NoteSigner(name: string, privateKeyHex: string): NoteSigner {
  const d = BigInt(`0x${privateKeyHex}`);
  const p = mul(d, G)!;
  const pub = `04${be32(p.x).toString('hex')}${be32(p.y).toString('hex')}`;
  return { name, keyId: sm2KeyId(name, pub), sign: (text) => sm2Sign(privateKeyHex, text) };
}

export function sm2NoteVerifier(name: string, publicKeyHex: string): NoteVerifier {
  parsePublic(publicKeyHex);
  return { name, keyId: sm2KeyId(name, publicKeyHex), verify: (text, sig) => sm2Verify(publicKeyHex, text, sig) };
}
