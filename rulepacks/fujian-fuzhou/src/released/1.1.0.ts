import { releaseOf, type RulePack } from '@certflow/core';
import { national_1_1_0 } from '@certflow/rulepack-national';
import { definition } from '../definition.js';

/**
 * fujian-fuzhou 1.1.0 as released, kept so that logs written under it replay. 1.1.1 changed no rule, no
 * citation and no datum: its sources moved into the file set every pack has (documents, rules/ by
 * chapter, materials, quotas, deadlines, limits) and were formatted, which moved the source digest
 * and so the hash. 1.1.0 is the current definition with the digest 1.1.0's sources had, on national 1.1.0.
 */
export const fujianFuzhou_1_1_0: RulePack = releaseOf(definition, {
  version: '1.1.0',
  sourceDigest: 'd86a6d21fa040684b73f09a4d87ae87f993367377d4d8c5584f5ee9a782a6065',
  extends: national_1_1_0,
});
