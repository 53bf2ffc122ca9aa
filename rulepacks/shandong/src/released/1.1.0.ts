import { releaseOf, type RulePack } from '@certflow/core';
import { national_1_1_0 } from '@certflow/rulepack-national';
import { definition } from '../definition.js';

/**
 * shandong 1.1.0 as released, kept so that logs written under it replay. 1.1.1 changed no rule, no
 * citation and no datum: its sources moved into the file set every pack has (documents, rules/ by
 * chapter, materials, quotas, deadlines, limits) and were formatted, which moved the source digest
 * and so the hash. 1.1.0 is the current definition with the digest 1.1.0's sources had, on national 1.1.0.
 */
export const shandong_1_1_0: RulePack = releaseOf(definition, {
  version: '1.1.0',
  sourceDigest: 'ad9f39d2ca7de360ccaa16ddd37a70c9935e1d32d687d6ad657b187a8228837f',
  extends: national_1_1_0,
});
