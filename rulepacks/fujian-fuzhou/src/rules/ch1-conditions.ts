// 福州 2021-04-22 一、申报条件: the rules of this chapter (基本条件, 题库, 优先条件).
import {
  type ApplicantProfile,
  optionalFact,
  type Rule,
  pass,
  notApplicable,
  fail,
  review,
  allFacts,
  type Level,
  type RuleResult,
  type QuestionBank,
} from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from '../documents.js';
import { MIN_CONSECUTIVE_YEARS, MIN_PERSON_TIMES, QUESTION_BANK_MINIMUMS } from '../limits.js';

const inFuzhou = (code: string) => code.startsWith('3501');

/** 三（四）2: an organization filed by the ministry's or the Fujian provincial centre, based outside Fuzhou. */
export const filedElsewhereOf = (p: ApplicantProfile): unknown => optionalFact(p.organization, 'filedElsewhere');

/** 一（一）1. An organization filed nationally or by the province files under 三（四）2 instead. */
export const registeredInFuzhou: Rule<ApplicantProfile> = {
  id: 'registered-in-fuzhou',
  description: '在福州辖区内依法登记',
  cite: { document: DOC, clause: '一（一）1', text: '在福州辖区内依法登记' },
  evaluate(p) {
    if (inFuzhou(p.organization.registeredIn)) return pass();
    if (filedElsewhereOf(p) !== undefined) return notApplicable('非在榕评价机构：按三（四）2向市鉴定中心备案');
    return fail(
      `登记地 ${p.organization.registeredIn} 不在福州辖区内（经人社部或省鉴定中心备案的非在榕机构请填写 organization.filedElsewhere）`,
      ['organization', 'registeredIn'],
    );
  },
};

export const mainDutyTalentTraining: Rule<ApplicantProfile> = {
  id: 'main-duty-talent-training',
  description: '以人才培养服务为主要工作职责的社会培训评价组织',
  cite: { document: DOC, clause: '一（一）1', text: '以人才培养服务为主要工作职责的社会培训评价组织' },
  evaluate({ organization: o }) {
    if (o.kind === 'government-department') return fail('政府部门不属于社会培训评价组织', ['organization', 'kind']);
    if (o.kind === 'public-institution')
      return review('事业单位：专家核实其是否以人才培养服务为主要工作职责', ['organization', 'kind']);
    return pass();
  },
};

export const soundFinanceAndManagement: Rule<ApplicantProfile> = {
  id: 'sound-finance-and-management',
  description: '具有规范的财务制度和管理制度',
  cite: { document: DOC, clause: '一（一）1', text: '具有规范的财务制度和管理制度' },
  evaluate: ({ organization }) =>
    allFacts(organization, ['organization'], { soundFinanceAndManagement: '规范的财务制度和管理制度' }),
};

export const creditClean: Rule<ApplicantProfile> = {
  id: 'credit-clean',
  description: '社会信用良好，无违法违规、失信等不良行为记录',
  cite: { document: DOC, clause: '一（一）1', text: '社会信用良好,无违法违规、失信等不良行为记录' },
  evaluate: ({ organization: o }) =>
    o.creditClean ? pass() : fail('有违法违规、失信等不良行为记录', ['organization', 'creditClean']),
};

export const minConsecutiveYears: Rule<ApplicantProfile> = {
  id: 'min-consecutive-years',
  description: '具备连续5年以上相关培训评价经历',
  cite: { document: DOC, clause: '一（一）2', text: '具备连续5年以上相关培训评价经历' },
  evaluate: ({ history: h }) =>
    h.consecutiveYears >= MIN_CONSECUTIVE_YEARS
      ? pass()
      : fail(
          `连续培训评价经历 ${h.consecutiveYears} 年，不足 ${MIN_CONSECUTIVE_YEARS} 年`,
          ['history', 'consecutiveYears'],
          { years: h.consecutiveYears, min: MIN_CONSECUTIVE_YEARS },
        ),
};

/** 一（一）2: 10,000 person-times; below that the brand alternative applies (next rule). */
export const minTrainingEvaluationScale: Rule<ApplicantProfile> = {
  id: 'min-training-evaluation-scale',
  description: '累计1万人次以上的相关职业（工种）培训评价规模',
  cite: { document: DOC, clause: '一（一）2', text: '累计1万人次以上的相关职业(工种)培训评价规模' },
  evaluate: ({ history: h }) =>
    h.personTimesTotal >= MIN_PERSON_TIMES
      ? pass()
      : notApplicable(`累计 ${h.personTimesTotal} 人次，不足1万人次：适用培训评价品牌条件`),
};

export const recognisedBrandBelowScale: Rule<ApplicantProfile> = {
  id: 'recognised-brand-below-scale',
  description: '累计培训评价不足1万人次的，应具有较高知名度并形成社会广泛认可的培训评价品牌（专家判断）',
  cite: {
    document: DOC,
    clause: '一（一）2',
    text: '累计培训评价不足1万人次的,所培训评价职业(工种)应在职业领域内具有较高知名度,并形成与我市产业发展紧密结合、独具特色、社会广泛认可的培训评价品牌',
  },
  evaluate({ history: h }) {
    if (h.personTimesTotal >= MIN_PERSON_TIMES) return notApplicable('累计1万人次以上');
    if (h.personTimesTotal === 0) return fail('无培训评价规模（累计 0 人次）', ['history', 'personTimesTotal']);
    return review(`累计 ${h.personTimesTotal} 人次，不足1万人次：专家评估其培训评价品牌的知名度与社会认可度`, [
      'history',
      'personTimesTotal',
    ]);
  },
};

/** 一（一）2: evaluated ≥ 30 % of the total, in integers (10·evaluated ≥ 3·total). */
export const minEvaluatedShare: Rule<ApplicantProfile> = {
  id: 'min-evaluated-share',
  description: '评价人数占总规模比例不得低于30%',
  cite: { document: DOC, clause: '一（一）2', text: '评价人数占总规模比例不得低于30%' },
  evaluate({ history: h }) {
    if (h.personTimesTotal === 0) return fail('无培训评价规模，评价人数比例无从计算', ['history', 'personTimesTotal']);
    const share = h.personTimesEvaluated / h.personTimesTotal;
    return 10 * h.personTimesEvaluated >= 3 * h.personTimesTotal
      ? pass()
      : fail(`评价人数占比 ${(share * 100).toFixed(2)}%，低于30%`, ['history', 'personTimesEvaluated'], { share });
  },
};

export const dedicatedDepartment: Rule<ApplicantProfile> = {
  id: 'dedicated-department',
  description: '有专门负责职业技能等级认定工作的内设机构',
  cite: { document: DOC, clause: '一（一）3', text: '有专门负责职业技能等级认定工作的内设机构' },
  evaluate: ({ capacity: c }) =>
    c.dedicatedDepartment ? pass() : fail('无专门负责认定工作的内设机构', ['capacity', 'dedicatedDepartment']),
};

export const staffAndExperts: Rule<ApplicantProfile> = {
  id: 'staff-and-experts',
  description: '有与评价工作相适应的专职工作人员队伍、专家团队',
  cite: { document: DOC, clause: '一（一）3', text: '与评价工作相适应的专职工作人员队伍、专家团队' },
  evaluate({ capacity: c }) {
    if (c.fullTimeStaff === 0) return fail('无专职工作人员', ['capacity', 'fullTimeStaff']);
    if (c.experts === 0) return fail('无专家团队', ['capacity', 'experts']);
    return pass();
  },
};

export const venueAndVideoMonitoring: Rule<ApplicantProfile> = {
  id: 'venue-and-video-monitoring',
  description: '有相应的场地、设备设施（含视频监控设备）',
  cite: { document: DOC, clause: '一（一）3', text: '相应的场地、设备设施(含视频监控设备)' },
  evaluate: ({ capacity: c }) => (c.videoMonitoring ? pass() : fail('无视频监控设备', ['capacity', 'videoMonitoring'])),
};

export const stableFunding: Rule<ApplicantProfile> = {
  id: 'stable-funding',
  description: '能为职业技能等级认定工作提供稳定的经费保障',
  cite: { document: DOC, clause: '一（一）3', text: '能为职业技能等级认定工作提供稳定的经费保障' },
  evaluate: ({ capacity: c }) => (c.stableFunding ? pass() : fail('无稳定的经费保障', ['capacity', 'stableFunding'])),
};

export const qualityControl: Rule<ApplicantProfile> = {
  id: 'quality-control',
  description: '具有完善的职业技能等级认定工作质量管控措施',
  cite: { document: DOC, clause: '一（一）4', text: '具有完善的职业技能等级认定工作质量管控措施' },
  evaluate: ({ capacity }) => allFacts(capacity, ['capacity'], { qualityControlSystem: '质量管控措施' }),
};

export const notForProfit: Rule<ApplicantProfile> = {
  id: 'not-for-profit',
  description: '把社会效益放在首位，不得以营利为最终目的',
  cite: { document: DOC, clause: '一（一）4', text: '把社会效益放在首位,不得以营利为最终目的' },
  evaluate: ({ capacity: c }) => (c.notForProfit ? pass() : fail('以营利为最终目的', ['capacity', 'notForProfit'])),
};

export const acceptsSupervision: Rule<ApplicantProfile> = {
  id: 'accepts-supervision',
  description: '自愿接受人力资源社会保障部门的监督',
  cite: { document: DOC, clause: '一（一）6', text: '自愿接受人力资源社会保障部门的监督' },
  evaluate: ({ organization }) =>
    allFacts(organization, ['organization'], { acceptsSupervision: '自愿接受人力资源社会保障部门的监督' }),
};

type Field = keyof typeof QUESTION_BANK_MINIMUMS;

const LABEL: Record<Field, string> = {
  theoryQuestions: '理论知识题量',
  theoryPaperSets: '理论知识卷库',
  practicalPaperSets: '实际操作卷库',
  reviewQuestions: '综合评审论文答辩或技术评审试题',
};

/** Checks one bank field for every applied (occupation, level); a level without bank data needs an expert. */
function bankMinimum(profile: ApplicantProfile, field: Field, levels: (l: Level) => boolean): RuleResult {
  const min = QUESTION_BANK_MINIMUMS[field];
  let missing: { code: string; level: Level; path: (string | number)[] } | undefined;
  for (const [i, o] of profile.occupations.entries()) {
    for (const level of o.levels.filter(levels)) {
      const path = ['occupations', i, 'questionBank', String(level), field];
      const bank = o.questionBank?.[String(level) as `${Level}`] as QuestionBank | undefined;
      const value = bank ? optionalFact(bank, field) : undefined;
      if (typeof value !== 'number') {
        missing ??= { code: o.code, level, path };
        continue;
      }
      if (value < min)
        return fail(`${o.code} ${level}级${LABEL[field]} ${value}，不低于 ${min}`, path, { value, min, level });
    }
  }
  if (missing)
    return review(`专家核实：${missing.code} ${missing.level}级${LABEL[field]}（题库信息未提供）`, missing.path);
  return pass();
}

const all = () => true;

const technicianLevels = (l: Level) => l === 2 || l === 1;

export const questionBankDevelopers: Rule<ApplicantProfile> = {
  id: 'question-bank-developers',
  description: '具有开发题库技术人员',
  cite: { document: DOC, clause: '一（一）5', text: '具有开发题库技术人员' },
  evaluate({ capacity }) {
    const n = optionalFact(capacity, 'questionBankDevelopers');
    if (typeof n !== 'number')
      return review('专家核实：开发题库技术人员（capacity.questionBankDevelopers 未提供）', [
        'capacity',
        'questionBankDevelopers',
      ]);
    return n > 0 ? pass() : fail('无开发题库技术人员', ['capacity', 'questionBankDevelopers']);
  },
};

export const minTheoryQuestions: Rule<ApplicantProfile> = {
  id: 'min-theory-questions',
  description: '每职业每等级理论知识题库不低于1200题',
  cite: { document: DOC, clause: '一（一）5', text: '备案的职业(工种)应符合每职业每等级题库题量理论知识不低于1200题' },
  evaluate: (p) => bankMinimum(p, 'theoryQuestions', all),
};

export const minTheoryPaperSets: Rule<ApplicantProfile> = {
  id: 'min-theory-paper-sets',
  description: '每职业每等级理论知识卷库不低于10套',
  cite: { document: DOC, clause: '一（一）5', text: '理论知识不低于1200题(卷库不低于10套)' },
  evaluate: (p) => bankMinimum(p, 'theoryPaperSets', all),
};

export const minPracticalPaperSets: Rule<ApplicantProfile> = {
  id: 'min-practical-paper-sets',
  description: '每职业每等级实际操作卷库不低于10套',
  cite: { document: DOC, clause: '一（一）5', text: '实际操作卷库不低于10套' },
  evaluate: (p) => bankMinimum(p, 'practicalPaperSets', all),
};

export const minReviewQuestions: Rule<ApplicantProfile> = {
  id: 'min-review-questions',
  description: '技师、高级技师综合评审论文答辩或技术评审试题不低于10题',
  cite: { document: DOC, clause: '一（一）5', text: '技师、高级技师综合评审论文答辩或技术评审试题不低于10题' },
  evaluate: (p) => bankMinimum(p, 'reviewQuestions', technicianLevels),
};

/**
 * 一（二）: priority conditions rank eligible organizations; they never make
 * one eligible or not. Informative: a claimed condition (`priorityClaims`)
 * is a `review` finding an expert confirms for the ranking; an unclaimed one
 * is not-applicable.
 */
export const PRIORITY_CLAIMS = [
  'standards-development',
  'skills-competition',
  'industrial-park-centre',
  'major-breakthrough',
] as const;

export type PriorityClaim = (typeof PRIORITY_CLAIMS)[number];

const claims = (p: ApplicantProfile): unknown[] => {
  const v = (p as Record<string, unknown>).priorityClaims;
  return Array.isArray(v) ? v : [];
};

function priorityRule(
  claim: PriorityClaim,
  id: string,
  description: string,
  clause: string,
  text: string,
): Rule<ApplicantProfile> {
  return {
    id,
    description: `优先条件（不影响是否符合申报条件）：${description}`,
    cite: { document: DOC, clause, text },
    evaluate: (p) =>
      claims(p).includes(claim)
        ? review(`优先条件待专家确认：${description}`, ['priorityClaims'])
        : notApplicable('未主张此优先条件'),
  };
}

export const priorityRules = [
  priorityRule(
    'standards-development',
    'priority-standards-development',
    '领域影响力广泛，曾参与国家职业技能标准、考核规范、教材、题库开发编制',
    '一（二）1',
    '在拟开展评价的职业领域具有广泛的影响力,曾参与相关职业国家职业技能标准、专项职业能力考核规范、教学大纲、教材、国家题库(或省题库)的开发编制',
  ),
  priorityRule(
    'skills-competition',
    'priority-skills-competition',
    '世界技能大赛集训基地或为我市职业技能竞赛提供技术支持与服务',
    '一（二）2',
    '世界技能大赛集训基地或为我市职业技能竞赛工作提供技术支持与服务的',
  ),
  priorityRule(
    'industrial-park-centre',
    'priority-industrial-park-centre',
    '经市人社局、财政局备案的福州市工业（产业）园区职业技能提升中心',
    '一（二）3',
    '经市人社局、财政局备案的福州市工业(产业)园区职业技能提升中心',
  ),
  priorityRule(
    'major-breakthrough',
    'priority-major-breakthrough',
    '在我市技能人才培养评价领域有重大突破',
    '一（二）4',
    '在我市技能人才培养评价领域有重大突破的',
  ),
];
