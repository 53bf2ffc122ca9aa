import { releaseOf } from '@certflow/core';
import { national_1_0_0 } from '@certflow/rulepack-national';
import { definition } from '../definition.js';

/**
 * 1.0.0 as released: only AcceptApplication answered the 附件3 1 acceptance
 * deadline (a late rejection went unrecorded), the school issued certificates
 * in every evaluation mode, the 准入类 exclusion was the base's, the notice's
 * date was the base's 2020-01-01 and no filing validity was declared. Kept so
 * that logs written under 1.0.0 replay as they were decided.
 */
export const v1_0_0 = releaseOf(definition, {
  version: '1.0.0',
  sourceDigest: 'c3997df827f82cfd629fad77ef51d7b126b47b50fe373500c1bd56377e0eb054',
  extends: national_1_0_0,
  documents: [],
  withoutRules: ['not-access-type', 'school-issues-only-own-certification', 'competition-certificates-by-authorities'],
  deadlines: definition.deadlines!.map((d) => {
    if (d.id !== 'acceptance-notice') return d;
    const { closedBy: _closedBy, ...released } = d;
    return { ...released, description: '职鉴中心在10个工作日内通知申请单位是否受理' };
  }),
  filingValidity: undefined,
  levels: undefined,
  citations: undefined,
});
