import { en } from './en.js';
import type { CoreLocaleMessages } from './types.js';
import { zhCN } from './zh-CN.js';

export { issueTextEn } from './en.js';
export { issueTextZh } from './zh-CN.js';
export type { CoreLocaleMessages, FindingTexts, IssueView } from './types.js';

/** Core's messages in every locale: one file per locale (`en.ts`, `zh-CN.ts`). */
export const coreLocales: { readonly en: CoreLocaleMessages; readonly 'zh-CN': CoreLocaleMessages } = {
  en,
  'zh-CN': zhCN,
};

/** Core's error messages, the catalogue core's errors carry. */
export const coreCatalogue = { en: en.errors, 'zh-CN': zhCN.errors } as const;
