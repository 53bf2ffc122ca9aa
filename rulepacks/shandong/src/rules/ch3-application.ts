// 鲁人社字〔2020〕50号 三、申报材料和流程: the rules of this chapter.
import {
  type Rule,
  type ApplicantProfile,
  requiredMaterialsRule,
  optionalFact,
  review,
  pass,
  fail,
  notApplicable,
} from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from '../documents.js';

export const materialsComplete: Rule<ApplicantProfile> = requiredMaterialsRule({
  document: DOC,
  clause: '三（一）',
  text: '（一）申报材料',
});

/** 三（二）1: the kinds a provincial unit may be to apply at the province (企业、行业协会、院校). */
export const PROVINCIAL_KINDS: ReadonlySet<string> = new Set([
  'enterprise',
  'industry-association',
  'university',
  'vocational-college',
  'technical-school',
]);

/**
 * 三（二）: where to apply. Provincial units (organization.affiliation
 * 'provincial') may apply to the province or their city; municipal units and
 * private training institutions apply to their city (`submittedTo`). Only
 * enterprises, industry associations and schools are named for the province:
 * another kind applying there goes to the expert (1.0.0 passed it).
 */
export const applicationChannel: Rule<ApplicantProfile> = {
  id: 'application-channel',
  description: '省属企业、行业协会、院校可在省级或所在设区的市申报；市属单位、民办职业培训机构在设区的市申报',
  cite: {
    document: DOC,
    clause: '三（二）',
    text: '1.省属企业、行业协会、院校可在省级申报，也可在单位所在设区的市申报；\n2.市属企业、行业协会、院校在设区的市申报；\n\n3.民办职业培训机构在设区的市申报。',
  },
  evaluate(profile) {
    const to = optionalFact(profile, 'submittedTo');
    if (to !== 'province' && to !== 'city')
      return review('专家核实：申报地（submittedTo 未提供：province 或 city）', ['submittedTo']);
    if (to === 'city') return pass();
    if (profile.organization.kind === 'private-training-institution')
      return fail('民办职业培训机构在设区的市申报', ['submittedTo']);
    // 1.省属企业、行业协会、院校可在省级申报: the notice lets no other kind apply at the province.
    if (!PROVINCIAL_KINDS.has(profile.organization.kind)) {
      return review(
        `专家核实：三（二）只列省属企业、行业协会、院校可在省级申报，${profile.organization.kind} 是否可在省级申报`,
        ['organization', 'kind'],
      );
    }
    const affiliation = optionalFact(profile.organization, 'affiliation');
    if (affiliation === 'provincial') return pass();
    if (affiliation === 'municipal') return fail('市属单位在设区的市申报', ['submittedTo']);
    return review('专家核实：是否为省属单位（organization.affiliation 未提供）', ['organization', 'affiliation']);
  },
};

/** 三（二）: an organization works where it applied; province-wide work needs a recommendation and provincial consultation. */
export const crossCityEvaluation: Rule<ApplicantProfile> = {
  id: 'cross-city-evaluation',
  description: '先行在申报地范围开展评价；面向全省跨区域认定的，由申报地择优推荐，经省协商相关市后开展',
  cite: {
    document: DOC,
    clause: '三（二）',
    text: '遴选确定的评价机构先行在申报地范围开展评价工作。需要面向全省跨区域进行认定工作的，由申报地择优推荐，经省协商相关市后开展评价工作。',
  },
  evaluate(profile) {
    if (optionalFact(profile, 'crossCityEvaluation') !== true) return notApplicable('只在申报地范围开展评价');
    return review('跨区域认定：需申报地择优推荐并经省协商相关市', ['crossCityEvaluation']);
  },
};
