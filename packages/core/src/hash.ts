import * as nodeCrypto from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { StoredEvent } from './event.js';

// canonicalize 2.x is CommonJS (`module.exports = fn`); interop differs between
// bundlers, so accept both shapes.
const canonicalize: (v: unknown) => string | undefined =
  typeof canonicalizeModule === 'function'
    ? (canonicalizeModule as (v: unknown) => string | undefined)
    : (canonicalizeModule as { default: (v: unknown) => string | undefined }).default;

/** Characters JSON.stringify escapes (surrogates are checked by JSON.stringify itself). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON must escape exactly these control characters
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify for a string, skipping the call when nothing needs escaping. */
function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** Thrown inside `write` when a value needs canonicalize's own handling. */
const UNUSUAL = Symbol('unusual');

/**
 * RFC 8785 for plain JSON (strings, finite numbers, booleans, null, arrays
 * without holes, objects whose prototype is Object.prototype or null), in one
 * pass and sorting only the objects whose keys are not in order already.
 * Strings and numbers are written exactly as RFC 8785 prescribes and as
 * canonicalize writes them: by JSON.stringify (ECMAScript's own serialisation).
 * Anything else (toJSON, undefined, holes, class instances, very deep values)
 * throws UNUSUAL and the caller falls back to canonicalize.
 */
function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw UNUSUAL;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth > 64) throw UNUSUAL;
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += write(value[i], depth + 1);
        }
        return out + ']';
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw UNUSUAL;
      const keys = Object.keys(value);
      for (let i = 1; i < keys.length; i++) {
        if (keys[i - 1]! > keys[i]!) {
          keys.sort();
          break;
        }
      }
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (i > 0) out += ',';
        out += quote(k) + ':' + write((value as Record<string, unknown>)[k], depth + 1);
      }
      return out + '}';
    }
    default:
      throw UNUSUAL;
  }
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) form of a JSON value. Plain JSON
 * takes a single-pass writer; anything else goes through canonicalize 2.1.0,
 * whose output the writer matches exactly (a property test compares the two).
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value, 0);
  } catch (e) {
    if (e !== UNUSUAL) throw e;
  }
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
}

/**
 * The canonical JSON of a plain event without its `hash` field, written in
 * one pass from the event itself (no copy without the field), or undefined
 * when the event is not plain JSON throughout (then only canonicalize's own
 * handling decides: see `computeEventHash`). Defined, it also proves that
 * every value in the event is JSON (no undefined, hole, class instance,
 * non-finite number or cycle anywhere).
 */
export function plainEventCanonicalJson(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const proto = Object.getPrototypeOf(event);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Object.keys(event);
  const skip = keys.indexOf('hash');
  if (skip >= 0) keys.splice(skip, 1);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  try {
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (i > 0) out += ',';
      out += quote(k) + ':' + write((event as Record<string, unknown>)[k], 1);
    }
    return out + '}';
  } catch (e) {
    if (e !== UNUSUAL) throw e;
    return undefined;
  }
}

/**
 * The hash recipe, stable and language-neutral: take the event as stored,
 * drop the `hash` field, canonicalize with RFC 8785 (JCS), UTF-8 encode,
 * SHA-256, lowercase hex.
 */
export function computeEventHash(event: Omit<StoredEvent, 'hash'> | StoredEvent): string {
  const plain = plainEventCanonicalJson(event);
  if (plain !== undefined) return sha256Hex(plain);
  const { hash: _ignored, ...rest } = event as StoredEvent;
  return sha256Hex(canonicalJson(rest));
}

/** Node's one-shot digest (crypto.hash, Node 20.12 and later): no Hash object per call. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
