import type { Locale } from '@certflow/core';
import { en, type CliTextKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type { CliTextKey } from './en.js';
export type { CliErrorParams } from './errorTypes.js';

/** The CLI's messages in every locale: one file per locale (`en.ts`, `zh-CN.ts`). */
export const cliLocales = { en, 'zh-CN': zhCN } as const;

/** The CLI's error messages, the catalogue its errors carry. */
export const cliCatalogue = { en: en.errors, 'zh-CN': zhCN.errors } as const;

/** The CLI's texts, by locale. */
export const cliTexts = { en: en.texts, 'zh-CN': zhCN.texts } as const;

/** A text of the CLI in a locale, from its values. */
export function t(locale: Locale, key: CliTextKey, values: Record<string, unknown> = {}): string {
  return cliTexts[locale][key](values);
}
