import { releaseOf, type RulePack } from '@certflow/core';
import { national_1_1_0 } from '@certflow/rulepack-national';
import { definition } from '../definition.js';

/**
 * shanghai 1.1.0 as released, kept so that logs written under it replay. 1.1.1 changed no rule, no
 * citation and no datum: its sources moved into the file set every pack has (documents, rules/ by
 * chapter, materials, quotas, deadlines, limits) and were formatted, which moved the source digest
 * and so the hash. 1.1.0 is the current definition with the digest 1.1.0's sources had, on national 1.1.0.
 */
export const v1_1_0: RulePack = releaseOf(definition, {
  version: '1.1.0',
  sourceDigest: 'e94f4fcd9a14908040d0e175d906a73e1f8f66e895a7e7834ad8bff4304f4edf',
  extends: national_1_1_0,
});
