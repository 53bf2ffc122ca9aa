import { z } from 'zod';
import type { CalendarIssue } from '../errors.js';
import type { CalendarLocaleMessages } from './types.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const path = (p: readonly (string | number)[]): string =>
  p.length === 0 ? '(root)' : p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
const coverageHint = (p: Record<string, unknown>): string =>
  p.provisionalLast !== undefined && p.provisionalLast !== null
    ? `（已公布 ${s(p.first)}–${s(p.last)} 年，按法定节假日暂定至 ${s(p.provisionalLast)} 年）`
    : `（${s(p.first)}–${s(p.last)} 年）`;
const generic = (i: CalendarIssue) =>
  `取值无效${i.expected !== undefined ? `，应为 ${i.expected}` : ''}${i.received !== undefined ? `，实际为 ${i.received}` : ''}`;
const zod = z.locales.zhCN();

/** An issue in Chinese, from its code and data; a zod issue in zod's own zh-CN words. */
export function issueTextZh(i: CalendarIssue): string {
  const raw = i.params?.zod as Record<string, unknown> | undefined;
  if (raw && i.code !== 'invalid_type' && i.code !== 'custom') {
    const out = zod.localeError({ ...raw, code: i.code, path: i.path, input: undefined, message: '' } as Parameters<
      typeof zod.localeError
    >[0]);
    const text = typeof out === 'string' ? out : out?.message;
    if (text) return text;
  }
  return zhCN.issues[i.code]?.(i) ?? generic(i);
}

/** The calendar's messages in Chinese (zh-CN). */
export const zhCN: CalendarLocaleMessages = {
  errors: {
    CALENDAR_COVERAGE: (p) =>
      `${p.operation ? `${s(p.operation)}：` : ''}${s(p.date)} ${p.operation ? '落入' : '属于'} ${s(p.year)} 年，不在日历覆盖范围${coverageHint(p)}内。` +
      `该年节假日安排公布后，请通过 createChinaCalendar({ years: { '${s(p.year)}': { cite, days } } }) 补充。`,
    INVALID_DATE: (p) => `日期无效 ${s(p.input)}：${s(p.reason)}`,
    VALIDATION: (p) => `输入无效：${p.issues.map((i) => `${issueTextZh(i)}（位置 ${path(i.path)}）`).join('；')}`,
  },
  issues: {
    invalid_type: (i) =>
      `类型不符${i.expected !== undefined ? `，应为 ${i.expected}` : ''}${i.received !== undefined ? `，实际为 ${i.received}` : ''}`,
    too_small: (i) =>
      `数值过小${i.expected !== undefined ? `，应为 ${i.expected}` : ''}${i.received !== undefined ? `，实际为 ${i.received}` : ''}`,
    too_big: (i) =>
      `数值过大${i.expected !== undefined ? `，应为 ${i.expected}` : ''}${i.received !== undefined ? `，实际为 ${i.received}` : ''}`,
    invalid_format: (i) =>
      `格式不符${i.expected !== undefined ? `，应为 ${i.expected}` : ''}${i.received !== undefined ? `，实际为 ${i.received}` : ''}`,
    invalid_value: generic,
    invalid_union: generic,
    not_multiple_of: generic,
    invalid_key: generic,
    invalid_element: generic,
    unrecognized_keys: (i) =>
      `包含未知字段${i.received !== undefined ? `：${i.received}` : ''}${i.expected !== undefined ? `（应为 ${i.expected}）` : ''}`,
    custom: generic,
    already_covered: (i) =>
      `${s(i.params?.year)} 年已在覆盖范围内（${s(i.params?.first)}–${s(i.params?.last)} 年）；调整个别日期请用 overrides`,
    coverage_gap: (i) => `补充 ${s(i.params?.year)} 年会使 ${s(i.params?.missing)} 年不在覆盖范围内`,
    wrong_year: (i) => `${s(i.params?.date)} 不在 ${s(i.params?.year)} 年内`,
    not_covered: (i) => `${s(i.params?.date)} 属于 ${s(i.params?.year)} 年，不在覆盖范围内`,
    duplicate: (i) => `${s(i.params?.date)} 重复列出`,
    notice_after_year: (i) => `通知日期 ${s(i.params?.date)} 晚于 ${s(i.params?.year)} 年年末`,
    makeup_not_weekend: (i) => `${s(i.params?.date)} 是工作日：调休上班日应为星期六或星期日`,
    statutory_missing: (i) =>
      `${s(i.params?.date)}（${s(i.params?.name)}）是法定节假日（${s(i.params?.document)} ${s(i.params?.clause)}），但未列出`,
  },
};
