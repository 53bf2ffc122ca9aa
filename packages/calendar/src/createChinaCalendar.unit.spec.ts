import { CalendarError as CertflowError, CalendarValidationError as ValidationError } from './index.js';
import { describe, expect, it } from 'vitest';
import { CalendarCoverageError, createChinaCalendar, InvalidDateError } from './index.js';

const cal = createChinaCalendar();

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('the traps chinese-workday falls into', () => {
  it('reads a Date in China time: 2020-10-08T20:00Z is 2020-10-09 in China, a working day', () => {
    const instant = new Date('2020-10-08T20:00:00Z');
    expect(cal.toLocalDate(instant)).toBe('2020-10-09');
    expect(cal.isWorkday(instant)).toBe(true);
    expect(cal.dayKind(instant).date).toBe('2020-10-09');
    // 15:59:59.999Z is still the 8th in China (a holiday), 16:00Z is already the 9th.
    expect(cal.isWorkday(new Date('2020-10-08T15:59:59.999Z'))).toBe(false);
    expect(cal.isWorkday(new Date('2020-10-08T16:00:00Z'))).toBe(true);
  });

  it('knows the 2020 Spring Festival extension: 01-31 to 02-02 off, the 02-01 make-up workday cancelled', () => {
    for (const d of ['2020-01-31', '2020-02-01', '2020-02-02']) {
      const info = cal.dayKind(d);
      expect(info.kind).toBe('holiday');
      expect(info.isWorkday).toBe(false);
      expect(info.source.layer).toBe('cn-2020-spring-festival-extension');
      expect(info.source.cite?.document).toContain('国办发明电〔2020〕1号');
    }
    expect(cal.isWorkday('2020-01-30')).toBe(false);
    expect(cal.isWorkday('2020-02-03')).toBe(true);
    expect(cal.nextWorkday('2020-01-23')).toBe('2020-02-03');
  });

  it('steps across the 8-day National Day holidays of 2020', () => {
    expect(cal.nextWorkday('2020-09-30')).toBe('2020-10-09');
    expect(cal.previousWorkday('2020-10-09')).toBe('2020-09-30');
    expect(cal.addWorkdays('2020-09-30', 2)).toBe('2020-10-10'); // Saturday make-up workday
  });

  it('throws CalendarCoverageError beyond the provisional years, naming the year and how to add it', () => {
    const e = catchError(() => cal.isWorkday('2029-03-01'));
    expect(e).toBeInstanceOf(CalendarCoverageError);
    expect(e).toBeInstanceOf(CertflowError);
    const err = e as CalendarCoverageError;
    expect(err.code).toBe('CALENDAR_COVERAGE');
    expect(err.year).toBe(2029);
    expect(err.covered).toEqual({ first: 2011, last: 2026 });
    expect(err.date).toBe('2029-03-01');
    expect(err.message).toContain('provisional from the statutory holidays up to 2028');
    expect(err.message).toContain("years: { '2029'");
    expect(err.format('zh-CN')).toContain(
      '2029 年，不在日历覆盖范围（已公布 2011–2026 年，按法定节假日暂定至 2028 年）内',
    );
    expect(catchError(() => cal.isWorkday('2010-12-31'))).toMatchObject({ year: 2010 });
    expect(catchError(() => cal.isWorkday(new Date('2028-12-31T16:00:00Z')))).toMatchObject({
      year: 2029,
      date: '2029-01-01',
    });
    expect(catchError(() => cal.workdaysBetween('2028-12-01', '2029-01-10'))).toBeInstanceOf(CalendarCoverageError);
    // Without provisional years, 2027 itself is not covered.
    const strict = createChinaCalendar({ provisionalYears: 0 });
    const e2 = catchError(() => strict.isWorkday('2027-03-01')) as CalendarCoverageError;
    expect(e2).toMatchObject({ code: 'CALENDAR_COVERAGE', year: 2027, date: '2027-03-01' });
    expect(e2.format('zh-CN')).toContain('2027 年，不在日历覆盖范围（2011–2026 年）内');
  });

  it('throws CalendarCoverageError when addWorkdays steps out of the covered years', () => {
    expect(cal.addWorkdays('2028-12-28', 1)).toBe('2028-12-29');
    const after = catchError(() => cal.addWorkdays('2028-12-28', 2)) as CalendarCoverageError;
    expect(after).toBeInstanceOf(CalendarCoverageError);
    expect(after.year).toBe(2029);
    expect(after.operation).toBe('addWorkdays(2028-12-28, 2)');
    const before = catchError(() => cal.addWorkdays('2011-01-10', -10)) as CalendarCoverageError;
    expect(before.year).toBe(2010);
    expect(catchError(() => cal.dueWithin('2028-12-25', 10))).toBeInstanceOf(CalendarCoverageError);
    const strict = createChinaCalendar({ provisionalYears: 0 });
    expect(strict.addWorkdays('2026-12-30', 1)).toBe('2026-12-31');
    expect(catchError(() => strict.addWorkdays('2026-12-30', 2))).toMatchObject({
      year: 2027,
      operation: 'addWorkdays(2026-12-30, 2)',
    });
  });

  it('rejects malformed and impossible dates with InvalidDateError', () => {
    for (const bad of [
      '2020-13-45',
      '2020-02-30',
      '2019-02-29',
      '2020-00-10',
      '2020-2-3',
      '2020/02/03',
      '20200203',
      '',
      ' 2020-02-03',
    ]) {
      const e = catchError(() => cal.isWorkday(bad));
      expect(e, bad).toBeInstanceOf(InvalidDateError);
      expect((e as InvalidDateError).code).toBe('INVALID_DATE');
      expect((e as InvalidDateError).input).toBe(bad);
    }
    for (const bad of [20200203, null, undefined, {}]) {
      expect(catchError(() => cal.isWorkday(bad as never))).toBeInstanceOf(InvalidDateError);
    }
    expect(catchError(() => cal.isWorkday(new Date('nope')))).toBeInstanceOf(InvalidDateError);
    expect(cal.isWorkday('2020-02-29')).toBe(false); // a real day (Saturday)
    expect((catchError(() => cal.isWorkday('2020-02-30')) as InvalidDateError).format('zh-CN')).toContain(
      '日期无效 2020-02-30',
    );
  });
});

describe('published arrangements', () => {
  it('2020 National Day and Mid-Autumn: 10-01..10-08 off, 09-27 and 10-10 make-up workdays', () => {
    for (let d = 1; d <= 8; d++) expect(cal.dayKind(`2020-10-0${d}`).kind).toBe('holiday');
    expect(cal.dayKind('2020-09-27')).toMatchObject({ kind: 'makeup-workday', isWorkday: true });
    expect(cal.dayKind('2020-10-10')).toMatchObject({ kind: 'makeup-workday', isWorkday: true });
    expect(cal.dayKind('2020-10-01').name).toBe('国庆节');
  });

  it('2024 Spring Festival: 02-10..02-17 off, 02-04 and 02-18 make-up workdays, 除夕 02-09 a working day', () => {
    for (let d = 10; d <= 17; d++) expect(cal.isWorkday(`2024-02-${d}`)).toBe(false);
    expect(cal.dayKind('2024-02-04').kind).toBe('makeup-workday');
    expect(cal.dayKind('2024-02-18').kind).toBe('makeup-workday');
    expect(cal.dayKind('2024-02-09').kind).toBe('workday');
  });

  it('2026 Spring Festival: 02-15..02-23 off, 02-14 and 02-28 make-up workdays', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkday(`2026-02-${d}`)).toBe(false);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
  });

  it('plain days: weekdays work, weekends off, with the weekday rule as source', () => {
    expect(cal.dayKind('2021-03-10')).toEqual({
      date: '2021-03-10',
      kind: 'workday',
      isWorkday: true,
      source: { layer: 'weekday-rule' },
    });
    expect(cal.dayKind('2021-03-13')).toEqual({
      date: '2021-03-13',
      kind: 'weekend',
      isWorkday: false,
      source: { layer: 'weekday-rule' },
    });
  });
});

describe('addWorkdays and workdaysBetween', () => {
  it('n > 0 counts strictly after, n < 0 strictly before, 0 returns the day itself', () => {
    expect(cal.addWorkdays('2021-03-12', 1)).toBe('2021-03-15'); // Friday → Monday
    expect(cal.addWorkdays('2021-03-13', 1)).toBe('2021-03-15'); // from a weekend
    expect(cal.addWorkdays('2021-03-15', -1)).toBe('2021-03-12');
    expect(cal.addWorkdays('2021-03-14', -1)).toBe('2021-03-12');
    expect(cal.addWorkdays('2021-03-13', 0)).toBe('2021-03-13');
    expect(cal.addWorkdays('2021-03-10', 5)).toBe('2021-03-17');
  });

  it('counts working days d with a < d ≤ b, and negates when b < a', () => {
    expect(cal.workdaysBetween('2021-03-12', '2021-03-15')).toBe(1);
    expect(cal.workdaysBetween('2021-03-15', '2021-03-12')).toBe(-1);
    expect(cal.workdaysBetween('2021-03-15', '2021-03-15')).toBe(0);
    expect(cal.workdaysBetween('2020-09-30', '2020-10-09')).toBe(1);
    // 2020 has 251 working days in the 2019 notice, 249 after the extension (01-31 off, 02-01 cancelled).
    expect(cal.workdaysBetween('2019-12-31', '2020-12-31')).toBe(249);
    expect(cal.workdaysBetween(new Date('2020-09-29T16:00:00Z'), '2020-10-09')).toBe(1);
  });

  it('rejects a fractional or non-numeric count with a ValidationError naming the field', () => {
    const e = catchError(() => cal.addWorkdays('2021-03-10', 1.5)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues[0]?.path).toEqual(['n']);
    expect(catchError(() => cal.addWorkdays('2021-03-10', Number.NaN))).toBeInstanceOf(ValidationError);
    expect(catchError(() => cal.addWorkdays('2021-03-10', '3' as never))).toBeInstanceOf(ValidationError);
  });
});

describe('the counting convention for packs', () => {
  it('"within 10 working days after the exam ends" (福州) is due at the end of addWorkdays(D, 10)', () => {
    // Exam ends Friday 2021-04-30; 05-01..05-05 are the Labour Day holidays, 05-08 a make-up Saturday.
    // 05-06 (1), 05-07 (2), 05-08 (3), 05-10..05-14 (4–8), 05-17 (9), 05-18 (10).
    expect(cal.dueWithin('2021-04-30', 10)).toBe('2021-05-18');
    expect(cal.dueWithin('2021-04-30', 10)).toBe(cal.addWorkdays('2021-04-30', 10));
  });

  it('"at least 5 working days before the exam" means filed on or before addWorkdays(E, -5)', () => {
    // Exam on Friday 2020-10-09, right after the 8-day holiday.
    expect(cal.latestBefore('2020-10-09', 5)).toBe('2020-09-25');
    expect(cal.workdaysBetween(cal.latestBefore('2020-10-09', 5), '2020-10-09')).toBe(5);
  });

  it('"publicity of at least 5 working days from S" may close on or after addWorkdays(S, 5)', () => {
    // 09-29 (1), 09-30 (2), 10-09 (3), Saturday make-up 10-10 (4), 10-12 (5).
    expect(cal.earliestClose('2020-09-28', 5)).toBe('2020-10-12');
  });

  it('rejects a negative number of working days', () => {
    const e = catchError(() => cal.dueWithin('2021-03-10', -1)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues[0]?.path).toEqual(['workingDays']);
  });
});

describe('layers and coverage', () => {
  it('covers 2011–2026 and lists its layers lowest first', () => {
    expect(cal.coverage()).toEqual({ first: 2011, last: 2026 });
    expect(cal.provisionalCoverage()).toEqual({ first: 2027, last: 2028 });
    expect(cal.layers().map((l) => l.id)).toEqual([
      'chinese-workday@1.16.1',
      'corrections',
      'cn-2020-spring-festival-extension',
      'provisional-2027',
      'provisional-2028',
    ]);
    for (const layer of cal.layers().slice(1, 3)) {
      for (const e of layer.entries)
        expect(e.cite?.document, `${layer.id} ${e.date}`).toMatch(/通知（国(办)?发明电〔\d{4}〕\d+号）$/);
    }
  });
});
