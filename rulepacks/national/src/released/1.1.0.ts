import { releaseOf, type RulePack } from '@certflow/core';
import { definition } from '../definition.js';

/**
 * national 1.1.0 as released, kept so that logs written under it replay. 1.1.1 changed no rule, no
 * citation and no datum: its sources moved into the file set every pack has (documents, rules/ by
 * chapter, materials, quotas, deadlines, limits) and were formatted, which moved the source digest
 * and so the hash. 1.1.0 is the current definition with the digest 1.1.0's sources had.
 */
export const national_1_1_0: RulePack = releaseOf(definition, {
  version: '1.1.0',
  sourceDigest: '5354aef6c94e3a9270ca39899baf5f489a9d69bb1c96170c8ffa60c115a356b2',
});
