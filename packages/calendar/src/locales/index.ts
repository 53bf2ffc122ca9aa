import { en } from './en.js';
import type { CalendarLocaleMessages } from './types.js';
import { zhCN } from './zh-CN.js';

export { issueTextEn } from './en.js';
export { issueTextZh } from './zh-CN.js';
export type { CalendarLocaleMessages } from './types.js';

/** The calendar's messages in every locale: one file per locale (`en.ts`, `zh-CN.ts`). */
export const calendarLocales: { readonly en: CalendarLocaleMessages; readonly 'zh-CN': CalendarLocaleMessages } = {
  en,
  'zh-CN': zhCN,
};
