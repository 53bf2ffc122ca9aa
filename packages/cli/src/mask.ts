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
 * values and in object keys (a roster keyed by ID number), at any depth.
 */
export function maskIdNumbers<T>(value: T): T {
  if (typeof value === 'string') return maskIdNumbersInText(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskIdNumbers(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[maskIdNumbersInText(k)] = maskIdNumbers(v);
    return out as T;
  }
  return value;
}

/** Masks an event's data and meta; the envelope (ids, versions, hashes) is kept as stored. */
export function maskEvent<T>(event: T): T {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return maskIdNumbers(event);
  const e = event as Record<string, unknown>;
  const out: Record<string, unknown> = { ...e };
  if ('data' in e) out.data = maskIdNumbers(e.data);
  if ('meta' in e) out.meta = maskIdNumbers(e.meta);
  return out as T;
}
