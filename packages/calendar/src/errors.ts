import { CertflowError, registerMessages } from '@certflow/core';
import type { CalendarCoverage } from './types.js';

type Params = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

let registered = false;
// Registered when the first calendar error is built (not by import side effect,
// which bundlers honouring `sideEffects: false` may drop).
function withMessages<P extends Params>(params: P): P {
  if (!registered) {
    registered = true;
    registerMessages('CALENDAR_COVERAGE', {
      en: (p) =>
        `${p.operation ? `${s(p.operation)}: ` : ''}${s(p.date)} ${p.operation ? 'reaches' : 'is in'} ${s(p.year)}, which the calendar does not cover (covered years: ${s(p.first)}–${s(p.last)}). ` +
        `Add the year once its arrangement is published: createChinaCalendar({ years: { '${s(p.year)}': { cite, days } } }).`,
      'zh-CN': (p) =>
        `${p.operation ? `${s(p.operation)}：` : ''}${s(p.date)} ${p.operation ? '落入' : '属于'} ${s(p.year)} 年，不在日历覆盖范围（${s(p.first)}–${s(p.last)} 年）内。` +
        `该年节假日安排公布后，请通过 createChinaCalendar({ years: { '${s(p.year)}': { cite, days } } }) 补充。`,
    });
    registerMessages('INVALID_DATE', {
      en: (p) => `invalid date ${s(p.input)}: ${s(p.reason)}`,
      'zh-CN': (p) => `日期无效 ${s(p.input)}：${s(p.reason)}`,
    });
  }
  return params;
}

/**
 * A date outside the years the calendar covers — asked directly, or reached by
 * stepping with addWorkdays. Never answered by a weekends-only guess.
 */
export class CalendarCoverageError extends CertflowError {
  /** The year that is not covered. */
  readonly year: number;
  readonly covered: CalendarCoverage;
  /** The date given (or, when stepping, the date stepped from). */
  readonly date: string;
  readonly operation: string | undefined;

  constructor(args: { date: string; year: number; covered: CalendarCoverage; operation?: string }) {
    super(
      'CALENDAR_COVERAGE',
      withMessages({
        date: args.date,
        year: args.year,
        first: args.covered.first,
        last: args.covered.last,
        ...(args.operation ? { operation: args.operation } : {}),
      }),
    );
    this.year = args.year;
    this.covered = { ...args.covered };
    this.date = args.date;
    this.operation = args.operation;
  }
}

/** A malformed or impossible date ('2020-13-45', '2020-02-30', an invalid Date). */
export class InvalidDateError extends CertflowError {
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
    super('INVALID_DATE', withMessages({ input: shown, reason }));
    this.input = shown;
    this.reason = reason;
  }
}
