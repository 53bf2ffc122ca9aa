import type { RulePackDefinition } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { documents } from './documents.js';
import { cite } from './documents.js';
import { deadlines } from './deadlines.js';
import { certificateNumber } from './limits.js';
import { materials } from './materials.js';
import { quotas } from './quotas.js';
import { rules } from './rules/index.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * The ministry's pilot for government departments and industry organizations,
 * 中就培函〔2020〕41号: level-evaluation qualifications leaving the catalog by
 * the end of 2020 move to skill level certification by organizations that a
 * department recommends (two per department) or that an industry organization
 * is itself. Extends the national base; its 准入类 exclusion already cites 二（二）.
 *
 * 1.1.1: the same rules as 1.1.0, its sources in the file set every pack has and formatted;
 * 1.1.0 is kept in `released/1.1.0.ts`.
 *
 * 1.1.0: 二（二） admits 技能人员 occupations only, a department or an industry
 * organization takes only the qualifications it implemented (三（一）), the
 * standard rule cites this notice. 1.0.0 is kept in `released/1.0.0.ts`.
 */
export const definition: RulePackDefinition = {
  id: 'national-industry-pilot',
  version: '1.1.1',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '部门行业职业技能等级认定试点（中就培函〔2020〕41号）',
  documents,
  jurisdiction: { name: '全国', code: '000000', level: 'national' },
  rules,
  materials,
  quotas,
  deadlines,
  certificateNumber,
  // 四（二）: the departments and industry organizations develop the standards
  // or evaluation specifications evaluation follows.
  citations: { 'standard-required': cite('四（二）', '做好本行业领域职业技能标准或评价规范开发等技术性工作') },
};
