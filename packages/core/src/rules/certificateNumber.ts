import { ValidationError, type ValidationIssue } from '../errors.js';
import type { Level } from '../domain/profile.js';

export interface CertificateNumberParts {
  /** S: social training evaluation organization; Y: employer (enterprise). */
  organizationType: 'S' | 'Y';
  /** 4-digit organization code; '0000' when filed with a province. */
  organizationCode: string;
  /** 2-digit province code. */
  provinceCode: string;
  /** 6-digit evaluation site sequence. */
  siteSequence: string;
  /** Year of issue (full year; the number keeps its last two digits). */
  year: number;
  level: Level;
  /** Serial number within the batch, 1..999999. */
  serial: number;
}

const CERT_NUMBER = /^[SY]\d{21}$/;

/**
 * The national certificate number rule: 22 characters — S or Y, a 4-digit
 * organization code, a 2-digit province code, a 6-digit site sequence, a
 * 2-digit year, a 1-digit level, a 6-digit serial.
 */
export function formatCertificateNumber(p: CertificateNumberParts): string {
  const issues: ValidationIssue[] = [];
  const check = (ok: boolean, path: string, message: string) =>
    ok || issues.push({ path: [path], code: 'invalid_format', message });
  check(p.organizationType === 'S' || p.organizationType === 'Y', 'organizationType', "expected 'S' or 'Y'");
  check(/^\d{4}$/.test(p.organizationCode), 'organizationCode', 'expected 4 digits');
  check(/^\d{2}$/.test(p.provinceCode), 'provinceCode', 'expected 2 digits');
  check(/^\d{6}$/.test(p.siteSequence), 'siteSequence', 'expected 6 digits');
  check(Number.isInteger(p.year) && p.year >= 2000 && p.year <= 2099, 'year', 'expected a year 2000–2099');
  check([1, 2, 3, 4, 5].includes(p.level), 'level', 'expected a level 1–5');
  check(Number.isInteger(p.serial) && p.serial >= 1 && p.serial <= 999_999, 'serial', 'expected 1–999999');
  if (issues.length > 0) throw new ValidationError(issues, 'certificate number');
  return `${p.organizationType}${p.organizationCode}${p.provinceCode}${p.siteSequence}${String(p.year % 100).padStart(2, '0')}${p.level}${String(p.serial).padStart(6, '0')}`;
}

export function parseCertificateNumber(n: string): CertificateNumberParts {
  if (!CERT_NUMBER.test(n)) {
    throw new ValidationError(
      [{ path: ['certificateNumber'], code: 'invalid_format', message: 'expected S or Y followed by 21 digits' }],
      'certificate number',
    );
  }
  return {
    organizationType: n[0] as 'S' | 'Y',
    organizationCode: n.slice(1, 5),
    provinceCode: n.slice(5, 7),
    siteSequence: n.slice(7, 13),
    year: 2000 + Number(n.slice(13, 15)),
    level: Number(n[15]) as Level,
    serial: Number(n.slice(16)),
  };
}
