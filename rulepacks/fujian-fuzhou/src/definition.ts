import type { RulePackDefinition } from '@certflow/core';
// A named import: under CJS interop a default import of a sibling pack would be its whole module object.
import { national } from '@certflow/rulepack-national';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';
import { documents } from './documents.js';
import { rules } from './rules/index.js';
import { quotas } from './quotas.js';
import { deadlines } from './deadlines.js';
import { materials } from './materials.js';
import { certificateNumber, filingValidity, levels, levelsCite } from './limits.js';

/**
 * 福州市人力资源和社会保障局, 2021-04-22: the city's call for social training
 * evaluation organizations. Extends the national base; requires a national
 * standard (replaces `standard-required`) and cites its own access-type clause.
 */
export const definition: RulePackDefinition = {
  id: 'fujian-fuzhou',
  version: '1.1.1',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '福州市社会培训评价组织职业技能等级认定备案（2021年4月22日通知）',
  documents,
  jurisdiction: { name: '福州', code: '350100', level: 'city' },
  rules,
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
  levels,
  // The base's levels rule cites Sichuan's notice; here it cites Fuzhou's own words on the levels it evaluates.
  citations: { 'levels-allowed': levelsCite },
  certificateNumber,
};
