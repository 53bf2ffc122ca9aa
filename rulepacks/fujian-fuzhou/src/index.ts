import { defineRulePack, type RulePack } from '@certflow/core';
// A named import: under CJS interop a default import of a sibling pack would be its whole module object.
import { national } from '@certflow/rulepack-national';
import { documents, FUZHOU_2021_04_22 } from './documents.js';
import { eligibilityRules } from './eligibility.js';
import { deadlines, filingRules, filingValidity, materials, quotas } from './filing.js';
import { priorityRules } from './priority.js';
import { questionBankRules } from './questionBank.js';
import { scopeRules } from './scope.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * 福州市人力资源和社会保障局, 2021-04-22: the city's call for social training
 * evaluation organizations. Extends the national base; requires a national
 * standard (replaces `standard-required`) and cites its own access-type clause.
 */
const fujianFuzhou: RulePack = defineRulePack({
  id: 'fujian-fuzhou',
  version: '1.0.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '福州市社会培训评价组织职业技能等级认定备案（2021年4月22日通知）',
  documents,
  jurisdiction: { name: '福州', code: '350100', level: 'city' },
  rules: [...eligibilityRules, ...questionBankRules, ...priorityRules, ...scopeRules, ...filingRules],
  quotas,
  deadlines,
  materials,
  filingValidity,
  // The notice has organizations issue certificates 按规定: the national
  // 22-character rule, with Fujian's province code.
  certificateNumber: {
    provinceCode: '35',
    cite: { document: FUZHOU_2021_04_22, clause: '四（一）', text: '评价机构应建立工作台账,按规定做好职业技能等级证书的核发和统计工作' },
  },
});

export default fujianFuzhou;
export { fujianFuzhou };
export { FUZHOU_2021_04_22, documents } from './documents.js';
export { checkAdvertising, advertisingCite } from './advertising.js';
export type { AdvertisingFinding, AdvertisingMark } from './advertising.js';
export { deadlines, filingValidity, materials, quotas } from './filing.js';
export { QUESTION_BANK_MINIMUMS } from './questionBank.js';
export { PRIORITY_CLAIMS } from './priority.js';
export type { PriorityClaim } from './priority.js';
export { MIN_WORKSTATIONS, MAX_OCCUPATIONS_FIRST_APPLICATION, skillTypeOf } from './scope.js';
export { MIN_CONSECUTIVE_YEARS, MIN_PERSON_TIMES } from './eligibility.js';
export { exampleProfile, exampleAsOf } from './example.js';
