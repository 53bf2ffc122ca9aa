import type { FindingCatalogue } from '@certflow/core';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

/**
 * The texts of the sichuan-technical-schools pack's findings in every locale, for
 * `createEngine({ findingTexts })`, `findingTranslator` and the CLI. They sit
 * outside the sources the pack's hash covers: a translation decides nothing.
 */
export const findings: FindingCatalogue = { id: 'sichuan-technical-schools', en, 'zh-CN': zhCN };

export default findings;
