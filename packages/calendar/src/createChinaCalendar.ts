import { BUILT_IN_AMENDMENTS } from './data/amendments.js';
import {
  CHINESE_WORKDAY_FIRST_YEAR,
  CHINESE_WORKDAY_HOLIDAYS,
  CHINESE_WORKDAY_LAST_YEAR,
  CHINESE_WORKDAY_MAKEUP_WORKDAYS,
  CHINESE_WORKDAY_VERSION,
} from './data/chineseWorkday.js';
import { CHINESE_WORKDAY_CORRECTIONS } from './data/corrections.js';
import { statutoryHolidays, statutoryRuleFor } from './data/statutory.js';
import { buildDayTable, Kind, KIND_NAMES, type DayTable } from './dayTable.js';
import { CalendarCoverageError, CalendarValidationError, InvalidDateError } from './errors.js';
import { CHINA_OFFSET_MS, parseLocalDate, toLocalDate } from './localDate.js';
import { checkOptions } from './options.js';
import type {
  CalendarCitation,
  CalendarCoverage,
  CalendarLayer,
  ChinaCalendarOptions,
  DayInfo,
  LocalDate,
  SpanBasis,
  WorkdayAnswer,
  YearBasis,
} from './types.js';

/** A date in China as 'YYYY-MM-DD', or an instant (read in China time). */
export type DateInput = LocalDate | Date;

export interface ChinaCalendar {
  /** True on a working day: Monday–Friday that is not a holiday, or a make-up workday. */
  isWorkday(date: DateInput): boolean;
  /** What the day is — workday, weekend, holiday (named) or make-up workday — and which layer said so. */
  dayKind(date: DateInput): DayInfo;
  /** n > 0: the n-th working day strictly after `date`; n < 0: the |n|-th strictly before; 0: `date`. */
  addWorkdays(date: DateInput, n: number): LocalDate;
  /** The first working day strictly after `date`. */
  nextWorkday(date: DateInput): LocalDate;
  /** The last working day strictly before `date`. */
  previousWorkday(date: DateInput): LocalDate;
  /**
   * The number of working days d with a < d ≤ b. When b < a the result is
   * negative: minus the number of working days d with b < d ≤ a, so that
   * workdaysBetween(a, b) === -workdaysBetween(b, a).
   */
  workdaysBetween(a: DateInput, b: DateInput): number;
  /** "Within N working days after D": due at the end of this day. */
  dueWithin(date: DateInput, workingDays: number): LocalDate;
  /** "At least N working days before E": filed on or before this day. */
  latestBefore(event: DateInput, workingDays: number): LocalDate;
  /** "A period of at least N working days from S": may close on or after this day. */
  earliestClose(start: DateInput, workingDays: number): LocalDate;
  /** The date in China (UTC+8) of an instant, whatever the host's time zone. */
  toLocalDate(instant: Date | string): LocalDate;
  /** First and last published year (built in, or added by the host). */
  coverage(): CalendarCoverage;
  /** The years answered provisionally from the statutory holidays (after the last published one), or null when none. */
  provisionalCoverage(): CalendarCoverage | null;
  /** Where a year's days come from: built-in data, a host-added year (its notice), or provisional (the statutory rule). */
  yearBasis(year: number): YearBasis;
  /**
   * What the days from a to b (either order, both included) rest on:
   * `provisional` when any of them is in a provisional year, and the years
   * that are host-added or provisional, with their citations.
   */
  basis(a: DateInput, b: DateInput): SpanBasis;
  /** addWorkdays with what its answer rests on (the days from `date` to the result). */
  addWorkdaysWithBasis(date: DateInput, n: number): WorkdayAnswer;
  /** The layers over the weekday rule, lowest first, each with its cited entries. */
  layers(): readonly CalendarLayer[];
}

const BASE_LAYER: CalendarLayer = {
  id: `chinese-workday@${CHINESE_WORKDAY_VERSION}`,
  description: `Holiday and make-up workday tables of chinese-workday ${CHINESE_WORKDAY_VERSION} (${CHINESE_WORKDAY_FIRST_YEAR}–${CHINESE_WORKDAY_LAST_YEAR})`,
  entries: [
    ...CHINESE_WORKDAY_HOLIDAYS.map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
    ...CHINESE_WORKDAY_MAKEUP_WORKDAYS.map(([date, name]) => ({ date, kind: 'workday' as const, name })),
  ],
};

const DAY_MS = 86_400_000;
const DEFAULT_PROVISIONAL_YEARS = 2;

/** The layer of a year whose arrangement is not published: the statutory holidays of the rule in force. */
function provisionalLayer(year: number): CalendarLayer {
  const rule = statutoryRuleFor(year)!;
  return {
    id: `provisional-${year}`,
    description: `${year}: not published; the statutory holidays of ${rule.cite.document} ${rule.cite.clause}, weekends off, make-up workdays unknown`,
    entries: statutoryHolidays(year).map((d) => ({
      date: d.date,
      kind: 'holiday' as const,
      name: d.name,
      cite: d.cite,
    })),
  };
}

/**
 * A China working-day calendar: chinese-workday's tables, the cited built-in
 * corrections and amendments (the 2020 Spring Festival extension), then the
 * host's years and overrides. Dates outside the covered years throw
 * CalendarCoverageError; nothing falls back to weekends only.
 */
export function createChinaCalendar(options?: ChinaCalendarOptions): ChinaCalendar {
  const builtIn = { first: CHINESE_WORKDAY_FIRST_YEAR, last: CHINESE_WORKDAY_LAST_YEAR };
  const { options: opts, coverage } = checkOptions(options, builtIn);

  const layers: CalendarLayer[] = [BASE_LAYER, CHINESE_WORKDAY_CORRECTIONS, ...BUILT_IN_AMENDMENTS];
  for (const [year, published] of Object.entries(opts.years ?? {}).sort(([a], [b]) => Number(a) - Number(b))) {
    layers.push({
      id: `year-${year}`,
      description: `${year} arrangement supplied by the host`,
      entries: published.days.map((d) => ({ ...d, cite: published.cite })),
    });
  }
  const horizon = opts.provisionalYears ?? DEFAULT_PROVISIONAL_YEARS;
  const provisional: CalendarCoverage | null =
    horizon > 0 ? { first: coverage.last + 1, last: coverage.last + horizon } : null;
  // Provisional layers come after the published ones (whose data may reach into the year after, e.g. a
  // 元旦 from 12-31) and before the host's overrides (which only reach published years).
  if (provisional) for (let y = provisional.first; y <= provisional.last; y++) layers.push(provisionalLayer(y));
  if (opts.overrides && opts.overrides.length > 0) {
    layers.push({ id: 'overrides', description: 'Overrides supplied by the host', entries: opts.overrides });
  }

  const hostCites = new Map<number, CalendarCitation>(
    Object.entries(opts.years ?? {}).map(([y, p]) => [Number(y), p.cite]),
  );
  const table = buildDayTable(coverage.first, provisional?.last ?? coverage.last, layers);
  return calendarOver(table, layers, coverage, provisional, hostCites);
}

function calendarOver(
  t: DayTable,
  layerList: readonly CalendarLayer[],
  published: CalendarCoverage,
  provisional: CalendarCoverage | null,
  hostCites: ReadonlyMap<number, CalendarCitation>,
): ChinaCalendar {
  const { dates, indexByDate, kind, workdaysBefore, workdayIndex } = t;
  const nDays = dates.length;
  const covered = (): CalendarCoverage => ({ ...published });
  const provisionalLast = provisional?.last ?? null;
  // Index of 1 January of the first provisional year: days from here on are provisional.
  const provisionalFrom = provisional ? indexByDate.get(`${provisional.first}-01-01`)! : nDays;
  const yearOfIndex = (i: number): number => Number(dates[i]!.slice(0, 4));

  function yearBasis(year: number): YearBasis {
    if (!Number.isSafeInteger(year) || year < t.first || year > t.last) {
      throw new CalendarCoverageError({ date: `${year}-01-01`, year, covered: covered(), provisionalLast });
    }
    if (provisional && year >= provisional.first) {
      return { year, source: 'provisional', cite: { ...statutoryRuleFor(year)!.cite } };
    }
    const host = hostCites.get(year);
    return host ? { year, source: 'host', cite: host } : { year, source: 'built-in' };
  }

  function basisOf(i: number, j: number): SpanBasis {
    const [lo, hi] = i <= j ? [i, j] : [j, i];
    const years: YearBasis[] = [];
    for (let y = yearOfIndex(lo); y <= yearOfIndex(hi); y++) {
      const b = yearBasis(y);
      if (b.source !== 'built-in') years.push(b);
    }
    return { provisional: hi >= provisionalFrom, years };
  }

  function indexOf(input: unknown): number {
    if (typeof input === 'string') {
      const i = indexByDate.get(input);
      if (i !== undefined) return i;
      parseLocalDate(input); // throws InvalidDateError when malformed or impossible
      throw new CalendarCoverageError({
        date: input,
        year: Number(input.slice(0, 4)),
        covered: covered(),
        provisionalLast,
      });
    }
    if (input instanceof Date) {
      const ms = input.getTime();
      if (Number.isNaN(ms)) throw new InvalidDateError(input, 'the Date is invalid');
      const i = Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) - t.epochDay0;
      if (i >= 0 && i < nDays) return i;
      const local = toLocalDate(input);
      throw new CalendarCoverageError({
        date: local,
        year: Number(local.slice(0, 4)),
        covered: covered(),
        provisionalLast,
      });
    }
    throw new InvalidDateError(input, 'expected a date string YYYY-MM-DD or a Date');
  }

  function wholeNumber(n: unknown, field: string): number {
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      throw new CalendarValidationError(
        [
          {
            path: [field],
            code: 'invalid_type',
            expected: 'integer',
            received: String(n),
            message: 'expected a whole number of working days',
          },
        ],
        'working-day count',
      );
    }
    return n;
  }

  function step(date: DateInput, n: number, op: string): LocalDate {
    return dates[stepIndex(date, n, op)]!;
  }

  function stepIndex(date: DateInput, n: number, op: string): number {
    const i = indexOf(date);
    wholeNumber(n, 'n');
    if (n === 0) return i;
    // n > 0: working days after i start at position workdaysBefore[i + 1];
    // n < 0: the one just before i is at position workdaysBefore[i] - 1.
    const k = n > 0 ? workdaysBefore[i + 1]! + n - 1 : workdaysBefore[i]! + n;
    if (k < 0 || k >= workdayIndex.length) {
      throw new CalendarCoverageError({
        date: dates[i]!,
        year: k < 0 ? t.first - 1 : t.last + 1,
        covered: covered(),
        provisionalLast,
        operation: `${op}(${dates[i]}, ${n})`,
      });
    }
    return workdayIndex[k]!;
  }

  function count(date: DateInput, workingDays: number, sign: 1 | -1, op: string): LocalDate {
    const n = wholeNumber(workingDays, 'workingDays');
    if (n < 0) {
      throw new CalendarValidationError(
        [
          {
            path: ['workingDays'],
            code: 'too_small',
            expected: '>= 0',
            received: String(n),
            message: 'a number of working days cannot be negative',
          },
        ],
        op,
      );
    }
    return step(date, sign * n, op);
  }

  return {
    isWorkday(date) {
      const k = kind[indexOf(date)];
      return k === Kind.Workday || k === Kind.Makeup;
    },
    dayKind(date) {
      const i = indexOf(date);
      const k = kind[i]!;
      const info: DayInfo = {
        date: dates[i]!,
        kind: KIND_NAMES[k]!,
        isWorkday: k === Kind.Workday || k === Kind.Makeup,
        source: t.source[i] ?? { layer: 'weekday-rule' },
      };
      const name = t.name[i];
      if (name !== undefined) info.name = name;
      if (i >= provisionalFrom) {
        info.provisional = true;
        if (!info.source.cite) info.source = { layer: 'weekday-rule', cite: statutoryRuleFor(yearOfIndex(i))!.cite };
      }
      return info;
    },
    addWorkdays: (date, n) => step(date, n, 'addWorkdays'),
    nextWorkday: (date) => step(date, 1, 'nextWorkday'),
    previousWorkday: (date) => step(date, -1, 'previousWorkday'),
    workdaysBetween(a, b) {
      const i = indexOf(a);
      const j = indexOf(b);
      return workdaysBefore[j + 1]! - workdaysBefore[i + 1]!;
    },
    dueWithin: (date, n) => count(date, n, 1, 'dueWithin'),
    latestBefore: (event, n) => count(event, n, -1, 'latestBefore'),
    earliestClose: (start, n) => count(start, n, 1, 'earliestClose'),
    toLocalDate,
    coverage: covered,
    provisionalCoverage: () => (provisional ? { ...provisional } : null),
    yearBasis,
    basis: (a, b) => basisOf(indexOf(a), indexOf(b)),
    addWorkdaysWithBasis(date, n) {
      const i = indexOf(date);
      const j = stepIndex(date, n, 'addWorkdays');
      return { date: dates[j]!, ...basisOf(i, j) };
    },
    layers: () => layerList,
  };
}
