import { UTCDate } from '@date-fns/utc';
// Subpath imports: a CommonJS require of the 'date-fns' root loads every function.
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { parseISO } from 'date-fns/parseISO';
import { InvalidDateError } from './errors.js';
import type { LocalDate } from './types.js';

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say where it is: 'Z' or an explicit offset. A bare
// '2020-10-08T20:00' would otherwise be read in the host's time zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
// All parsing and formatting below runs on UTCDate, so no result depends on TZ.
const REFERENCE = new UTCDate(2000, 0, 1);

/** Parses 'YYYY-MM-DD' into a UTCDate at midnight, or throws InvalidDateError. */
export function parseLocalDate(input: unknown): UTCDate {
  if (typeof input !== 'string') throw new InvalidDateError(input, 'expected a date string YYYY-MM-DD');
  if (!LOCAL_DATE.test(input)) throw new InvalidDateError(input, 'expected the form YYYY-MM-DD');
  const d = parse(input, 'yyyy-MM-dd', REFERENCE);
  if (!isValid(d)) throw new InvalidDateError(input, 'no such day in the calendar');
  return d as UTCDate;
}

export function isLocalDate(input: unknown): input is LocalDate {
  if (typeof input !== 'string' || !LOCAL_DATE.test(input)) return false;
  return isValid(parse(input, 'yyyy-MM-dd', REFERENCE));
}

/** Formats a UTCDate's calendar day as 'YYYY-MM-DD' (its UTC day; years 0000–9999). */
export function formatLocalDate(d: UTCDate): LocalDate {
  // toISOString reads the UTC fields directly: ~50× faster than date-fns
  // format, which matters when a calendar lists every day of 16 years.
  return d.toISOString().slice(0, 10);
}

/**
 * The date in China (UTC+8) of an instant, whatever the host's time zone.
 * Accepts a Date, an ISO 8601 instant with 'Z' or an offset, or a date
 * 'YYYY-MM-DD' (returned as is once checked).
 */
export function toLocalDate(instant: Date | string): LocalDate {
  let ms: number;
  if (instant instanceof Date) {
    ms = instant.getTime();
    if (Number.isNaN(ms)) throw new InvalidDateError(instant, 'the Date is invalid');
  } else if (typeof instant === 'string') {
    if (LOCAL_DATE.test(instant)) {
      parseLocalDate(instant);
      return instant;
    }
    if (!INSTANT.test(instant)) {
      throw new InvalidDateError(
        instant,
        "expected YYYY-MM-DD or an ISO 8601 instant with 'Z' or an offset (e.g. 2020-10-08T20:00:00Z)",
      );
    }
    const d = parseISO(instant);
    if (!isValid(d)) throw new InvalidDateError(instant, 'no such day or time');
    // parseISO accepts day 30 in February by rolling over; reject that.
    parseLocalDate(instant.slice(0, 10));
    ms = d.getTime();
  } else {
    throw new InvalidDateError(instant, 'expected a Date or an ISO 8601 string');
  }
  const shifted = new UTCDate(ms + CHINA_OFFSET_MS);
  if (Number.isNaN(shifted.getTime())) throw new InvalidDateError(instant, 'the year is out of range (0000–9999)');
  const local = formatLocalDate(shifted);
  if (!LOCAL_DATE.test(local)) throw new InvalidDateError(instant, 'the year is out of range (0000–9999)');
  return local;
}
