import type { RulePackDefinition } from '@certflow/core';
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


/** 一（一）5 names the question banks of every level up to 技师、高级技师: the five levels are Fuzhou's. */
export const levelsCite = { document: FUZHOU_2021_04_22, clause: '一（一）5', text: '备案的职业(工种)应符合每职业每等级题库题量理论知识不低于1200题' };

/**
 * 福州市人力资源和社会保障局, 2021-04-22: the city's call for social training
 * evaluation organizations. Extends the national base; requires a national
 * standard (replaces `standard-required`) and cites its own access-type clause.
 */
export const definition: RulePackDefinition = {
  id: 'fujian-fuzhou',
  version: '1.1.0',
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
  // 三（二）1: 市鉴定中心对申报材料进行初审 — accepting, asking for supplements and
  // refusing are the city centre's; 三（二）3: 经省鉴定中心同意备案…由省鉴定中心统一进行评价机构编码 —
  // the filing and its organization code are the provincial centre's.
  roles: {
    AcceptApplication: ['city-center'],
    RequestSupplement: ['city-center'],
    RejectApplication: ['city-center'],
    CompleteFiling: ['provincial-center'],
  },
  levels: { allowed: [1, 2, 3, 4, 5], cite: levelsCite },
  // The base's levels rule cites Sichuan's notice; here it cites Fuzhou's own words on the levels it evaluates.
  citations: { 'levels-allowed': levelsCite },
  // The notice has organizations issue certificates 按规定: the national
  // 22-character rule, with Fujian's province code.
  certificateNumber: {
    provinceCode: '35',
    cite: { document: FUZHOU_2021_04_22, clause: '四（一）', text: '评价机构应建立工作台账,按规定做好职业技能等级证书的核发和统计工作' },
  },
};
