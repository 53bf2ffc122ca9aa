export { createChinaCalendar } from './createChinaCalendar.js';
export type { ChinaCalendar, DateInput } from './createChinaCalendar.js';
export { CalendarCoverageError, InvalidDateError } from './errors.js';
export { toLocalDate } from './localDate.js';
export { CHINESE_WORKDAY_CORRECTIONS } from './data/corrections.js';
export { BUILT_IN_AMENDMENTS, SPRING_FESTIVAL_2020_EXTENSION } from './data/amendments.js';
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
} from './types.js';
