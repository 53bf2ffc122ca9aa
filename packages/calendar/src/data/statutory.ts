import { LunarDay, SolarTerm, type SolarDay } from 'tyme4ts';
import type { CalendarCitation, LocalDate } from '../types.js';

/** One version of 《全国年节及纪念日放假办法》: which days its 第二条 gives everyone off. */
export interface StatutoryRule {
  /** The first year the version is in force for (each took effect on 1 January). */
  from: number;
  /** The last year, or undefined while in force. */
  until?: number;
  cite: CalendarCitation & { clause: string; text: string };
  /** The item of 第二条 for each holiday, verbatim. */
  items: Record<string, string>;
  /** The holidays of a year under this version: each statutory day, named. */
  days(year: number): { date: LocalDate; name: string }[];
}

/** A citation of one item of a rule's 第二条. */
export type StatutoryCitation = StatutoryRule['cite'];

const ITEMS_SHARED = {
  元旦: '新年，放假1天（1月1日）',
  清明节: '清明节，放假1天（农历清明当日）',
  端午节: '端午节，放假1天（农历端午当日）',
  中秋节: '中秋节，放假1天（农历中秋当日）',
};
const ITEMS_2008 = {
  ...ITEMS_SHARED,
  劳动节: '劳动节，放假1天（5月1日）',
  国庆节: '国庆节，放假3天（10月1日、2日、3日）',
};
const itemsText = (items: Record<string, string>): string =>
  ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'].map((k) => items[k]).join('；');

const ymd = (d: SolarDay): LocalDate =>
  `${String(d.getYear()).padStart(4, '0')}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;

// tyme4ts works on its own day numbers (Julian days), never on the host's
// Date: its answers do not depend on TZ.
/** 农历 month/day of `year`'s lunar year, as a date. */
const lunar = (year: number, month: number, day: number): LocalDate =>
  ymd(LunarDay.fromYmd(year, month, day).getSolarDay());
/** 除夕: the last day of the lunar year before 正月初一 of `year` (the 12th month has 29 or 30 days). */
const chuxi = (year: number): LocalDate => ymd(LunarDay.fromYmd(year, 1, 1).next(-1).getSolarDay());
/** 清明: the day the sun reaches 15° of ecliptic longitude, in China time. */
const qingming = (year: number): LocalDate => ymd(SolarTerm.fromName(year, '清明').getSolarDay());
const solar = (year: number, month: number, day: number): LocalDate =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function sharedDays(year: number): { date: LocalDate; name: string }[] {
  return [
    { date: solar(year, 1, 1), name: '元旦' },
    { date: qingming(year), name: '清明节' },
    { date: lunar(year, 5, 5), name: '端午节' },
    { date: lunar(year, 8, 15), name: '中秋节' },
    { date: solar(year, 10, 1), name: '国庆节' },
    { date: solar(year, 10, 2), name: '国庆节' },
    { date: solar(year, 10, 3), name: '国庆节' },
  ];
}

const DOCUMENT = '全国年节及纪念日放假办法';

/** 国务院令第513号 (2007-12-14), in force 2008-01-01 to 2013-12-31: 春节 除夕、初一、初二; 劳动节 1 day. */
export const RULE_513: StatutoryRule = {
  from: 2008,
  until: 2013,
  cite: {
    document: `${DOCUMENT}（2007年12月14日国务院令第513号修订）`,
    date: '2007-12-14',
    clause: '第二条',
    text: itemsText({ ...ITEMS_2008, 春节: '春节，放假3天（农历除夕、正月初一、初二）' }),
  },
  items: { ...ITEMS_2008, 春节: '春节，放假3天（农历除夕、正月初一、初二）' },
  days: (year) => [
    ...sharedDays(year),
    { date: chuxi(year), name: '春节' },
    { date: lunar(year, 1, 1), name: '春节' },
    { date: lunar(year, 1, 2), name: '春节' },
    { date: solar(year, 5, 1), name: '劳动节' },
  ],
};

/** 国务院令第644号 (2013-12-11), in force 2014-01-01 to 2024-12-31: 春节 初一至初三; 劳动节 1 day. */
export const RULE_644: StatutoryRule = {
  from: 2014,
  until: 2024,
  cite: {
    document: `${DOCUMENT}（2013年12月11日国务院令第644号修订）`,
    date: '2013-12-11',
    clause: '第二条',
    text: itemsText({ ...ITEMS_2008, 春节: '春节，放假3天（农历正月初一、初二、初三）' }),
  },
  items: { ...ITEMS_2008, 春节: '春节，放假3天（农历正月初一、初二、初三）' },
  days: (year) => [
    ...sharedDays(year),
    { date: lunar(year, 1, 1), name: '春节' },
    { date: lunar(year, 1, 2), name: '春节' },
    { date: lunar(year, 1, 3), name: '春节' },
    { date: solar(year, 5, 1), name: '劳动节' },
  ],
};

const ITEMS_795 = {
  ...ITEMS_SHARED,
  春节: '春节，放假4天（农历除夕、正月初一至初三）',
  劳动节: '劳动节，放假2天（5月1日、2日）',
  国庆节: '国庆节，放假3天（10月1日至3日）',
};

/** 国务院令第795号 (2024-11-10), in force from 2025-01-01: 春节 4 days from 除夕; 劳动节 2 days. */
export const RULE_795: StatutoryRule = {
  from: 2025,
  cite: {
    document: `${DOCUMENT}（2024年11月10日国务院令第795号修订）`,
    date: '2024-11-10',
    clause: '第二条',
    text: itemsText(ITEMS_795),
  },
  items: ITEMS_795,
  days: (year) => [
    ...sharedDays(year),
    { date: chuxi(year), name: '春节' },
    { date: lunar(year, 1, 1), name: '春节' },
    { date: lunar(year, 1, 2), name: '春节' },
    { date: lunar(year, 1, 3), name: '春节' },
    { date: solar(year, 5, 1), name: '劳动节' },
    { date: solar(year, 5, 2), name: '劳动节' },
  ],
};

export const STATUTORY_RULES: readonly StatutoryRule[] = [RULE_513, RULE_644, RULE_795];

/** The version of the 办法 in force for a year (2008 on), or undefined before 2008. */
export function statutoryRuleFor(year: number): StatutoryRule | undefined {
  return STATUTORY_RULES.find((r) => year >= r.from && (r.until === undefined || year <= r.until));
}

/**
 * The statutory holidays of a year under the version in force, sorted by date.
 * Only these days: make-up workdays (调休), bridges and the weekday given back
 * for a holiday on a weekend (补假) are set by each year's arrangement.
 */
export function statutoryHolidays(year: number): { date: LocalDate; name: string; cite: StatutoryCitation }[] {
  const rule = statutoryRuleFor(year);
  if (!rule) return [];
  return rule
    .days(year)
    .map((d) => ({ ...d, cite: { ...rule.cite, text: rule.items[d.name]! } }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
