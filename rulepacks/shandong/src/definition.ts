import type { RulePackDefinition } from '@certflow/core';
// A named import: under CJS interop a default import of a sibling pack would be its whole module object.
import { national } from '@certflow/rulepack-national';
import { materials } from './materials.js';
import { quotas } from './quotas.js';
import { documents } from './documents.js';
import { certificateNumber } from './limits.js';
import { deadlines } from './deadlines.js';
import { levels } from './limits.js';
import { rules } from './rules/index.js';
import { standardCite } from './rules/ch2-occupations.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * 鲁人社字〔2020〕50号: Shandong's pilot of skill-level certification by social
 * training evaluation organizations. Extends the national base; replaces its
 * levels (5–3 during the pilot) and access-type rules with Shandong's clauses
 * and re-cites its standard rule to Shandong's 二.
 *
 * 1.1.1: the same rules as 1.1.0, its sources in the file set every pack has and formatted;
 * 1.1.0 is kept in `released/1.1.0.ts`.
 *
 * 1.1.0: 三（二）1 names only provincial enterprises, industry associations
 * and schools for an application at the province; another kind applying there
 * goes to the expert (`application-channel`), where 1.0.0 passed it. 1.0.0 is
 * kept in `released/1.0.0.ts`.
 */
export const definition: RulePackDefinition = {
  id: 'shandong',
  version: '1.1.1',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '山东省社会培训评价组织职业技能等级认定试点（鲁人社字〔2020〕50号）',
  documents,
  jurisdiction: { name: '山东', code: '370000', level: 'province' },
  levels,
  rules,
  // 二 speaks of the standard: the inherited standard rule cites it.
  citations: { 'standard-required': standardCite },
  quotas,
  deadlines,
  materials,
  certificateNumber,
};
