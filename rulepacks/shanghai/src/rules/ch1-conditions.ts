// 沪人社职〔2020〕439号 一、申报条件: the rules of this chapter.
import {
  type ApplicantProfile,
  type RuleResult,
  yesNoFact,
  type Rule,
  pass,
  review,
  fail,
  notApplicable,
} from '@certflow/core';
import { cite } from '../documents.js';
import { MIN_CONSECUTIVE_YEARS } from '../limits.js';

type P = ApplicantProfile;

/** yesNoFact with a message for the yes case too, in the order this file's rules read best. */
const flag = (value: unknown, path: (string | number)[], yes: string, no: string, unknown: string): RuleResult =>
  yesNoFact(value, path, no, unknown, yes);

/** Kinds the 一（一） sentence on 「职业院校等」 covers: everything but enterprises and industry associations. */
const COLLEGE_LIKE = new Set([
  'vocational-college',
  'technical-school',
  'university',
  'private-training-institution',
  'public-institution',
  'government-department',
]);

// ── 一（一） ────────────────────────────────────────────────────────────────

export const registeredInShanghai: Rule<P> = {
  id: 'registered-in-shanghai',
  description: '在本市依法登记（经人社部备案的全国性组织在沪开展认定的，办理属地备案，由专家核实）',
  cite: cite('一（一）', '在本市依法登记的独立法人机构（含企业、市级行业协会、职业院校等）'),
  evaluate(p) {
    if (p.organization.registeredIn.startsWith('31')) return pass();
    if (p.organization.filedNationally === true) {
      return review(
        'registered outside Shanghai but filed with MOHRSS: a 属地备案 under 五（二）; the centre checks its establishment in Shanghai',
        ['organization', 'registeredIn'],
      );
    }
    return fail(`registered in ${p.organization.registeredIn}, not in Shanghai (31xxxx)`, [
      'organization',
      'registeredIn',
    ]);
  },
};

export const independentLegalPerson: Rule<P> = {
  id: 'independent-legal-person',
  description: '独立法人机构',
  cite: cite('一（一）', '在本市依法登记的独立法人机构'),
  evaluate: (p) =>
    p.organization.independentLegalPerson
      ? pass()
      : fail('not an independent legal person', ['organization', 'independentLegalPerson']),
};

export const financialAndManagementRules: Rule<P> = {
  id: 'financial-and-management-rules',
  description: '具有规范的财务制度和管理制度',
  cite: cite('一（一）', '具有规范的财务制度和管理制度'),
  evaluate: (p) =>
    flag(
      p.organization.financialAndManagementRules,
      ['organization', 'financialAndManagementRules'],
      'financial and management rules in place',
      'no sound financial and management rules',
      'the profile does not say whether sound financial and management rules are in place: an expert checks them',
    ),
};

export const creditClean: Rule<P> = {
  id: 'credit-clean',
  description: '社会信用良好，无违法违规、失信等不良行为记录',
  cite: cite('一（一）', '社会信用良好，无违法违规、失信等不良行为记录'),
  evaluate: (p) =>
    p.organization.creditClean ? pass() : fail('a record of violations or dishonesty', ['organization', 'creditClean']),
};

export const enterpriseEvaluationExperience: Rule<P> = {
  id: 'enterprise-evaluation-experience',
  description: '企业（原则上）应开展过技能人才评价工作',
  cite: cite('一（一）', '原则上企业应开展过技能人才评价工作'),
  evaluate(p) {
    if (p.organization.kind !== 'enterprise') return notApplicable('not an enterprise');
    return p.history.personTimesEvaluated > 0
      ? pass()
      : fail('an enterprise that has never evaluated skills (原则上 required)', ['history', 'personTimesEvaluated']);
  },
};

const RATING_ORDER = ['1A', '2A', '3A', '4A', '5A'];

export const associationRating4A: Rule<P> = {
  id: 'association-rating-4a',
  description: '市级行业协会应具有4A或以上评估等级',
  cite: cite('一（一）', '市级行业协会应具有 4A 或以上评估等级'),
  evaluate(p) {
    if (p.organization.kind !== 'industry-association') return notApplicable('not an industry association');
    const rating = p.organization.associationRating;
    if (rating === undefined)
      return review('the profile gives no association rating (评估等级): an expert checks it', [
        'organization',
        'associationRating',
      ]);
    return RATING_ORDER.indexOf(rating) >= RATING_ORDER.indexOf('4A')
      ? pass()
      : fail(`association rating ${rating} is below 4A`, ['organization', 'associationRating'], { rating, min: '4A' });
  },
};

export const municipalAssociation: Rule<P> = {
  id: 'municipal-association',
  description: '行业协会须为市级行业协会',
  cite: cite('一（一）', '市级行业协会'),
  evaluate(p) {
    if (p.organization.kind !== 'industry-association') return notApplicable('not an industry association');
    return flag(
      p.organization.municipalAssociation,
      ['organization', 'municipalAssociation'],
      'a municipal (市级) association',
      'not a municipal (市级) association',
      'the profile does not say whether the association is municipal (市级): an expert checks it',
    );
  },
};

export const collegeTrainingYears: Rule<P> = {
  id: 'college-training-years',
  description: '职业院校等应具有连续6年以上的相关培训评价经历',
  cite: cite('一（一）', '职业院校等应具有连续 6 年以上的相关培训评价经历'),
  evaluate(p) {
    if (!COLLEGE_LIKE.has(p.organization.kind))
      return notApplicable('enterprises and associations have their own criteria');
    const years = p.history.consecutiveYears;
    return years >= MIN_CONSECUTIVE_YEARS
      ? pass()
      : fail(
          `${years} consecutive years of related training and evaluation; at least ${MIN_CONSECUTIVE_YEARS} needed`,
          ['history', 'consecutiveYears'],
          { years, min: MIN_CONSECUTIVE_YEARS },
        );
  },
};

export const collegeTrainingScale: Rule<P> = {
  id: 'college-training-scale',
  description: '职业院校等相关项目的培训评价规模较大（专家认定）',
  cite: cite('一（一）', '且相关项目的培训评价规模较大'),
  evaluate(p) {
    if (!COLLEGE_LIKE.has(p.organization.kind))
      return notApplicable('enterprises and associations have their own criteria');
    if (p.history.personTimesTotal === 0)
      return fail('no training or evaluation so far', ['history', 'personTimesTotal']);
    return review(
      `${p.history.personTimesTotal} person-times: an expert judges whether the scale is 较大 (the notice sets no number)`,
      ['history', 'personTimesTotal'],
    );
  },
};

// ── 一（二） ────────────────────────────────────────────────────────────────

export const wideInfluence: Rule<P> = {
  id: 'wide-influence',
  description: '在拟开展评价的职业领域具有广泛的影响力（专家认定）',
  cite: cite('一（二）', '在拟开展评价的职业领域具有广泛的影响力'),
  evaluate: () => review('wide influence in the field is for the experts (专家论证) to judge'),
};

export const evaluationExperience: Rule<P> = {
  id: 'evaluation-experience',
  description: '在所申报职业（工种）方面有较丰富的考核评价经验，具备相应的基础条件（专家认定）',
  cite: cite('一（二）', '在所申报职业（工种）方面有较丰富的考核评价经验，具备相应的基础条件'),
  evaluate(p) {
    if (p.history.personTimesEvaluated === 0)
      return fail('no evaluation experience at all', ['history', 'personTimesEvaluated']);
    return review(
      `${p.history.personTimesEvaluated} person-times evaluated: an expert judges whether the experience is 较丰富 for the occupations applied for`,
    );
  },
};

// ── 一（三） ────────────────────────────────────────────────────────────────

export const dedicatedBody: Rule<P> = {
  id: 'dedicated-body',
  description: '有负责职业技能等级认定工作的专门机构',
  cite: cite('一（三）', '有负责职业技能等级认定工作的专门机构'),
  evaluate: (p) =>
    p.capacity.dedicatedDepartment
      ? pass()
      : fail('no dedicated body for certification work', ['capacity', 'dedicatedDepartment']),
};

export const fullTimeStaff: Rule<P> = {
  id: 'full-time-staff',
  description: '有与评价工作相适应的专职工作人员',
  cite: cite('一（三）', '与评价工作相适应的专职工作人员'),
  evaluate: (p) => (p.capacity.fullTimeStaff >= 1 ? pass() : fail('no full-time staff', ['capacity', 'fullTimeStaff'])),
};

export const expertTeam: Rule<P> = {
  id: 'expert-team',
  description: '有专家团队',
  cite: cite('一（三）', '专家团队'),
  evaluate: (p) => (p.capacity.experts >= 1 ? pass() : fail('no expert team', ['capacity', 'experts'])),
};

export const venueAndEquipment: Rule<P> = {
  id: 'venue-and-equipment',
  description: '有相应的场地、设备设施',
  cite: cite('一（三）', '相应的场地、设备设施（含视频监控设备）'),
  evaluate: (p) =>
    flag(
      p.capacity.venueAndEquipment,
      ['capacity', 'venueAndEquipment'],
      'venue and equipment in place',
      'no suitable venue and equipment',
      'the profile does not describe the venue and equipment: checked on the site visit (现场考察)',
    ),
};

export const videoMonitoring: Rule<P> = {
  id: 'video-monitoring',
  description: '设备设施含视频监控设备',
  cite: cite('一（三）', '含视频监控设备'),
  evaluate: (p) =>
    p.capacity.videoMonitoring ? pass() : fail('no video monitoring equipment', ['capacity', 'videoMonitoring']),
};

// ── 一（四） ────────────────────────────────────────────────────────────────

export const notForProfit: Rule<P> = {
  id: 'not-for-profit',
  description: '坚持把社会效益放在首位，不以人才评价为营利目的',
  cite: cite('一（四）', '坚持把社会效益放在首位，不以人才评价为营利目的'),
  evaluate: (p) => (p.capacity.notForProfit ? pass() : fail('evaluation run for profit', ['capacity', 'notForProfit'])),
};

export const stableFunding: Rule<P> = {
  id: 'stable-funding',
  description: '能为职业技能等级认定工作提供稳定的经费保障',
  cite: cite('一（四）', '能为职业技能等级认定工作提供稳定的经费保障'),
  evaluate: (p) => (p.capacity.stableFunding ? pass() : fail('no stable funding', ['capacity', 'stableFunding'])),
};

// ── 一（五） ────────────────────────────────────────────────────────────────

export const qualityControl: Rule<P> = {
  id: 'quality-control',
  description: '具有完善的职业技能等级认定工作质量管控措施',
  cite: cite('一（五）', '具有完善的职业技能等级认定工作质量管控措施'),
  evaluate: (p) =>
    flag(
      p.capacity.qualityControl,
      ['capacity', 'qualityControl'],
      'quality-control measures in place',
      'no quality-control measures',
      'the profile does not describe quality-control measures: an expert checks them',
    ),
};

export const acceptsSupervision: Rule<P> = {
  id: 'accepts-supervision',
  description: '自愿接受人力资源社会保障部门的监督',
  cite: cite('一（五）', '自愿接受人力资源社会保障部门的监督'),
  evaluate: (p) =>
    flag(
      p.organization.acceptsSupervision,
      ['organization', 'acceptsSupervision'],
      'accepts supervision',
      'does not accept supervision by the human-resources authorities',
      'the profile carries no undertaking to accept supervision: the centre obtains it',
    ),
};
