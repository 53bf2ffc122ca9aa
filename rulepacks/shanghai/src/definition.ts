import type { RulePackDefinition } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { sourceDigest } from './digest.js';
import { documents, HURENSHEZHI_2020_439 } from './documents.js';
import { KNOWN_HASHES } from './released/hashes.js';
import { rules } from './rules.js';

const cite = (clause: string, text: string) => ({ document: HURENSHEZHI_2020_439, clause, text });

/**
 * Shanghai, 沪人社职〔2020〕439号: social training evaluation organizations
 * filed with the municipal bureau. Extends the national base and replaces its
 * standard rule (Shanghai accepts only occupations with a national standard)
 * and its 准入类 rule (cited from 二（一）). `AmendScope` is allowed (五（三））.
 *
 * 1.1.0: 二（一） needs the implementing body, 二 admits 技能人员 occupations
 * only, the filing carries the receipt's validity (三（三）), inherited rules
 * cite this notice. 1.0.0 is kept in `released/1.0.0.ts`.
 */
export const definition: RulePackDefinition = {
  id: 'shanghai',
  version: '1.1.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '上海市社会培训评价组织征集（沪人社职〔2020〕439号）',
  documents,
  jurisdiction: { name: '上海', code: '310000', level: 'province' },
  rules,
  // 三（四）: the catalog publishes each organization's occupations and levels.
  levels: { allowed: [1, 2, 3, 4, 5], cite: cite('三（四）', '评价职业(工种)及等级范围') },
  citations: { 'levels-allowed': cite('三（四）', '评价职业(工种)及等级范围') },
  // Filed organizations issue 职业技能等级证书: the national 22-character
  // rule, with Shanghai's province code.
  certificateNumber: {
    provinceCode: '31',
    cite: cite('引言', '社会培训评价组织是指经人力资源社会保障部门备案、面向社会提供职业技能等级认定、颁发职业技能等级证书的评价机构'),
  },
  // 三（三）: the receipt states the filing's validity; the notice fixes no
  // length, so the centre records the receipt's validUntil on CompleteFiling.
  filingValidity: { cite: cite('三（三）', '出具备案回执(含社会培训评价组织备案编号、备案有效期及评价职业工种)') },
};
