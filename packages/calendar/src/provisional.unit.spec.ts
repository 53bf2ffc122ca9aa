import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LunarMonth } from 'tyme4ts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CalendarCoverageError,
  CalendarValidationError,
  checkYearFile,
  createChinaCalendar,
  isCertflowError,
  parseYearFile,
  RULE_513,
  RULE_644,
  RULE_795,
  statutoryHolidays,
  statutoryRuleFor,
} from './index.js';

// A made-up 2027 arrangement, marked `"fixture": true`: test data, not the real 2027 notice.
const FIXTURE_2027 = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/year-2027.fixture.json', import.meta.url)), 'utf8'),
);
const cal = createChinaCalendar();

describe('provisional years: the statutory holidays of 国务院令第795号 and weekends', () => {
  it('answers 2027 and 2028 provisionally, 2029 not at all', () => {
    expect(cal.coverage()).toEqual({ first: 2011, last: 2026 });
    expect(cal.provisionalCoverage()).toEqual({ first: 2027, last: 2028 });
    expect(cal.yearBasis(2026)).toEqual({ year: 2026, source: 'built-in' });
    expect(cal.yearBasis(2027)).toMatchObject({
      year: 2027,
      source: 'provisional',
      cite: { document: RULE_795.cite.document, clause: '第二条' },
    });
    expect(() => cal.isWorkday('2029-01-02')).toThrow(CalendarCoverageError);
  });

  it('2027: 元旦 01-01, 春节 from 除夕 02-05 to 初三 02-08, 清明 04-05, 劳动节 05-01/02, 端午 06-09, 中秋 09-15, 国庆 10-01..03', () => {
    const days = statutoryHolidays(2027).map((d) => `${d.date} ${d.name}`);
    expect(days).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    // The days chinese-days 1.5.7 calls workdays are statutory holidays here.
    for (const d of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-10-01']) {
      const info = cal.dayKind(d);
      expect(info, d).toMatchObject({
        kind: 'holiday',
        isWorkday: false,
        provisional: true,
        source: { layer: 'provisional-2027' },
      });
      expect(info.source.cite?.document).toContain('国务院令第795号');
    }
    expect((cal.dayKind('2027-02-05').source.cite as { text?: string }).text).toBe(
      '春节，放假4天（农历除夕、正月初一至初三）',
    );
    expect((cal.dayKind('2027-05-01').source.cite as { text?: string }).text).toBe('劳动节，放假2天（5月1日、2日）');
  });

  it('flags every day of a provisional year, the plain ones too, with the statutory rule as citation', () => {
    const plain = cal.dayKind('2027-03-03');
    expect(plain).toMatchObject({
      kind: 'workday',
      isWorkday: true,
      provisional: true,
      source: { layer: 'weekday-rule' },
    });
    expect(plain.source.cite?.document).toContain('国务院令第795号');
    expect(cal.dayKind('2027-03-06')).toMatchObject({ kind: 'weekend', provisional: true });
    expect(cal.dayKind('2026-03-03').provisional).toBeUndefined();
    expect(
      statutoryHolidays(2028)
        .filter((d) => d.name === '春节')
        .map((d) => d.date),
    ).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']);
  });

  it('says which answers rest on provisional days', () => {
    expect(cal.addWorkdaysWithBasis('2026-12-28', 3)).toEqual({ date: '2026-12-31', provisional: false, years: [] });
    const across = cal.addWorkdaysWithBasis('2026-12-30', 2);
    expect(across).toMatchObject({
      date: '2027-01-04',
      provisional: true,
      years: [{ year: 2027, source: 'provisional' }],
    });
    expect(cal.basis('2027-01-04', '2026-12-30')).toEqual({ provisional: true, years: across.years });
    expect(cal.basis('2026-01-01', '2026-12-31')).toEqual({ provisional: false, years: [] });
    expect(cal.addWorkdays('2027-02-04', 1)).toBe('2027-02-09'); // over 除夕..初三, no make-up days known
  });

  it('provisionalYears sets the horizon (0: none)', () => {
    expect(createChinaCalendar({ provisionalYears: 0 }).provisionalCoverage()).toBeNull();
    expect(createChinaCalendar({ provisionalYears: 5 }).provisionalCoverage()).toEqual({ first: 2027, last: 2031 });
    expect(() => createChinaCalendar({ provisionalYears: 6 })).toThrow(CalendarValidationError);
    expect(() => createChinaCalendar({ provisionalYears: 1.5 })).toThrow(CalendarValidationError);
  });
});

describe('the statutory rule agrees with every published arrangement 2011–2026', () => {
  it('uses the version in force each year: 第513号 to 2013, 第644号 2014–2024, 第795号 from 2025', () => {
    expect(statutoryRuleFor(2011)).toBe(RULE_513);
    expect(statutoryRuleFor(2013)).toBe(RULE_513);
    expect(statutoryRuleFor(2014)).toBe(RULE_644);
    expect(statutoryRuleFor(2024)).toBe(RULE_644);
    expect(statutoryRuleFor(2025)).toBe(RULE_795);
    expect(statutoryRuleFor(2007)).toBeUndefined();
  });

  it('every statutory day the lunar and solar-term computation gives is a holiday in the published data', () => {
    let checked = 0;
    for (let y = 2011; y <= 2026; y++) {
      const days = statutoryHolidays(y);
      const rule = statutoryRuleFor(y)!;
      expect(days.length, `${y}`).toBe(rule === RULE_795 ? 13 : 11);
      for (const d of days) {
        const info = cal.dayKind(d.date);
        expect(info.kind, `${y} ${d.date} ${d.name}`).toBe('holiday');
        expect(info.provisional).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBe(14 * 11 + 2 * 13);
  });

  it('除夕 is the day before 正月初一 whether the 12th month has 29 or 30 days', () => {
    const lastMonthDays = (y: number) => LunarMonth.fromYm(y - 1, 12).getDayCount();
    expect([2011, 2013, 2025, 2026].map(lastMonthDays)).toEqual([30, 29, 29, 29]); // 2025 and 2026 have no 年三十
    expect(statutoryHolidays(2011).find((d) => d.name === '春节')?.date).toBe('2011-02-02'); // 腊月三十
    expect(statutoryHolidays(2025).find((d) => d.name === '春节')?.date).toBe('2025-01-28');
    expect(statutoryHolidays(2026).find((d) => d.name === '春节')?.date).toBe('2026-02-16');
    expect(statutoryHolidays(2013).find((d) => d.name === '春节')?.date).toBe('2013-02-09');
    expect(statutoryHolidays(2014).find((d) => d.name === '春节')?.date).toBe('2014-01-31'); // 初一: 第644号 has no 除夕
  });
});

describe('the provisional computation does not depend on TZ', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same days and answers under UTC, Asia/Shanghai and America/Los_Angeles', () => {
    const answers: string[] = [];
    const offsets = new Set<number>();
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
      process.env.TZ = tz;
      offsets.add(new Date(2027, 0, 1).getTimezoneOffset());
      const c = createChinaCalendar();
      const days = [2027, 2028, 2030, 2035].flatMap((y) => statutoryHolidays(y).map((d) => d.date));
      answers.push(
        JSON.stringify([
          days,
          c.addWorkdays('2027-02-04', 1),
          c.dayKind('2027-10-01').kind,
          c.toLocalDate(new Date('2027-02-04T16:00:00Z')),
        ]),
      );
    }
    expect(offsets.size).toBe(3); // the host zone really changed
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]!)[3]).toBe('2027-02-05');
  });
});

describe('a published year from a year file', () => {
  it('the fixture file checks clean and is marked as test data', () => {
    expect(checkYearFile(FIXTURE_2027)).toEqual([]);
    const parsed = parseYearFile(FIXTURE_2027);
    expect(parsed).toMatchObject({
      year: 2027,
      fixture: true,
      published: { cite: { document: expect.stringContaining('测试〔2026〕1号'), date: '2026-11-20' } },
    });
  });

  it('2027 before and after adding the year: the year replaces the provisional one and is cited in every answer using it', () => {
    const { year, published } = parseYearFile(FIXTURE_2027);
    const after = createChinaCalendar({ years: { [year]: published } });
    // Before: 2027-02-09 is a working day (no 补假 known); after: the fixture's 春节 runs to 02-12.
    expect(cal.isWorkday('2027-02-09')).toBe(true);
    expect(after.isWorkday('2027-02-09')).toBe(false);
    expect(cal.dayKind('2027-10-09').kind).toBe('weekend');
    expect(after.dayKind('2027-10-09')).toEqual({
      date: '2027-10-09',
      kind: 'makeup-workday',
      isWorkday: true,
      name: '补国庆节',
      source: { layer: 'year-2027', cite: published.cite },
    });
    expect(after.dayKind('2027-03-03').provisional).toBeUndefined();
    expect(after.coverage()).toEqual({ first: 2011, last: 2027 });
    expect(after.provisionalCoverage()).toEqual({ first: 2028, last: 2029 });
    expect(cal.addWorkdays('2027-10-11', -5)).toBe('2027-10-04');
    expect(after.addWorkdaysWithBasis('2027-10-11', -5)).toEqual({
      date: '2027-09-28',
      provisional: false,
      years: [{ year: 2027, source: 'host', cite: published.cite }],
    });
  });

  it('finds every problem: a weekday make-up day, a missing statutory day, an impossible date, an uncited notice', () => {
    const bad = structuredClone(FIXTURE_2027);
    bad.workdays.push({ date: '2027-03-03', name: '补春节' });
    bad.holidays = bad.holidays.filter((d: { date: string }) => d.date !== '2027-02-05');
    const codes = checkYearFile(bad).map((i) => `${i.code} ${i.path.join('.')}`);
    expect(codes).toEqual(['makeup_not_weekend workdays.5.date', 'statutory_missing holidays']);
    expect(checkYearFile(bad)[1]!.message).toContain('2027-02-05 (春节) is a statutory holiday');

    const impossible = structuredClone(FIXTURE_2027);
    impossible.holidays[0].date = '2027-02-30';
    delete impossible.notice.number;
    const paths = checkYearFile(impossible).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['holidays.0.date', 'notice.number']));

    const wrongYear = structuredClone(FIXTURE_2027);
    wrongYear.holidays.push({ date: '2028-01-01', name: '元旦' });
    wrongYear.holidays.push({ date: '2027-01-01', name: '元旦' });
    expect(checkYearFile(wrongYear).map((i) => i.code)).toEqual(['wrong_year', 'duplicate']);
    expect(checkYearFile({ ...FIXTURE_2027, format: 'other' })[0]!.path).toEqual(['format']);

    let thrown: unknown;
    try {
      parseYearFile(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CalendarValidationError);
    expect(isCertflowError(thrown)).toBe(true);
    expect((thrown as CalendarValidationError).code).toBe('VALIDATION');
    expect((thrown as CalendarValidationError).format('zh-CN')).toContain('输入无效');
  });
});
