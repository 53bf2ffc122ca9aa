import { z } from 'zod';
import { CalendarValidationError, type CalendarIssue, type CalendarIssueCode } from './errors.js';
import { isLocalDate } from './localDate.js';
import type { CalendarCoverage, ChinaCalendarOptions } from './types.js';

/** zod's issues as field-path issues (core's zodIssues, kept here: the calendar does not depend on core). */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): CalendarIssue[] {
  return error.issues.map((i) => {
    const { path, code, message, input: _input, ...fields } = i as typeof i & { input?: unknown };
    const issue: CalendarIssue = {
      path: [...prefix, ...path.map((k) => (typeof k === 'symbol' ? String(k) : k))],
      code,
      message,
      params: { zod: fields },
    };
    if ('expected' in i && i.expected !== undefined) issue.expected = String(i.expected);
    return issue;
  });
}

const localDate = z.string().refine(isLocalDate, { message: 'expected a real date as YYYY-MM-DD' });

export const citeSchema = z.strictObject({
  document: z.string().trim().min(1, 'the citation needs the document (title and number)'),
  date: localDate,
  url: z.url().optional(),
});

const dayFields = {
  date: localDate,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).optional(),
};

const publishedYearSchema = z.strictObject({
  cite: citeSchema,
  days: z.array(z.strictObject(dayFields)).min(1, "a year's arrangement lists at least its holidays"),
});

const optionsSchema = z
  .strictObject({
    years: z.record(z.string().regex(/^\d{4}$/, 'a year is four digits, e.g. "2027"'), publishedYearSchema).optional(),
    overrides: z.array(z.strictObject({ ...dayFields, cite: citeSchema })).optional(),
    provisionalYears: z.number().int('a whole number of years').min(0).max(5).optional(),
  })
  .optional();

export interface CheckedOptions {
  options: ChinaCalendarOptions;
  coverage: CalendarCoverage;
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * Validates options against the schema and against the built-in coverage:
 * added years must extend the covered range without a gap, their days must
 * fall in that year (or the last days of the year before, as notices do for
 * 元旦), and overrides must land in covered years. Throws one ValidationError
 * listing every problem with its field path.
 */
export function checkOptions(input: unknown, builtIn: CalendarCoverage): CheckedOptions {
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) throw new CalendarValidationError(zodIssues(parsed.error), 'createChinaCalendar options');
  const options: ChinaCalendarOptions = parsed.data ?? {};
  const issues: CalendarIssue[] = [];
  const issue = (
    path: (string | number)[],
    code: CalendarIssueCode,
    message: string,
    params: Record<string, unknown>,
  ) => issues.push({ path, code, message, params });

  const added = Object.keys(options.years ?? {})
    .map(Number)
    .sort((a, b) => a - b);
  for (const y of added) {
    if (y >= builtIn.first && y <= builtIn.last) {
      issue(
        ['years', String(y)],
        'already_covered',
        `${y} is already covered (${builtIn.first}–${builtIn.last}); change single days with overrides`,
        { year: y, first: builtIn.first, last: builtIn.last },
      );
    }
  }
  let first = builtIn.first;
  let last = builtIn.last;
  for (const y of added.filter((y) => y > builtIn.last)) {
    if (y !== last + 1)
      issue(
        ['years', String(y)],
        'coverage_gap',
        `adding ${y} would leave ${last + 1} uncovered; add ${last + 1} too`,
        { year: y, missing: last + 1 },
      );
    last = Math.max(last, y);
  }
  for (const y of added.filter((y) => y < builtIn.first).reverse()) {
    if (y !== first - 1)
      issue(
        ['years', String(y)],
        'coverage_gap',
        `adding ${y} would leave ${first - 1} uncovered; add ${first - 1} too`,
        { year: y, missing: first - 1 },
      );
    first = Math.min(first, y);
  }

  for (const [key, year] of Object.entries(options.years ?? {})) {
    const y = Number(key);
    const seen = new Set<string>();
    year.days.forEach((day, i) => {
      const dy = yearOf(day.date);
      const lateInYearBefore = dy === y - 1 && day.date.slice(5, 7) === '12';
      if (dy !== y && !lateInYearBefore) {
        issue(
          ['years', key, 'days', i, 'date'],
          'wrong_year',
          `${day.date} is not in ${y} (nor in December of ${y - 1})`,
          { date: day.date, year: y },
        );
      } else if (lateInYearBefore && (dy < first || dy > last)) {
        issue(['years', key, 'days', i, 'date'], 'not_covered', `${day.date} is in ${dy}, which is not covered`, {
          date: day.date,
          year: dy,
        });
      }
      if (seen.has(day.date))
        issue(['years', key, 'days', i, 'date'], 'duplicate', `${day.date} is listed twice`, { date: day.date });
      seen.add(day.date);
    });
  }

  const seen = new Set<string>();
  (options.overrides ?? []).forEach((o, i) => {
    const y = yearOf(o.date);
    if (y < first || y > last) {
      issue(
        ['overrides', i, 'date'],
        'not_covered',
        `${o.date} is in ${y}, which is not published (${first}–${last}); add the year under years first`,
        { date: o.date, year: y },
      );
    }
    if (seen.has(o.date))
      issue(['overrides', i, 'date'], 'duplicate', `${o.date} is overridden twice`, { date: o.date });
    seen.add(o.date);
  });

  if (issues.length > 0) throw new CalendarValidationError(issues, 'createChinaCalendar options');
  return { options, coverage: { first, last } };
}
