import {
  defineRulePack,
  fail,
  idCardCheckCharacter,
  pass,
  requiredMaterialsRule,
  review,
  allowedLevelsRule,
  type ApplicantProfile,
  type ExamPlan,
  type ExamPlanFacts,
  type Rule,
  type RulePack,
} from '@certflow/core';

/**
 * A rule pack for engine tests. Its document is fictitious and says so: real
 * packs cite the notices they ship. It has one of everything the engine
 * handles: a review criterion, a PlanExam rule, a quota, each deadline kind,
 * a certificate number rule and a filing validity.
 */
const DOC = 'certflow 测试规则';
const cite = (clause: string, text: string) => ({ document: DOC, clause, text });

const notAccessType: Rule<ApplicantProfile> = {
  id: 'not-access-type',
  description: '准入类职业不纳入认定范围',
  cite: cite('一', '准入类职业不纳入认定范围'),
  evaluate: (p) => {
    const i = p.occupations.findIndex((o) => o.accessType);
    return i === -1 ? pass() : fail(`${p.occupations[i]!.code} is access-type`, ['occupations', i, 'accessType']);
  },
};
const experience: Rule<ApplicantProfile> = {
  id: 'evaluation-experience',
  description: '累计评价不少于1万人次，或为知名品牌（专家认定）',
  cite: cite('二', '累计评价不少于1万人次'),
  evaluate: (p) =>
    p.history.personTimesTotal >= 10_000
      ? pass()
      : review('fewer than 10,000 person-times: an expert judges the brand', ['history', 'personTimesTotal']),
};
const creditClean: Rule<ApplicantProfile> = {
  id: 'credit-clean',
  description: '无不良信用记录',
  cite: cite('三', '无不良信用记录'),
  evaluate: (p) => (p.organization.creditClean ? pass() : fail('a dishonesty record', ['organization', 'creditClean'])),
};
const supervisorOnEveryExam: Rule<ExamPlanFacts> = {
  id: 'exam-supervisor',
  description: '每场考试配备质量督导员',
  cite: cite('四', '每场考试配备质量督导员'),
  appliesTo: 'PlanExam',
  evaluate: (f) => (f.plan.supervisors.length > 0 ? pass() : fail('no supervisor in the plan', ['supervisors'])),
};

export const testRulePack: RulePack = defineRulePack({
  id: 'test-pack',
  version: '1.0.0',
  title: 'certflow 引擎测试规则包',
  documents: [{ number: DOC, title: DOC, issuer: 'certflow', issued: '2020-01-01', source: 'none.txt' }],
  jurisdiction: { name: '山东', code: '370000', level: 'province' },
  levels: { allowed: [5, 4, 3], cite: cite('五', '试点期间开展五级、四级、三级') },
  materials: [{ id: 'work-plan', name: '工作方案', cite: cite('六', '工作方案'), required: true }],
  rules: [
    notAccessType,
    experience,
    creditClean,
    allowedLevelsRule(cite('五', '试点期间开展五级、四级、三级')),
    requiredMaterialsRule(cite('六', '工作方案')),
    supervisorOnEveryExam,
  ],
  quotas: [
    {
      id: 'per-occupation',
      description: '每个职业备案不超过2家',
      cite: cite('七', '每个职业备案不超过2家'),
      max: 2,
      buckets: (p) => p.occupations.map((o) => o.code),
    },
  ],
  deadlines: [
    {
      id: 'acceptance',
      description: '10个工作日内决定是否受理',
      cite: cite('八', '10个工作日内'),
      machine: 'application',
      kind: 'within',
      workingDays: 10,
      from: { event: 'ApplicationSubmitted' },
      step: 'AcceptApplication',
    },
    {
      id: 'filing-publicity',
      description: '公示不少于5个工作日',
      cite: cite('九', '公示不少于5个工作日'),
      machine: 'application',
      kind: 'min-period',
      workingDays: 5,
      from: { event: 'PublicityStarted' },
      step: 'CompleteFiling',
    },
    {
      id: 'plan-lead-time',
      description: '考前至少5个工作日报备考务计划',
      cite: cite('十', '至少提前5个工作日'),
      machine: 'exam',
      kind: 'before',
      workingDays: 5,
      from: { event: 'ExamPlanned', field: 'examDate' },
      step: 'FileExamPlan',
    },
    {
      id: 'results-publicity',
      description: '成绩公示不少于5个工作日',
      cite: cite('十一', '成绩公示不少于5个工作日'),
      machine: 'exam',
      kind: 'min-period',
      workingDays: 5,
      from: { event: 'ResultsPublicityStarted' },
      step: 'ConfirmResults',
    },
  ],
  certificateNumber: { provinceCode: '37', cite: cite('十二', '证书编码') },
  filingValidity: { years: 3, cite: cite('十三', '有效期3年') },
});

const withIdCheck = (first17: string) => first17 + idCardCheckCharacter(first17);

/** A profile the test pack finds eligible (change what a test is about). */
export function testProfile(
  overrides: { name?: string; uscc?: string; occupationCode?: string } = {},
): ApplicantProfile {
  return {
    organization: {
      name: overrides.name ?? '某职业技能培训评价中心',
      uscc: overrides.uscc ?? '52370100MJD123451M',
      kind: 'private-training-institution',
      registeredIn: '370100',
      independentLegalPerson: true,
      creditClean: true,
    },
    history: { consecutiveYears: 6, personTimesTotal: 12_000, personTimesEvaluated: 5_000 },
    capacity: {
      dedicatedDepartment: true,
      fullTimeStaff: 8,
      experts: 5,
      proctors: 10,
      supervisors: 3,
      videoMonitoring: true,
      notForProfit: true,
      stableFunding: true,
    },
    occupations: [
      {
        code: overrides.occupationCode ?? '6-18-01-01',
        name: '车工',
        levels: [5, 4],
        standard: 'national',
        accessType: false,
        evaluators: 6,
      },
    ],
    materials: ['work-plan'],
  };
}

/** Candidates with valid 身份证号 check characters. */
export function testRoster(n = 3): ExamPlan['roster'] {
  return Array.from({ length: n }, (_, i) => ({
    idNumber: withIdCheck(`37010219900101${String(100 + i).padStart(3, '0')}`),
    name: `考生${i + 1}`,
  }));
}

export function testExamPlan(filingStreamId: string, examDate: string, level: 5 | 4 = 5): ExamPlan {
  return {
    filingStreamId,
    occupation: { code: '6-18-01-01', level },
    examDate,
    site: { name: '济南考点', sequence: '000123' },
    roster: testRoster(),
    proctors: [{ id: 'p1', name: '监考一' }],
    evaluators: [{ id: 'e1', name: '考评一' }],
    supervisors: [{ id: 's1', name: '督导一' }],
  };
}
