export { createChinaCalendar } from './createChinaCalendar.js';
export type { ChinaCalendar, DateInput } from './createChinaCalendar.js';
export {
  CalendarCoverageError,
  CalendarError,
  CalendarValidationError,
  CERTFLOW_ERROR,
  InvalidDateError,
  isCertflowError,
} from './errors.js';
export type { CalendarIssue, CalendarIssueCode, CalendarLocale } from './errors.js';
export { CALENDAR_ISSUE_CODES, formatCalendarIssue } from './errors.js';
export { calendarLocales } from './locales/index.js';
export type { CalendarLocaleMessages } from './locales/index.js';
export { toLocalDate } from './localDate.js';
export { CHINESE_WORKDAY_CORRECTIONS } from './data/corrections.js';
export { BUILT_IN_AMENDMENTS, SPRING_FESTIVAL_2020_EXTENSION } from './data/amendments.js';
export {
  RULE_513,
  RULE_644,
  RULE_795,
  STATUTORY_RULES,
  statutoryHolidays,
  statutoryRuleFor,
} from './data/statutory.js';
export type { StatutoryRule } from './data/statutory.js';
export { checkYearFile, parseYearFile, YEAR_FILE_FORMAT } from './yearFile.js';
export type { CheckedYearFile, YearFile } from './yearFile.js';
export type {
  CalendarAmendment,
  CalendarCitation,
  CalendarCoverage,
  CalendarLayer,
  CalendarOverride,
  ChinaCalendarOptions,
  DayInfo,
  DayKind,
  LocalDate,
  PublishedDay,
  PublishedYear,
  SpanBasis,
  WorkdayAnswer,
  YearBasis,
} from './types.js';
