import { defineRulePack, type RulePack } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { documents, HURENSHEZHI_2020_439 } from './documents.js';
import { rules } from './rules.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * Shanghai, 沪人社职〔2020〕439号: social training evaluation organizations
 * filed with the municipal bureau. Extends the national base (levels,
 * 准入类 excluded) and replaces its standard rule: Shanghai accepts only
 * occupations with a national standard. `AmendScope` is allowed (五（三）).
 */
const shanghai: RulePack = defineRulePack({
  id: 'shanghai',
  version: '1.0.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '上海市社会培训评价组织征集（沪人社职〔2020〕439号）',
  documents,
  jurisdiction: { name: '上海', code: '310000', level: 'province' },
  rules,
  // Filed organizations issue 职业技能等级证书: the national 22-character
  // rule, with Shanghai's province code.
  certificateNumber: {
    provinceCode: '31',
    cite: { document: HURENSHEZHI_2020_439, clause: '引言', text: '社会培训评价组织是指经人力资源社会保障部门备案、面向社会提供职业技能等级认定、颁发职业技能等级证书的评价机构' },
  },
});

export default shanghai;
export { shanghai };
export * from './rules.js';
export { documents, HURENSHEZHI_2020_439, CATALOG_EXIT_CUTOFF, SELECTION_STARTS } from './documents.js';
