import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in Chinese (zh-CN): for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const zhCN: FindingTexts = {
  '{code} has neither a national standard nor a filed specification':
    '{code} 既没有国家职业技能标准，也没有备案的评价规范',
};
