import { CalendarValidationError as ValidationError } from './index.js';
import { describe, expect, it } from 'vitest';
import { CalendarCoverageError, createChinaCalendar, type ChinaCalendarOptions } from './index.js';

// A made-up 2027 arrangement, shaped like a State Council notice, for the tests only.
const year2027 = {
  cite: { document: '国务院办公厅关于2027年部分节假日安排的通知（测试用）', date: '2026-11-05' },
  days: [
    { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
    { date: '2027-02-05', kind: 'holiday' as const, name: '春节' },
    { date: '2027-02-06', kind: 'workday' as const, name: '补春节' },
  ],
};

function validationError(options: unknown): ValidationError {
  try {
    createChinaCalendar(options as ChinaCalendarOptions);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}
const paths = (e: ValidationError) => e.issues.map((i) => i.path.join('.'));

describe('adding a year', () => {
  it('extends coverage and answers the new year from its cited days', () => {
    const cal = createChinaCalendar({ years: { '2027': year2027 } });
    expect(cal.coverage()).toEqual({ first: 2011, last: 2027 });
    expect(cal.dayKind('2027-02-05')).toMatchObject({
      kind: 'holiday',
      name: '春节',
      source: { layer: 'year-2027', cite: year2027.cite },
    });
    expect(cal.dayKind('2027-02-06').kind).toBe('makeup-workday');
    expect(cal.isWorkday('2027-03-01')).toBe(true);
    expect(cal.addWorkdays('2026-12-30', 2)).toBe('2027-01-04');
    expect(cal.provisionalCoverage()).toEqual({ first: 2028, last: 2029 });
    expect(cal.dayKind('2028-01-03').provisional).toBe(true);
    expect(() => cal.isWorkday('2030-01-03')).toThrow(CalendarCoverageError);
    // The default calendar is untouched: 2027 is provisional there.
    expect(createChinaCalendar().dayKind('2027-02-06')).toMatchObject({ kind: 'holiday', provisional: true });
  });

  it('refuses a gap, a year already covered, and days outside the year', () => {
    expect(paths(validationError({ years: { '2028': year2027 } }))).toContain('years.2028');
    expect(paths(validationError({ years: { '2020': year2027 } }))).toContain('years.2020');
    const impossible = { ...year2027, days: [...year2027.days, { date: '2027-06-31', kind: 'holiday' }] };
    expect(paths(validationError({ years: { '2027': impossible } }))).toEqual(['years.2027.days.3.date']);
    const outside = {
      ...year2027,
      days: [...year2027.days, { date: '2025-10-01', kind: 'holiday' }, { date: '2027-02-05', kind: 'holiday' }],
    };
    const e = validationError({ years: { '2027': outside } });
    expect(paths(e)).toEqual(['years.2027.days.3.date', 'years.2027.days.4.date']);
    expect(e.issues.map((i) => i.code)).toEqual(['wrong_year', 'duplicate']);
  });

  it('accepts a notice reaching into late December of the year before (as 元旦 often does)', () => {
    const cal = createChinaCalendar({
      years: { '2027': { ...year2027, days: [{ date: '2026-12-31', kind: 'holiday', name: '元旦' }] } },
    });
    expect(cal.dayKind('2026-12-31')).toMatchObject({ kind: 'holiday', source: { layer: 'year-2027' } });
  });

  it('lists every schema problem with its field path', () => {
    const e = validationError({
      years: { '2027': { cite: { document: '', date: '2026-13-01' }, days: [{ date: '2027-01-01', kind: 'rest' }] } },
      overrides: [{ date: '2020-02-03', kind: 'holiday' }],
      region: 'hubei',
    });
    expect(paths(e)).toEqual(
      expect.arrayContaining([
        'years.2027.cite.document',
        'years.2027.cite.date',
        'years.2027.days.0.kind',
        'overrides.0.cite',
        '',
      ]),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('years.2027.cite.date');
  });
});

describe('regional overrides', () => {
  const cite = { document: '某省人民政府办公厅关于延迟复工的通知（测试用）', date: '2020-01-30' };
  const overrides = ['2020-02-03', '2020-02-04', '2020-02-05', '2020-02-06', '2020-02-07'].map((date) => ({
    date,
    kind: 'holiday' as const,
    name: '延迟复工',
    cite,
  }));

  it('apply over every other layer, with their citation', () => {
    const province = createChinaCalendar({ overrides });
    expect(province.isWorkday('2020-02-03')).toBe(false);
    expect(province.dayKind('2020-02-07')).toMatchObject({
      kind: 'holiday',
      name: '延迟复工',
      source: { layer: 'overrides', cite },
    });
    expect(province.nextWorkday('2020-01-23')).toBe('2020-02-10');
    expect(createChinaCalendar().nextWorkday('2020-01-23')).toBe('2020-02-03');
    expect(province.layers().at(-1)?.id).toBe('overrides');
  });

  it('must land in a covered year and not repeat a date', () => {
    const e = validationError({ overrides: [{ ...overrides[0], date: '2030-01-02' }, overrides[1], overrides[1]] });
    expect(paths(e)).toEqual(['overrides.0.date', 'overrides.2.date']);
    expect(e.issues[0]?.message).toContain('2030');
  });
});
