import type { CalendarIssue, CalendarIssueCode } from '../errors.js';

type Params = Record<string, unknown>;

/** One locale of the calendar's messages: its errors, and the issues of a CalendarValidationError. */
export interface CalendarLocaleMessages {
  errors: {
    CALENDAR_COVERAGE: (p: Params) => string;
    INVALID_DATE: (p: Params) => string;
    VALIDATION: (p: { context?: string | undefined; summary: string; issues: CalendarIssue[] }) => string;
  };
  issues: { readonly [C in CalendarIssueCode]: (i: CalendarIssue) => string };
}
