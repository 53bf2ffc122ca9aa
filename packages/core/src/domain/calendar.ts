import { CertflowError, type CoreErrorParams } from '../errors.js';

/** A China local date, 'YYYY-MM-DD'. */
export type LocalDate = string;

/**
 * What the engine needs of a working-day calendar. `@certflow/calendar`'s
 * `createChinaCalendar()` satisfies it; hosts pass one to `createEngine`.
 * Core does not depend on the calendar package (it depends on core).
 */
export interface WorkingDayCalendar {
  isWorkday(date: LocalDate): boolean;
  /** n > 0: the n-th working day strictly after `date`; n < 0: strictly before; 0: `date`. */
  addWorkdays(date: LocalDate, n: number): LocalDate;
  /** The China local date ('YYYY-MM-DD', UTC+8) of an instant. */
  toLocalDate(instant: Date | string): LocalDate;
  /**
   * Optional: what the days from a to b (both included) rest on —
   * `provisional` when any is in a year whose arrangement is not published
   * (answered from the statutory holidays), and the years that are not
   * built-in data, with their citations. `createChinaCalendar()` has it; the
   * engine copies it into deadlines and DeadlineMissed events.
   */
  basis?(a: LocalDate, b: LocalDate): CalendarSpanBasis;
}

/** A year a calendar answer rests on: added by the host (its notice) or provisional (the statutory rule). */
export interface CalendarYearBasis {
  year: number;
  source: 'built-in' | 'host' | 'provisional';
  cite?: { document: string; date: string; url?: string; clause?: string; text?: string };
}

export interface CalendarSpanBasis {
  provisional: boolean;
  years: CalendarYearBasis[];
}

/** True for the calendar's CalendarCoverageError (recognised by its code, from any copy of the package). */
export function isCalendarCoverageError(
  e: unknown,
): e is Error & { code: 'CALENDAR_COVERAGE'; year?: number; format?(locale?: string): string } {
  return e instanceof Error && (e as { code?: unknown }).code === 'CALENDAR_COVERAGE';
}

/** The China local date (UTC+8, no DST) of an instant, whatever the host's time zone. */
export function chinaLocalDate(instant: Date | string): LocalDate {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Adds calendar years to a local date (Feb 29 → Feb 28) and steps back one day: the last day of a validity period. */
export function lastDayAfterYears(from: LocalDate, years: number): LocalDate {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * Code `CALENDAR_PROVISIONAL`: an engine created with `provisional: 'refuse'`
 * was asked for a step a deadline constrains whose due date rests on a year
 * whose arrangement is not published (answered from the statutory holidays
 * only). Nothing was recorded. `deadlineId`, `step`, `due` (computed on the
 * provisional calendar) and `years` (the provisional years) say which.
 * HTTP: 409 (the request may succeed once the year is added).
 */
export class ProvisionalCalendarError extends CertflowError<CoreErrorParams['CALENDAR_PROVISIONAL']> {
  readonly deadlineId: string;
  readonly step: string;
  readonly due: LocalDate;
  readonly years: number[];
  constructor(deadlineId: string, step: string, due: LocalDate, years: number[]) {
    super('CALENDAR_PROVISIONAL', { deadlineId, step, due, years });
    this.deadlineId = deadlineId;
    this.step = step;
    this.due = due;
    this.years = years;
  }
}

/**
 * What the engine does with a deadline whose due date rests on a year whose
 * arrangement is not published: `compute` (the default) decides on the
 * provisional calendar and marks the decision provisional; `refuse` throws
 * {@link ProvisionalCalendarError} for a step such a deadline constrains, and
 * `tick` records no DeadlineMissed on provisional days.
 */
export type ProvisionalPolicy = 'compute' | 'refuse';

/** A deadline had to be computed but the engine was created without a calendar. */
export class CalendarRequiredError extends CertflowError<CoreErrorParams['CALENDAR_REQUIRED']> {
  readonly deadlineId: string;
  constructor(deadlineId: string) {
    super('CALENDAR_REQUIRED', { deadlineId });
    this.deadlineId = deadlineId;
  }
}
