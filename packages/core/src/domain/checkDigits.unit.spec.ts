import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idCardCheckCharacter,
  isValidIdCardNumber,
  isValidUscc,
  maskIdCardNumber,
  usccCheckCharacter,
} from './checkDigits.js';
import { formatCertificateNumber, parseCertificateNumber } from '../rules/certificateNumber.js';
import { ValidationError } from '../errors.js';

describe('统一社会信用代码', () => {
  it('accepts published codes and refuses a changed character', () => {
    // Check characters of well-known public codes (GB 32100-2015 examples).
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('52370100MJD123451M')).toBe(true);
    expect(isValidUscc('52370100MJD123451N')).toBe(false);
  });
  it('refuses letters the code never uses (I, O, S, V, Z) and wrong lengths', () => {
    expect(isValidUscc('52370100MJD12345IM')).toBe(false);
    expect(isValidUscc('52370100MJD123451')).toBe(false);
    expect(isValidUscc('52370100mjd123451m')).toBe(false);
  });
  it('any 17 characters completed with their check character validate; any other last character does not', () => {
    const ch = fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY');
    fc.assert(
      fc.property(
        fc.array(ch, { minLength: 10, maxLength: 10 }),
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
        ch,
        ch,
        (tail, region, a, b) => {
          const first17 = a + b + region.join('') + tail.join('').slice(0, 9);
          const good = first17 + usccCheckCharacter(first17);
          expect(isValidUscc(good)).toBe(true);
          for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY')
            if (c !== good[17]) expect(isValidUscc(first17 + c)).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('身份证号', () => {
  it('accepts a valid number and refuses a wrong check digit or an impossible birth date', () => {
    expect(isValidIdCardNumber('370102199001011231')).toBe(true);
    expect(isValidIdCardNumber('370102199001011232')).toBe(false);
    const feb30 = '37010219900230123';
    expect(isValidIdCardNumber(feb30 + idCardCheckCharacter(feb30))).toBe(false);
    const leap = '37010220000229123';
    expect(isValidIdCardNumber(leap + idCardCheckCharacter(leap))).toBe(true);
    const notLeap = '37010219000229123';
    expect(isValidIdCardNumber(notLeap + idCardCheckCharacter(notLeap))).toBe(false);
  });
  it('X is a check character, x is not', () => {
    const body = Array.from({ length: 1000 }, (_, i) => `37010219900101${String(i).padStart(3, '0')}`).find(
      (b) => idCardCheckCharacter(b) === 'X',
    )!;
    expect(isValidIdCardNumber(body + 'X')).toBe(true);
    expect(isValidIdCardNumber(body + 'x')).toBe(false);
  });
  it('masks all but the first and last four characters', () => {
    expect(maskIdCardNumber('370102199001011231')).toBe('3701**********1231');
  });
});

describe('certificate numbers (national rule)', () => {
  it('formats 22 characters in the order of the rule and parses back', () => {
    const parts = {
      organizationType: 'S' as const,
      organizationCode: '0000',
      provinceCode: '37',
      siteSequence: '000012',
      year: 2020,
      level: 4 as const,
      serial: 35,
    };
    const n = formatCertificateNumber(parts);
    expect(n).toBe('S0000370000122040000' + '35');
    expect(n).toHaveLength(22);
    expect(parseCertificateNumber(n)).toEqual(parts);
  });
  it('refuses malformed parts with every field path', () => {
    try {
      formatCertificateNumber({
        organizationType: 'X' as 'S',
        organizationCode: '12',
        provinceCode: '370',
        siteSequence: '1',
        year: 1999,
        level: 6 as 5,
        serial: 0,
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path[0])).toEqual([
        'organizationType',
        'organizationCode',
        'provinceCode',
        'siteSequence',
        'year',
        'level',
        'serial',
      ]);
    }
  });
});
