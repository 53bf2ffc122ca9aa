/**
 * Turns a generated JSON value into I-JSON (RFC 7493), as new events must be:
 * unsafe integers become MAX_SAFE_INTEGER (keeping their sign), lone
 * surrogates become U+FFFD, `__proto__` keys are dropped. For property tests
 * that feed `fc.jsonValue()` to a store.
 */
export function toIJson(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21
      ? Math.sign(value) * Number.MAX_SAFE_INTEGER
      : value;
  }
  if (typeof value === 'string') return (value as string & { toWellFormed(): string }).toWellFormed();
  if (Array.isArray(value)) return value.map(toIJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '__proto__') out[toIJson(k) as string] = toIJson(v);
    return out;
  }
  return value;
}
