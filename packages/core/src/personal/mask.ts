import type { PersonalKind } from './fields.js';

/**
 * The masked display form of a personal value, for reports and masked exports:
 * a 身份证号 keeps its first 4 and last 4 characters (3701**********1231), a name
 * its first character (张**). The form is for display only: it is never hashed
 * and never proves anything.
 */
export function maskPersonalValue(kind: PersonalKind, value: string): string {
  const chars = Array.from(value);
  if (kind === 'id-number') {
    if (chars.length <= 8) return '*'.repeat(chars.length);
    return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('');
  }
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
