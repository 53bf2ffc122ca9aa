import { isValidIdCardNumber, maskIdCardNumber } from '@certflow/core';

// 18 characters shaped like a 公民身份号码, not part of a longer run of
// letters or digits (so hashes, USCCs and serials are left alone).
const ID_SHAPED = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Masks every valid 身份证号 inside a string (3701**********1231); other text is unchanged. */
export function maskIdNumbersInText(text: string): string {
  if (text.length < 18) return text;
  return text.replace(ID_SHAPED, (m) => (isValidIdCardNumber(m.toUpperCase()) ? maskIdCardNumber(m) : m));
}

/**
 * Returns a copy of a JSON value with every valid 身份证号 masked, in string
 * values and in object keys (a roster keyed by ID number), at any depth. A
 * value with nothing to mask is returned as it is (the same object), so a
 * caller can tell whether masking changed it.
 */
export function maskIdNumbers<T>(value: T): T {
  if (typeof value === 'string') return maskIdNumbersInText(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const m = maskIdNumbers(v);
      if (m !== v) changed = true;
      return m;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const mk = maskIdNumbersInText(k);
      const mv = maskIdNumbers(v);
      if (mk !== k || mv !== v) changed = true;
      out[mk] = mv;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/**
 * Masks an event's data and meta; the envelope (ids, versions, hashes) is
 * kept as stored. An event with no 身份证号 is returned as it is (the same
 * object): written so, it still verifies.
 */
export function maskEvent<T>(event: T): T {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return maskIdNumbers(event);
  const e = event as Record<string, unknown>;
  const data = 'data' in e ? maskIdNumbers(e.data) : undefined;
  const meta = 'meta' in e ? maskIdNumbers(e.meta) : undefined;
  if (data === e.data && meta === e.meta) return event;
  const out: Record<string, unknown> = { ...e };
  if ('data' in e) out.data = data;
  if ('meta' in e) out.meta = meta;
  return out as T;
}

/** A run of 18 characters a 身份证号 could be (what `maskIdNumbersInText` looks for, and more). */
const MAYBE_ID = /\d{17}[\dXx]/;

/**
 * Whether a JSON value holds, in a string or a key at any depth, a run of
 * characters `maskIdNumbers` might mask: when not, masking returns it as
 * it is. Cheaper than masking, and than a test over its JSON text.
 */
export function mayHoldIdNumber(value: unknown): boolean {
  if (typeof value === 'string') return value.length >= 18 && MAYBE_ID.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (mayHoldIdNumber(v)) return true;
    return false;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if ((k.length >= 18 && MAYBE_ID.test(k)) || mayHoldIdNumber(v)) return true;
  return false;
}
