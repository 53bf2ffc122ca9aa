import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in English: for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const en: FindingTexts = {
  '{code} has neither a national standard nor a filed specification':
    '{code} has neither a national standard nor a filed specification',
};
