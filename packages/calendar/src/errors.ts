import type { CalendarCoverage } from './types.js';

/** The locales calendar messages are written in (the same as certflow's). */
export type CalendarLocale = 'en' | 'zh-CN';

/** A structured problem in input: where (path), what was expected, what was found. */
export interface CalendarIssue {
  path: (string | number)[];
  code: string;
  message: string;
  expected?: string;
  received?: string;
}

type Params = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const path = (p: readonly (string | number)[]): string =>
  p.length === 0 ? '(root)' : p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

const coverageHint = (p: Params, zh: boolean): string => {
  const provisional = p.provisionalLast !== undefined && p.provisionalLast !== null;
  if (zh) {
    return provisional
      ? `（已公布 ${s(p.first)}–${s(p.last)} 年，按法定节假日暂定至 ${s(p.provisionalLast)} 年）`
      : `（${s(p.first)}–${s(p.last)} 年）`;
  }
  return provisional
    ? ` (published: ${s(p.first)}–${s(p.last)}; provisional from the statutory holidays up to ${s(p.provisionalLast)})`
    : ` (covered years: ${s(p.first)}–${s(p.last)})`;
};

// The calendar's own messages: it does not depend on @certflow/core. Core
// recognises these errors by their brand (see CERTFLOW_ERROR) and formats them
// with `format(locale)`; their codes are the ones certflow documents.
const MESSAGES: Record<string, Record<CalendarLocale, (p: Params) => string>> = {
  CALENDAR_COVERAGE: {
    en: (p) =>
      `${p.operation ? `${s(p.operation)}: ` : ''}${s(p.date)} ${p.operation ? 'reaches' : 'is in'} ${s(p.year)}, which the calendar does not cover${coverageHint(p, false)}. ` +
      `Add the year once its arrangement is published: createChinaCalendar({ years: { '${s(p.year)}': { cite, days } } }).`,
    'zh-CN': (p) =>
      `${p.operation ? `${s(p.operation)}：` : ''}${s(p.date)} ${p.operation ? '落入' : '属于'} ${s(p.year)} 年，不在日历覆盖范围${coverageHint(p, true)}内。` +
      `该年节假日安排公布后，请通过 createChinaCalendar({ years: { '${s(p.year)}': { cite, days } } }) 补充。`,
  },
  INVALID_DATE: {
    en: (p) => `invalid date ${s(p.input)}: ${s(p.reason)}`,
    'zh-CN': (p) => `日期无效 ${s(p.input)}：${s(p.reason)}`,
  },
  VALIDATION: {
    en: (p) => `invalid input: ${s(p.summary)}`,
    'zh-CN': (p) => `输入无效：${s(p.summary)}`,
  },
};

/**
 * The brand every certflow error carries (a registered symbol, so separate
 * copies of a package agree): `@certflow/core` treats a branded error as one
 * of its own (`instanceof CertflowError`, `prettifyError`, the CLI's exit
 * codes and `--json` output) without the calendar importing core.
 */
export const CERTFLOW_ERROR: unique symbol = Symbol.for('certflow.error') as never;

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
    super(MESSAGES[code]?.en(params) ?? `${code} ${JSON.stringify(params)}`);
    this.code = code;
    this.params = params;
    this.name = new.target.name;
  }

  format(locale: CalendarLocale = 'en'): string {
    const table = MESSAGES[this.code];
    return (table?.[locale] ?? table?.en)?.(this.params) ?? this.message;
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

  constructor(args: { date: string; year: number; covered: CalendarCoverage; operation?: string; provisionalLast?: number | null }) {
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
          ? Number.isNaN(input.getTime()) ? 'Invalid Date' : input.toISOString()
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
}

/** True for an error of any certflow package (branded), e.g. to tell it from a runtime error. */
export function isCertflowError(e: unknown): e is CalendarError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[CERTFLOW_ERROR] === true;
}
