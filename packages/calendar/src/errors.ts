import { calendarLocales, issueTextEn, issueTextZh } from './locales/index.js';
import type { CalendarCoverage } from './types.js';

/** The locales calendar messages are written in (the same as certflow's). */
export type CalendarLocale = 'en' | 'zh-CN';

/** A structured problem in input: where (path), what was expected, what was found. */
export interface CalendarIssue {
  path: (string | number)[];
  /** One of `CALENDAR_ISSUE_CODES`: each has a message in every locale. */
  code: CalendarIssueCode;
  /** The issue in English as its source wrote it. */
  message: string;
  expected?: string;
  received?: string;
  /** Data the code's messages read (dates, years); `zod` holds the fields of the zod issue it came from. */
  params?: Record<string, unknown>;
}

/** Every code a CalendarIssue carries: zod's, and the calendar's own checks of added years and year files. */
export const CALENDAR_ISSUE_CODES = [
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'invalid_union',
  'unrecognized_keys',
  'not_multiple_of',
  'invalid_key',
  'invalid_element',
  'custom',
  'already_covered',
  'coverage_gap',
  'wrong_year',
  'not_covered',
  'duplicate',
  'notice_after_year',
  'makeup_not_weekend',
  'statutory_missing',
] as const;

/** A code of `CALENDAR_ISSUE_CODES`. */
export type CalendarIssueCode = (typeof CALENDAR_ISSUE_CODES)[number];

const path = (p: readonly (string | number)[]): string =>
  p.length === 0 ? '(root)' : p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/**
 * The brand every certflow error carries (a registered symbol, so separate
 * copies of a package agree): `@certflow/core` treats a branded error as one
 * of its own (`instanceof CertflowError`, `prettifyError`, the CLI's exit
 * codes and `--json` output) without the calendar importing core.
 */
export const CERTFLOW_ERROR: unique symbol = Symbol.for('certflow.error');

/**
 * Base of the errors the calendar throws: a stable `code` and `params`, the
 * message produced from them in a locale (`error.format('zh-CN')`), the same
 * shape as certflow's errors.
 */
export class CalendarError extends Error {
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly [CERTFLOW_ERROR] = true;

  constructor(code: string, params: Record<string, unknown>) {
    super(CalendarError.text(code, params, 'en') ?? `${code} ${JSON.stringify(params)}`);
    this.code = code;
    this.params = params;
    this.name = new.target.name;
  }

  private static text(code: string, params: Record<string, unknown>, locale: CalendarLocale): string | undefined {
    const table = (l: CalendarLocale) =>
      calendarLocales[l].errors as Record<string, ((p: never) => string) | undefined>;
    const fn = (table(locale)[code] ?? table('en')[code]) as ((p: Record<string, unknown>) => string) | undefined;
    return fn?.(params);
  }

  /** The locale `message` is written in; `format()` without a locale uses it. */
  locale: CalendarLocale = 'en';

  format(locale: CalendarLocale = this.locale): string {
    return CalendarError.text(this.code, this.params, locale) ?? this.message;
  }

  /** Sets the locale of `message` (and of `format()` without an argument), as core's errors do. */
  localize(locale: CalendarLocale): this {
    this.locale = locale;
    this.message = this.format(locale);
    return this;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, ...this.params };
  }
}

/**
 * A date outside the years the calendar covers — asked directly, or reached by
 * stepping with addWorkdays. Covered means published (built-in or added by the
 * host) or provisional (the statutory holidays, up to the horizon); beyond
 * that a date is never answered by a guess.
 */
export class CalendarCoverageError extends CalendarError {
  /** The year that is not covered. */
  readonly year: number;
  /** The published years; `provisionalLast` is the last provisional year, when there are any. */
  readonly covered: CalendarCoverage;
  /** The date given (or, when stepping, the date stepped from). */
  readonly date: string;
  readonly operation: string | undefined;

  constructor(args: {
    date: string;
    year: number;
    covered: CalendarCoverage;
    operation?: string;
    provisionalLast?: number | null;
  }) {
    super('CALENDAR_COVERAGE', {
      date: args.date,
      year: args.year,
      first: args.covered.first,
      last: args.covered.last,
      ...(args.provisionalLast ? { provisionalLast: args.provisionalLast } : {}),
      ...(args.operation ? { operation: args.operation } : {}),
    });
    this.year = args.year;
    this.covered = { first: args.covered.first, last: args.covered.last };
    this.date = args.date;
    this.operation = args.operation;
  }
}

/** A malformed or impossible date ('2020-13-45', '2020-02-30', an invalid Date). */
export class InvalidDateError extends CalendarError {
  /** The input as given (a string, or a description of a non-string input). */
  readonly input: string;
  readonly reason: string;

  constructor(input: unknown, reason: string) {
    const shown =
      typeof input === 'string'
        ? input
        : input instanceof Date
          ? Number.isNaN(input.getTime())
            ? 'Invalid Date'
            : input.toISOString()
          : `(${typeof input}) ${String(input)}`;
    super('INVALID_DATE', { input: shown, reason });
    this.input = shown;
    this.reason = reason;
  }
}

/**
 * Bad options, a bad year file or a bad count: every problem with its field
 * path. Its `code` is 'VALIDATION', as for certflow's ValidationError, and
 * core reports its `issues` the same way.
 */
export class CalendarValidationError extends CalendarError {
  readonly issues: CalendarIssue[];

  constructor(issues: CalendarIssue[], context?: string) {
    const summary = issues.map((i) => `${i.message} → at ${path(i.path)}`).join('; ');
    super('VALIDATION', { context, summary, issues });
    this.issues = issues;
  }

  /** One issue in a locale, from its code and data (what core's prettifyError asks a package's own issues). */
  formatIssue(issue: CalendarIssue, locale: CalendarLocale = 'en'): string {
    return locale === 'zh-CN' ? issueTextZh(issue) : issueTextEn(issue);
  }
}

/** True for an error of any certflow package (branded), e.g. to tell it from a runtime error. */
export function isCertflowError(e: unknown): e is CalendarError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[CERTFLOW_ERROR] === true;
}

/** A CalendarIssue in a locale, from its code and data (its English text as written for `en`). */
export function formatCalendarIssue(issue: CalendarIssue, locale: CalendarLocale = 'en'): string {
  return locale === 'zh-CN' ? issueTextZh(issue) : issueTextEn(issue);
}
