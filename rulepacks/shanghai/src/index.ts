import { defineRulePack, type RulePack } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { documents } from './documents.js';
import { rules } from './rules.js';

/**
 * Shanghai, 沪人社职〔2020〕439号: social training evaluation organizations
 * filed with the municipal bureau. Extends the national base (levels,
 * 准入类 excluded) and replaces its standard rule: Shanghai accepts only
 * occupations with a national standard. `AmendScope` is allowed (五（三）).
 */
const shanghai: RulePack = defineRulePack({
  id: 'shanghai',
  version: '1.0.0',
  extends: national,
  title: '上海市社会培训评价组织征集（沪人社职〔2020〕439号）',
  documents,
  jurisdiction: { name: '上海', code: '310000', level: 'province' },
  rules,
});

export default shanghai;
export { shanghai };
export * from './rules.js';
export { documents, HURENSHEZHI_2020_439, CATALOG_EXIT_CUTOFF, SELECTION_STARTS } from './documents.js';
