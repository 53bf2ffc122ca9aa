import * as nodeCrypto from 'node:crypto';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../hash.js';

/**
 * Salted commitments to personal values (身份证号, names), the building block of
 * keeping personal data out of the hash chain.
 *
 * A bare SHA-256 of a 身份证号 is no protection: 18 characters of known structure
 * (region code, birth date, sequence, check character) are enumerated in seconds.
 * A commitment hashes a random per-value salt of at least 128 bits together with
 * the value, so it reveals nothing without the salt, and it opens only for the
 * value it was made for.
 *
 * Recipe (any language can recompute it):
 *
 *   commitment = hex( SHA-256( "certflow:personal:v1" ‖ 0x00 ‖ salt ‖ canonical(value) ) )
 *
 * where `salt` is the raw salt bytes (stored base64url), and `canonical(value)`
 * the UTF-8 bytes of the value's RFC 8785 canonical JSON (for a string: the
 * JSON string with its quotes).
 */
export const PERSONAL_COMMITMENT_SCHEME = 'certflow:personal:v1';

/** Bytes of a salt made by {@link commitPersonalValue}: 16 bytes = 128 bits. */
export const PERSONAL_SALT_BYTES = 16;

const PREFIX = Buffer.from(`${PERSONAL_COMMITMENT_SCHEME}\u0000`, 'utf8');

/** A commitment and the salt that opens it (the salt belongs in the vault, never in the hashed event). */
export interface PersonalCommitment {
  /** 64 lowercase hex digits. */
  commitment: string;
  /** The salt, base64url without padding; at least 16 bytes. */
  salt: string;
}

/** Node's one-shot digest (`crypto.hash`, Node 20.12 and later): no Hash object per call. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: Buffer, encoding: 'hex') => string }).hash;

/**
 * The commitment of a value under the raw salt bytes (the recipe above), for
 * callers that hold the salt as bytes (a fresh salt, never encoded and decoded
 * again). The salt is not checked here: at least {@link PERSONAL_SALT_BYTES}.
 */
export function commitmentWithSaltBytes(salt: Uint8Array, value: unknown): string {
  const bytes = Buffer.concat([PREFIX, salt, Buffer.from(canonicalJson(value), 'utf8')]);
  return oneShot ? oneShot('sha256', bytes, 'hex') : nodeCrypto.createHash('sha256').update(bytes).digest('hex');
}
const digest = commitmentWithSaltBytes;

/** The bytes of a salt given base64url, or undefined unless it is base64url of at least 16 bytes. */
export function saltBytes(salt: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(salt)) return undefined;
  const bytes = Buffer.from(salt, 'base64url');
  return bytes.length >= PERSONAL_SALT_BYTES ? bytes : undefined;
}

/**
 * Commits to a personal value with a fresh random salt from `node:crypto`
 * (or the given one, for tests and re-computation; it must decode to ≥ 16 bytes).
 */
export function commitPersonalValue(value: unknown, salt?: string): PersonalCommitment {
  const bytes = salt === undefined ? randomBytes(PERSONAL_SALT_BYTES) : saltBytes(salt);
  if (!bytes) throw new RangeError(`a personal-data salt is base64url of at least ${PERSONAL_SALT_BYTES} bytes`);
  return { commitment: digest(bytes, value), salt: bytes.toString('base64url') };
}

/**
 * Whether `value` with `salt` opens `commitment`: true only for the value and
 * salt it was made from. Never throws: a malformed salt or commitment is false.
 */
export function openPersonalCommitment(commitment: string, value: unknown, salt: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(commitment)) return false;
  const bytes = saltBytes(salt);
  if (!bytes) return false;
  return timingSafeEqual(Buffer.from(digest(bytes, value), 'hex'), Buffer.from(commitment, 'hex'));
}
