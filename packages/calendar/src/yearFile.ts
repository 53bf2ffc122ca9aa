import { z } from 'zod';
import { statutoryHolidays, statutoryRuleFor } from './data/statutory.js';
import { CalendarValidationError, type CalendarIssue, type CalendarIssueCode } from './errors.js';
import { isLocalDate } from './localDate.js';
import { zodIssues } from './options.js';
import type { PublishedYear } from './types.js';

/** The `format` every year file names, so a file of another kind is refused at once. */
export const YEAR_FILE_FORMAT = 'certflow-calendar-year/1';

/**
 * One year's arrangement (放假安排) as JSON, to add a published year without a
 * new release of the package. Dates are China dates 'YYYY-MM-DD'.
 */
export interface YearFile {
  format: typeof YEAR_FILE_FORMAT;
  year: number;
  /** The State Council's notice: its title, its number (e.g. 国办发明电〔2026〕N号) and the date it was issued. */
  notice: { title: string; number: string; date: string; url?: string };
  /** Every day off, named (元旦, 春节, …), including the days off that fall on a weekend. */
  holidays: { date: string; name: string }[];
  /** The make-up workdays (调休上班): weekend days that are working days, named after their holiday (补春节). */
  workdays: { date: string; name: string }[];
  /** Marks test data (a made-up arrangement): tools say so wherever they show it. */
  fixture?: boolean;
}

const localDate = z.string().refine(isLocalDate, { message: 'expected a real date as YYYY-MM-DD' });
const named = z.strictObject({
  date: localDate,
  name: z.string().trim().min(1, 'each day is named after its holiday'),
});
const yearFileSchema = z.strictObject({
  format: z.literal(YEAR_FILE_FORMAT, `expected "format": "${YEAR_FILE_FORMAT}"`),
  year: z.number().int().min(2008, 'the statutory rules certflow knows start in 2008').max(9999),
  notice: z.strictObject({
    title: z.string().trim().min(1, "the notice's title is needed"),
    number: z
      .string()
      .trim()
      .regex(/〔\d{4}〕\d+号$/, 'expected the notice number as issued, e.g. 国办发明电〔2026〕12号'),
    date: localDate,
    url: z.url().optional(),
  }),
  holidays: z.array(named).min(1, "a year's arrangement lists at least its holidays"),
  workdays: z.array(named),
  fixture: z.boolean().optional(),
});

/** A checked year file, ready for `createChinaCalendar({ years: { [year]: published } })`. */
export interface CheckedYearFile {
  year: number;
  fixture: boolean;
  published: PublishedYear;
}

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * Checks a year file: its shape; every holiday and make-up workday on a real
 * date of that year (or, as notices do for 元旦, late December of the year
 * before); make-up workdays on a Saturday or Sunday; no day listed twice or
 * both ways; the notice cited by title, number and a date before the year
 * ends; and every statutory holiday of the year (《全国年节及纪念日放假办法》,
 * the version in force) listed as a holiday. Returns every problem found.
 */
export function checkYearFile(input: unknown): CalendarIssue[] {
  const parsed = yearFileSchema.safeParse(input);
  if (!parsed.success) return zodIssues(parsed.error);
  const f = parsed.data;
  const issues: CalendarIssue[] = [];
  const issue = (
    path: (string | number)[],
    code: CalendarIssueCode,
    message: string,
    params: Record<string, unknown>,
    extra: Partial<CalendarIssue> = {},
  ) => issues.push({ path, code, message, params, ...extra });
  const y = f.year;
  if (f.notice.date > `${y}-12-31`)
    issue(['notice', 'date'], 'notice_after_year', `the notice is dated ${f.notice.date}, after ${y} ended`, {
      date: f.notice.date,
      year: y,
    });

  const inYear = (date: string) => date.startsWith(`${y}-`) || date.startsWith(`${y - 1}-12-`);
  const seen = new Map<string, string>();
  for (const list of ['holidays', 'workdays'] as const) {
    f[list].forEach((d, i) => {
      if (!inYear(d.date))
        issue([list, i, 'date'], 'wrong_year', `${d.date} is not in ${y} (nor in December of ${y - 1})`, {
          date: d.date,
          year: y,
        });
      const before = seen.get(d.date);
      if (before)
        issue(
          [list, i, 'date'],
          'duplicate',
          `${d.date} is listed twice (${before === list ? `in ${list}` : 'as a holiday and as a workday'})`,
          { date: d.date },
        );
      seen.set(d.date, list);
      if (list === 'workdays') {
        const wd = weekday(d.date);
        if (wd !== 0 && wd !== 6) {
          issue(
            [list, i, 'date'],
            'makeup_not_weekend',
            `${d.date} is a weekday: a make-up workday (调休上班) is a Saturday or Sunday`,
            { date: d.date },
            { expected: 'Saturday or Sunday' },
          );
        }
      }
    });
  }
  const holidays = new Set(f.holidays.map((d) => d.date));
  const rule = statutoryRuleFor(y);
  for (const s of statutoryHolidays(y)) {
    if (!holidays.has(s.date)) {
      issue(
        ['holidays'],
        'statutory_missing',
        `${s.date} (${s.name}) is a statutory holiday (${rule!.cite.document} ${rule!.cite.clause}) and is not listed`,
        { date: s.date, name: s.name, document: rule!.cite.document, clause: rule!.cite.clause },
        {
          expected: s.date,
        },
      );
    }
  }
  return issues;
}

/** Reads a year file (parsed JSON): checked as `checkYearFile` does, or a CalendarValidationError listing every problem. */
export function parseYearFile(input: unknown): CheckedYearFile {
  const issues = checkYearFile(input);
  if (issues.length > 0) throw new CalendarValidationError(issues, 'calendar year file');
  const f = input as YearFile;
  const document = f.notice.title.includes(f.notice.number)
    ? f.notice.title
    : `${f.notice.title}（${f.notice.number}）`;
  return {
    year: f.year,
    fixture: f.fixture === true,
    published: {
      cite: { document, date: f.notice.date, ...(f.notice.url ? { url: f.notice.url } : {}) },
      days: [
        ...f.holidays.map((d) => ({ date: d.date, kind: 'holiday' as const, name: d.name })),
        ...f.workdays.map((d) => ({ date: d.date, kind: 'workday' as const, name: d.name })),
      ],
    },
  };
}
