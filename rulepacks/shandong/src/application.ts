import { fail, notApplicable, optionalFact, pass, requiredMaterialsRule, review, type ApplicantProfile, type MaterialSpec, type QuotaSpec, type Rule } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from './documents.js';

const m = (id: string, name: string, text: string): MaterialSpec => ({ id, name, required: true, cite: { document: DOC, clause: '三（一）', text } });

/** 三（一）: the six materials, as the notice lists them. */
export const materials: MaterialSpec[] = [
  m('basic-information-form', '《社会培训评价组织基本情况表》', '1.《社会培训评价组织基本情况表》（见附件1）'),
  m('work-plan', '《社会培训评价组织职业技能等级认定工作方案》', '2.《社会培训评价组织职业技能等级认定工作方案》（见附件2）'),
  m('legal-registration-certificate', '法人登记证书复印件', '3.法人登记证书复印件'),
  m('staff-and-evaluator-credentials', '管理人员、工作人员在岗在职记录，考评员、督导员有效资质证明', '4.管理人员、工作人员在岗在职记录，考评员、督导员有效资质证明'),
  m('venue-and-equipment-proof', '满足评价要求的场地、设施、设备等有效证明', '5.满足评价要求的场地、设施、设备等有效证明'),
  m('credit-report-or-pledge', '信用报告或诚信承诺', '6.信用报告或诚信承诺'),
];

export const materialsComplete: Rule<ApplicantProfile> = requiredMaterialsRule({ document: DOC, clause: '三（一）', text: '（一）申报材料' });

/** 三（二）1: the kinds a provincial unit may be to apply at the province (企业、行业协会、院校). */
export const PROVINCIAL_KINDS: ReadonlySet<string> = new Set(['enterprise', 'industry-association', 'university', 'vocational-college', 'technical-school']);

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
    if (to !== 'province' && to !== 'city') return review('专家核实：申报地（submittedTo 未提供：province 或 city）', ['submittedTo']);
    if (to === 'city') return pass();
    if (profile.organization.kind === 'private-training-institution') return fail('民办职业培训机构在设区的市申报', ['submittedTo']);
    // 1.省属企业、行业协会、院校可在省级申报: the notice lets no other kind apply at the province.
    if (!PROVINCIAL_KINDS.has(profile.organization.kind)) {
      return review(`专家核实：三（二）只列省属企业、行业协会、院校可在省级申报，${profile.organization.kind} 是否可在省级申报`, ['organization', 'kind']);
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

/** 三（二）: each city selects 2–8 organizations; one place in the city of registration, none for applications made at the province. */
export const quotas: QuotaSpec[] = [
  {
    id: 'organizations-per-city',
    description: '各市择优遴选2-8家机构进行试点',
    cite: { document: DOC, clause: '三（二）', text: '各市应择优遴选2-8家机构进行试点' },
    max: 8,
    min: 2,
    buckets: (p) => (optionalFact(p, 'submittedTo') === 'province' ? [] : [`city:${p.organization.registeredIn.slice(0, 4)}00`]),
  },
];

/**
 * 五: the first batch. Later applications are not refused — 五（三） keeps
 * selection open — so the rule passes either way and says which batch the
 * application falls in (`params.batch`).
 */
export const firstBatchWindow: Rule<ApplicantProfile> = {
  id: 'first-batch-window',
  description: '首批：省属单位2020年5月30日前向省级提交材料，各市2020年6月15日前完成首批遴选；此后持续开展遴选确定工作',
  cite: { document: DOC, clause: '五（三）', text: '首批征集遴选工作结束后，结合实际，持续开展遴选确定工作' },
  evaluate(profile, { asOf }) {
    const to = optionalFact(profile, 'submittedTo');
    if (to !== 'province' && to !== 'city') return review('专家核实：申报地（submittedTo 未提供），以确定首批截止日', ['submittedTo']);
    const cutoff = to === 'province' ? '2020-05-30' : '2020-06-15';
    const batch = asOf <= cutoff ? 'first' : 'continuing';
    return { outcome: 'pass', message: batch === 'first' ? `首批（截止 ${cutoff}）` : `首批已于 ${cutoff} 截止，纳入持续遴选`, params: { batch, cutoff } };
  },
};

export const applicationRules = [materialsComplete, applicationChannel, crossCityEvaluation, firstBatchWindow];
