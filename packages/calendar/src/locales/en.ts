import type { CalendarIssue } from '../errors.js';
import type { CalendarLocaleMessages } from './types.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const path = (p: readonly (string | number)[]): string =>
  p.length === 0 ? '(root)' : p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
const coverageHint = (p: Record<string, unknown>): string =>
  p.provisionalLast !== undefined && p.provisionalLast !== null
    ? ` (published: ${s(p.first)}–${s(p.last)}; provisional from the statutory holidays up to ${s(p.provisionalLast)})`
    : ` (covered years: ${s(p.first)}–${s(p.last)})`;
const generic = (i: CalendarIssue) =>
  `${i.expected !== undefined ? `expected ${i.expected}` : 'an invalid value'}${i.received !== undefined ? `, received ${i.received}` : ''}`;

/** An issue in English: the text its source wrote. */
export const issueTextEn = (i: CalendarIssue): string => (i.message ? i.message : (en.issues[i.code]?.(i) ?? i.code));

/** The calendar's messages in English. */
export const en: CalendarLocaleMessages = {
  errors: {
    CALENDAR_COVERAGE: (p) =>
      `${p.operation ? `${s(p.operation)}: ` : ''}${s(p.date)} ${p.operation ? 'reaches' : 'is in'} ${s(p.year)}, which the calendar does not cover${coverageHint(p)}. ` +
      `Add the year once its arrangement is published: createChinaCalendar({ years: { '${s(p.year)}': { cite, days } } }).`,
    INVALID_DATE: (p) => `invalid date ${s(p.input)}: ${s(p.reason)}`,
    VALIDATION: (p) => `invalid input: ${p.issues.map((i) => `${issueTextEn(i)} → at ${path(i.path)}`).join('; ')}`,
  },
  issues: {
    invalid_type: generic,
    too_small: generic,
    too_big: generic,
    invalid_format: generic,
    invalid_value: generic,
    invalid_union: generic,
    not_multiple_of: generic,
    invalid_key: generic,
    invalid_element: generic,
    unrecognized_keys: generic,
    custom: generic,
    already_covered: (i) =>
      `${s(i.params?.year)} is already covered (${s(i.params?.first)}–${s(i.params?.last)}); change single days with overrides`,
    coverage_gap: (i) => `adding ${s(i.params?.year)} would leave ${s(i.params?.missing)} uncovered`,
    wrong_year: (i) => `${s(i.params?.date)} is not in ${s(i.params?.year)}`,
    not_covered: (i) => `${s(i.params?.date)} is in ${s(i.params?.year)}, which is not covered`,
    duplicate: (i) => `${s(i.params?.date)} is listed twice`,
    notice_after_year: (i) => `the notice is dated ${s(i.params?.date)}, after ${s(i.params?.year)} ended`,
    makeup_not_weekend: (i) => `${s(i.params?.date)} is a weekday: a make-up workday is a Saturday or Sunday`,
    statutory_missing: (i) =>
      `${s(i.params?.date)} (${s(i.params?.name)}) is a statutory holiday (${s(i.params?.document)} ${s(i.params?.clause)}) and is not listed`,
  },
};
