import {
  fail,
  optionalFact,
  pass,
  releaseOf,
  review,
  type ApplicantProfile,
  type Rule,
  type RulePack,
} from '@certflow/core';
import { national_1_0_0 } from '@certflow/rulepack-national';
import { applicationChannel } from '../rules/ch3-application.js';
import { definition } from '../definition.js';

/** 1.0.0's 三（二） check: any kind with a provincial affiliation passed at the province. */
const applicationChannel_1_0_0: Rule<ApplicantProfile> = {
  ...applicationChannel,
  description: '省属单位可在省级或所在设区的市申报；市属单位、民办职业培训机构在设区的市申报',
  evaluate(profile) {
    const to = optionalFact(profile, 'submittedTo');
    if (to !== 'province' && to !== 'city')
      return review('专家核实：申报地（submittedTo 未提供：province 或 city）', ['submittedTo']);
    if (to === 'city') return pass();
    if (profile.organization.kind === 'private-training-institution')
      return fail('民办职业培训机构在设区的市申报', ['submittedTo']);
    const affiliation = optionalFact(profile.organization, 'affiliation');
    if (affiliation === 'provincial') return pass();
    if (affiliation === 'municipal') return fail('市属单位在设区的市申报', ['submittedTo']);
    return review('专家核实：是否为省属单位（organization.affiliation 未提供）', ['organization', 'affiliation']);
  },
};

/**
 * shandong 1.0.0 as released, kept so that logs written under it replay: on
 * national 1.0.0 (whose standard rule cited this notice's 二 itself), with
 * 1.0.0's `application-channel`, which passed a provincial unit of any kind
 * at the province.
 */
export const shandong_1_0_0: RulePack = releaseOf(definition, {
  version: '1.0.0',
  sourceDigest: 'afb3061c17a6cf1a8dd7c59cbe93aa975ef8c56e70d6745e5eaf3e8e02999e37',
  extends: national_1_0_0,
  citations: undefined,
  rules: [applicationChannel_1_0_0],
});
