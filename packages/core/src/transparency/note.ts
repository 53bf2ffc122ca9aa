import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as edSign,
  verify as edVerify,
} from 'node:crypto';
import { sha256 } from './merkle.js';
import { MalformedNoteError, UnverifiedNoteError } from './errors.js';

/**
 * C2SP signed-note (https://c2sp.org/signed-note): a UTF-8 text ending in a
 * newline, a blank line, then one line per signature,
 * `— <key name> base64(4-byte key ID ‖ signature)`. Keys are written as
 * Go's golang.org/x/mod/sumdb/note reads them: a verifier key (vkey)
 * `<name>+<hex key ID>+base64(type ‖ public key)`, a signer key
 * `PRIVATE+KEY+<name>+<hex key ID>+base64(type ‖ private key)`.
 */

/** Signature type bytes: 0x01 Ed25519 note signatures, 0x04 Ed25519 cosignature/v1 (C2SP tlog-cosignature). */
export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;

/** Signs a note's text. `sign` may be asynchronous (a key held in an HSM or another service). */
export interface NoteSigner {
  readonly name: string;
  /** The 32-bit key ID that prefixes each signature. */
  readonly keyId: number;
  /** The bytes after the key ID in the signature line, for this note text. */
  sign(text: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** True when `signature` (the bytes after the key ID) is valid for the note text. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The bytes after the key ID. */
  signature: Uint8Array;
  /** The whole signature line without its newline. */
  line: string;
}

const enc = new TextEncoder();
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Key ID: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), big-endian. */
export function keyIdOf(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(enc.encode(name), Uint8Array.of(0x0a, type), publicKey);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && [...name].every((c) => c.codePointAt(0)! > 0x20);
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function ed25519Public(seed: Uint8Array): Uint8Array {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_ED25519.length));
}

/** An Ed25519 key pair in note formats: `skey` (PRIVATE+KEY+…) and `vkey`. */
export interface NoteKeyPair {
  skey: string;
  vkey: string;
}

/** A fresh Ed25519 note key (`certflow keygen`). `type` 0x04 makes a witness (cosignature/v1) key. */
export function generateNoteKey(name: string, type: number = SIG_ED25519): NoteKeyPair {
  if (!isValidKeyName(name))
    throw new MalformedNoteError('key name', `${JSON.stringify(name)} must be non-empty, without spaces or '+'`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = new Uint8Array(der.subarray(PKCS8_ED25519.length));
  return noteKeyFromSeed(name, seed, type);
}

/** Note keys from a 32-byte Ed25519 seed. */
export function noteKeyFromSeed(name: string, seed: Uint8Array, type: number = SIG_ED25519): NoteKeyPair {
  const pub = ed25519Public(seed);
  const id = hex8(keyIdOf(name, type, pub));
  return {
    skey: `PRIVATE+KEY+${name}+${id}+${b64(Uint8Array.of(type, ...seed))}`,
    vkey: `${name}+${id}+${b64(Uint8Array.of(type, ...pub))}`,
  };
}

/** `<name>+<hex id>+<base64>`: the base64 may itself hold '+', so only the first two are separators. */
export function splitKey(text: string): string[] {
  const a = text.indexOf('+');
  const b = a < 0 ? -1 : text.indexOf('+', a + 1);
  return b < 0 ? [text] : [text.slice(0, a), text.slice(a + 1, b), text.slice(b + 1)];
}

interface ParsedKey {
  name: string;
  keyId: number;
  type: number;
  key: Uint8Array;
}

function parseKey(text: string, what: 'signer key' | 'verifier key'): ParsedKey {
  const t = text.trim();
  const prefixed = what === 'signer key' && t.startsWith('PRIVATE+KEY+');
  const fields = splitKey(prefixed ? t.slice('PRIVATE+KEY+'.length) : t);
  if ((what === 'signer key' && !prefixed) || fields.length !== 3) {
    throw new MalformedNoteError(
      what,
      what === 'signer key' ? 'expected PRIVATE+KEY+<name>+<key id>+<key>' : 'expected <name>+<key id>+<key>',
    );
  }
  const [name, idHex, keyB64] = fields as [string, string, string];
  if (!isValidKeyName(name)) throw new MalformedNoteError(what, `bad key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new MalformedNoteError(what, 'the key ID must be 8 lower-case hex digits');
  const raw = new Uint8Array(Buffer.from(keyB64, 'base64'));
  if (raw.length !== 33 || b64(raw) !== keyB64)
    throw new MalformedNoteError(what, 'expected base64 of a type byte and a 32-byte Ed25519 key');
  const type = raw[0]!;
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1)
    throw new MalformedNoteError(what, `unknown signature type 0x${type.toString(16)}`);
  const key = raw.subarray(1);
  const pub = what === 'signer key' ? ed25519Public(key) : key;
  const keyId = parseInt(idHex, 16);
  if (keyIdOf(name, type, pub) !== keyId)
    throw new MalformedNoteError(what, 'the key ID does not match the name and key');
  return { name, keyId, type, key };
}

/** The vkey that verifies signatures of a signer key. */
export function vkeyOf(skey: string): string {
  const k = parseKey(skey, 'signer key');
  return `${k.name}+${hex8(k.keyId)}+${b64(Uint8Array.of(k.type, ...ed25519Public(k.key)))}`;
}

/** The type byte of a note key (0x01 log key, 0x04 witness key). */
export function noteKeyType(key: string): number {
  return parseKey(key, key.startsWith('PRIVATE+KEY+') ? 'signer key' : 'verifier key').type;
}

/** Raw Ed25519 parts of a key, for signers built on them (e.g. cosigners). */
export function ed25519KeyParts(skey: string): {
  name: string;
  keyId: number;
  type: number;
  seed: Uint8Array;
  publicKey: Uint8Array;
} {
  const k = parseKey(skey, 'signer key');
  return { name: k.name, keyId: k.keyId, type: k.type, seed: k.key, publicKey: ed25519Public(k.key) };
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  return new Uint8Array(edSign(null, message, priv));
}

export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const pub = createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' });
  return edVerify(null, message, pub, signature);
}

/** A note signer over an Ed25519 signer key held in this process (type 0x01). */
export function noteSigner(skey: string): NoteSigner {
  const k = parseKey(skey, 'signer key');
  if (k.type !== SIG_ED25519)
    throw new MalformedNoteError(
      'signer key',
      'expected an Ed25519 note key (type 0x01); a witness key signs cosignatures',
    );
  const seed = k.key;
  return { name: k.name, keyId: k.keyId, sign: (text) => ed25519Sign(seed, text) };
}

/** A note verifier for an Ed25519 vkey (type 0x01). */
export function noteVerifier(vkey: string): NoteVerifier {
  const k = parseKey(vkey, 'verifier key');
  if (k.type !== SIG_ED25519) throw new MalformedNoteError('verifier key', 'expected an Ed25519 note key (type 0x01)');
  const pub = k.key;
  return { name: k.name, keyId: k.keyId, verify: (text, sig) => ed25519Verify(pub, text, sig) };
}

export interface Note {
  /** The signed text, ending in a newline. */
  text: string;
  signatures: NoteSignature[];
}

const SIG_LINE = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u;

/** Splits a signed note into its text and signature lines (nothing verified). */
export function parseNote(note: string, what = 'signed note'): Note {
  const cut = note.lastIndexOf('\n\n');
  if (cut < 0 || !note.endsWith('\n'))
    throw new MalformedNoteError(what, 'expected text, a blank line and signature lines, each ending in a newline');
  const text = note.slice(0, cut + 1);
  const signatures: NoteSignature[] = [];
  for (const line of note.slice(cut + 2, -1).split('\n')) {
    const m = SIG_LINE.exec(line);
    const raw = m ? new Uint8Array(Buffer.from(m[2]!, 'base64')) : undefined;
    if (!m || !raw || raw.length < 5 || b64(raw) !== m[2])
      throw new MalformedNoteError(what, `bad signature line ${JSON.stringify(line)}`);
    const keyId = ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0;
    signatures.push({ name: m[1]!, keyId, signature: raw.subarray(4), line });
  }
  if (signatures.length === 0) throw new MalformedNoteError(what, 'no signature lines');
  return { text, signatures };
}

/** Signs `text` (which must end in a newline) with every signer. */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  if (!text.endsWith('\n') || text.includes('\n\n'))
    throw new MalformedNoteError('note text', 'must end in a newline and hold no blank line');
  const bytes = enc.encode(text);
  const lines: string[] = [];
  for (const s of signers) {
    const sig = await s.sign(bytes);
    const id = Uint8Array.of(s.keyId >>> 24, (s.keyId >>> 16) & 0xff, (s.keyId >>> 8) & 0xff, s.keyId & 0xff);
    lines.push(`\u2014 ${s.name} ${b64(Uint8Array.of(...id, ...sig))}\n`);
  }
  return `${text}\n${lines.join('')}`;
}

/** Adds signature lines to an already signed note, keeping its own. */
export function addSignatureLines(note: string, lines: readonly string[]): string {
  return note + lines.map((l) => `${l}\n`).join('');
}

/**
 * Parses a note and checks it carries a valid signature by `verifier`
 * (matched on name and key ID, as signed-note prescribes; other signatures
 * are kept but not checked). Throws UnverifiedNoteError otherwise.
 */
export function openNote(note: string, verifier: NoteVerifier, what = 'signed note'): Note {
  const parsed = parseNote(note, what);
  const bytes = enc.encode(parsed.text);
  const mine = parsed.signatures.filter((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (mine.length === 0) throw new UnverifiedNoteError(what, verifier.name, 'no signature line by this key');
  if (!mine.some((s) => verifier.verify(bytes, s.signature)))
    throw new UnverifiedNoteError(what, verifier.name, 'the signature does not match the text');
  return parsed;
}
