import { releaseOf } from '@certflow/core';
import { national_1_0_0 } from '@certflow/rulepack-national';
import { definition } from '../definition.js';
import { documents } from '../documents.js';

/**
 * 1.0.0 as released: no skill-type check (a professional-technical
 * occupation passed 二（二）), any occupation could be recommended whatever
 * body implemented it, and the standard rule cited 鲁人社字〔2020〕50号. Kept so
 * that logs written under 1.0.0 replay as they were decided.
 */
export const v1_0_0 = releaseOf(definition, {
  version: '1.0.0',
  sourceDigest: 'e022dea111520fa7c95cdada641c7d656d4a0ca69e25e6811b25b984d1387749',
  extends: national_1_0_0,
  withoutRules: ['skill-type-occupation', 'own-exited-occupations'],
  citations: undefined,
  // 1.0.0 did not mark its notice as a national document.
  documents: documents.map(({ level: _level, ...d }) => d),
});
