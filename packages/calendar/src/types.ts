/** A calendar date in China (UTC+8), written 'YYYY-MM-DD'. */
export type LocalDate = string;

/** Where a calendar entry comes from: the document and the date it was issued. */
export interface CalendarCitation {
  /** Title and number of the notice, e.g. '国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）'. */
  document: string;
  /** The date the document was issued, 'YYYY-MM-DD'. */
  date: LocalDate;
  /** Where to read it, when known. */
  url?: string;
}

/**
 * One day changed by an amendment layer. `holiday`: a day off (named);
 * `workday`: a working day (on a weekend: a make-up workday, 调休上班);
 * `ordinary`: back to the plain rule (Monday–Friday work, weekend off) — used
 * by the built-in corrections to undo a wrong entry in the base data.
 */
export interface CalendarAmendment {
  date: LocalDate;
  kind: 'holiday' | 'workday' | 'ordinary';
  name?: string;
  /** Required in every layer but the base data (chinese-workday's tables, which carry no per-day source). */
  cite?: CalendarCitation;
}

/** A named, cited set of amendments applied on top of the layers below it. */
export interface CalendarLayer {
  id: string;
  description: string;
  entries: readonly CalendarAmendment[];
}

/** A day given in a host-supplied year: the year's notice is the citation. */
export interface PublishedDay {
  date: LocalDate;
  kind: 'holiday' | 'workday';
  name?: string;
}

/** The State Council's arrangement for a year the built-in data does not cover yet. */
export interface PublishedYear {
  cite: CalendarCitation;
  /** Its holidays and make-up workdays; every other day follows Monday–Friday. */
  days: PublishedDay[];
}

/** A host's own change to single days (e.g. a province's extension), each with its citation. */
export interface CalendarOverride {
  date: LocalDate;
  kind: 'holiday' | 'workday';
  name?: string;
  cite: CalendarCitation;
}

export interface ChinaCalendarOptions {
  /** Years to add, keyed by year ('2027'); they must extend the covered range without a gap. */
  years?: Record<string, PublishedYear>;
  /** Day changes applied last, over every other layer; each date must be in a published year. */
  overrides?: CalendarOverride[];
  /**
   * How many years after the last published one are answered provisionally,
   * from the statutory holidays of 《全国年节及纪念日放假办法》 (国务院令第795号)
   * and weekends. Default 2; 0 turns provisional years off. At most 5.
   */
  provisionalYears?: number;
}

/** Where a year's days come from: the built-in data, a year the host added, or the statutory rule alone. */
export interface YearBasis {
  year: number;
  source: 'built-in' | 'host' | 'provisional';
  /** The host year's notice, or the statutory rule a provisional year is computed from. */
  cite?: CalendarCitation;
}

/** What an answer over a span of days rests on: provisional when any of its days is in a provisional year. */
export interface SpanBasis {
  provisional: boolean;
  /** The years of the span that are not built-in data (host-added or provisional), with their citations. */
  years: YearBasis[];
}

/** A working-day result with what it rests on. */
export interface WorkdayAnswer extends SpanBasis {
  date: LocalDate;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

/** What a day is, and which layer decided it. */
export interface DayInfo {
  date: LocalDate;
  kind: DayKind;
  /** True for `workday` and `makeup-workday`. */
  isWorkday: boolean;
  /** The holiday's name, or the name of the holiday a make-up workday belongs to. */
  name?: string;
  /** 'weekday-rule' when no layer names the day; otherwise the layer's id and the entry's citation. */
  source: { layer: string; cite?: CalendarCitation };
  /**
   * Present (true) when the day is in a year whose arrangement is not
   * published: the answer comes from the statutory holidays and weekends only,
   * and `source.cite` is the statutory rule. Make-up workdays and bridges of
   * that year are unknown until its notice is added.
   */
  provisional?: true;
}

export interface CalendarCoverage {
  first: number;
  last: number;
}
