import { defineRulePack, type RulePack } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { documents } from './documents.js';
import { DEPARTMENT_MATERIALS, INDUSTRY_MATERIALS, REGULATIONS, cite, recommendedBy, rules } from './rules.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * The ministry's pilot for government departments and industry organizations,
 * 中就培函〔2020〕41号: level-evaluation qualifications leaving the catalog by
 * the end of 2020 move to skill level certification by organizations that a
 * department recommends (two per department) or that an industry organization
 * is itself. Extends the national base; its 准入类 exclusion already cites 二（二）.
 */
const nationalIndustryPilot: RulePack = defineRulePack({
  id: 'national-industry-pilot',
  version: '1.0.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '部门行业职业技能等级认定试点（中就培函〔2020〕41号）',
  documents,
  jurisdiction: { name: '全国', code: '000000', level: 'national' },
  rules,
  materials: [...DEPARTMENT_MATERIALS, ...INDUSTRY_MATERIALS, ...REGULATIONS],
  quotas: [
    {
      id: 'two-per-department',
      description: '每个政府有关部门推荐2家社会培训评价组织',
      cite: cite('三（一）', '推荐2家可覆盖原有职业（工种）的社会培训评价组织'),
      max: 2,
      min: 2,
      buckets: (p) => {
        const by = recommendedBy(p);
        return by ? [`department:${by}`] : [];
      },
    },
  ],
  // Branches file with the human-resources department where they are
  // registered, so certificates carry that province's code.
  certificateNumber: {
    provinceCode: 'registered-province',
    cite: cite('三（四）', '政府有关部门及行业组织指导分支机构在属地人社部门进行备案'),
  },
});

export default nationalIndustryPilot;
export { nationalIndustryPilot };
export * from './rules.js';
export { documents, SCHEDULE } from './documents.js';
