import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { StoredEvent } from './event.js';

// canonicalize 2.x is CommonJS (`module.exports = fn`); interop differs between
// bundlers, so accept both shapes.
const canonicalize: (v: unknown) => string | undefined =
  typeof canonicalizeModule === 'function'
    ? (canonicalizeModule as (v: unknown) => string | undefined)
    : (canonicalizeModule as { default: (v: unknown) => string | undefined }).default;

/** RFC 8785 (JSON Canonicalization Scheme) form of a JSON value. */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
}

/**
 * The hash recipe, stable and language-neutral: take the event as stored,
 * drop the `hash` field, canonicalize with RFC 8785 (JCS), UTF-8 encode,
 * SHA-256, lowercase hex.
 */
export function computeEventHash(event: Omit<StoredEvent, 'hash'> | StoredEvent): string {
  const { hash: _ignored, ...rest } = event as StoredEvent;
  return sha256Hex(canonicalJson(rest));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
