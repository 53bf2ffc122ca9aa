import { accessTypeExcludedRule, fail, notApplicable, pass, perOccupation, requiredMaterialsRule, review, yesNoFact, type ApplicantProfile, type ExamPlan, type ExamPlanFacts, type Occupation, type Rule, type RuleResult } from '@certflow/core';
import { CHUANRENSHEBAN_2020_20 } from '@certflow/rulepack-national';

const D = CHUANRENSHEBAN_2020_20;
export const cite = (clause: string, text: string) => ({ document: D, clause, text });
type P = ApplicantProfile;

// ── 一 二 applicants and where they apply ────────────────────────────────────

export const technicalSchoolOnly: Rule<P> = {
  id: 'technical-school-only',
  description: '试点申请人限于技工院校',
  cite: cite('一', '以备案管理方式，明确符合条件的技工院校，依据国家职业技能标准和行业企业工种岗位评价规范等，对学生开展职业技能水平评价'),
  evaluate: (p) => (p.organization.kind === 'technical-school' ? pass() : fail(`a ${p.organization.kind} is not a technical school (技工院校)`, ['organization', 'kind'])),
};

export const schoolInSichuan: Rule<P> = {
  id: 'school-in-sichuan',
  description: '技工院校办学所在地在四川省内',
  cite: cite('二', '向办学所在地市（州）职鉴中心提出申请'),
  evaluate: (p) =>
    p.organization.registeredIn.startsWith('51') ? pass() : fail(`registered in ${p.organization.registeredIn}, not in Sichuan (51xxxx)`, ['organization', 'registeredIn']),
};

/** Where each kind of school applies (二): 市（州） schools to their city centre, 省属及以上 to the provincial training centre. */
export const COMPETENT_CENTRE = { city: 'city-centre', provincial: 'provincial-training-centre' } as const;

export const competentCentre: Rule<P> = {
  id: 'competent-centre',
  description: '市（州）技工院校向办学所在地市（州）职鉴中心申请；省属及以上技工院校向省职业培训指导中心申请',
  cite: cite(
    '二',
    '省、市（州）技工院校按照管理权限和属地原则，对照试点条件（附件1）、申请材料（附件2）向办学所在地市（州）职鉴中心提出申请；省属及以上技工院校向省职业培训指导中心提出申请',
  ),
  evaluate(p) {
    const affiliation = p.organization.schoolAffiliation;
    const appliedTo = p.organization.appliedTo;
    if (affiliation !== 'city' && affiliation !== 'provincial') {
      return review('the profile does not say whether the school is 省属及以上 or 市（州）属: the centre checks which centre is competent', ['organization', 'schoolAffiliation']);
    }
    if (appliedTo === undefined) return review('the profile does not say which centre the application went to', ['organization', 'appliedTo']);
    const due = COMPETENT_CENTRE[affiliation];
    return appliedTo === due ? pass() : fail(`a ${affiliation} school applies to the ${due}, not the ${String(appliedTo)}`, ['organization', 'appliedTo'], { due });
  },
};

// ── 三 standards and levels ─────────────────────────────────────────────────

export const standardOrApprovedSpec: Rule<P> = {
  id: 'standard-or-approved-spec',
  description: '有国家职业技能标准的依据国家标准；没有的，依据经人社部批准的行业企业工种岗位评价规范',
  cite: cite('三', '其中有国家职业技能标准的，依据国家职业技能标准开展评价活动；没有国家职业技能标准的，依据行业企业工种岗位评价规范组织开展'),
  replaces: 'standard-required',
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) => {
      if (o.standard === 'national') return pass();
      // filed-spec: an industry/enterprise specification; its MOHRSS approval is `spec-approved-by-mohrss`.
      return o.standard === 'filed-spec'
        ? pass()
        : fail(`${o.code} ${o.name} has neither a national standard nor an industry/enterprise specification`, ['occupations', i, 'standard']);
    }),
};

export const specApproved: Rule<P> = {
  id: 'spec-approved-by-mohrss',
  description: '行业企业工种岗位评价规范须上报人力资源社会保障部批准后实施',
  cite: cite('三', '行业企业工种岗位评价规范由行业协会、龙头企业参照《国家职业技能标准技术规程》（2018版）编制，上报人力资源社会保障部批准后实施'),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) => {
      if (o.standard !== 'filed-spec') return notApplicable();
      return yesNoFact(
        o.specApprovedByMohrss,
        ['occupations', i, 'specApprovedByMohrss'],
        `${o.code}: the specification is not approved by MOHRSS`,
        `${o.code}: the profile does not say the specification was approved by MOHRSS: the centre checks the approval`,
      );
    }),
};

/**
 * 六（二）: qualifications kept in the 国家职业资格目录 (the 准入类 ones) are
 * assessed and certified by their implementing bodies, not by the school's
 * skill level certification. Replaces the base rule to cite this notice.
 */
export const notAccessType: Rule<P> = {
  ...accessTypeExcludedRule(
    cite('六（二）', '技工院校学生取得保留在《国家职业资格目录》内的职业资格证书，由职业资格实施机构考核鉴定后颁发职业资格证书'),
    'not-access-type',
    '保留在国家职业资格目录内的（准入类）职业资格由职业资格实施机构考核鉴定，不纳入院校职业技能等级认定',
  ),
  replaces: 'not-access-type',
};

export const performanceReview: Rule<P> = {
  id: 'performance-review-levels-2-1',
  description: '技师（二级）、高级技师（一级）等级认定应增加综合业绩评审',
  cite: cite('附件4（一）', '其中技师（高级技师）等级认定应增加综合业绩评审'),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) => {
      if (!o.levels.some((l) => l === 1 || l === 2)) return notApplicable();
      return yesNoFact(
        o.performanceReview,
        ['occupations', i, 'performanceReview'],
        `${o.code}: levels 2/1 applied for without a comprehensive performance review (综合业绩评审)`,
        `${o.code}: levels 2/1 applied for; the profile does not say a comprehensive performance review (综合业绩评审) is planned`,
      );
    }),
};

// ── 四 evaluation modes ─────────────────────────────────────────────────────

export const EVALUATION_MODES = ['cooperating-enterprise', 'social-organization', 'own-station', 'competition'] as const;
export type EvaluationMode = (typeof EVALUATION_MODES)[number];

export const evaluationMode: Rule<P> = {
  id: 'evaluation-mode',
  description: '评价方式为四种之一：依托合作企业、社会培训评价组织、院校鉴定所站或经备案自行组织、以赛促评',
  cite: cite('四', '四、评价方式'),
  evaluate(p) {
    const mode = p.organization.evaluationMode;
    if (mode === undefined) return review('the profile does not name the evaluation mode (四): the centre asks', ['organization', 'evaluationMode']);
    return (EVALUATION_MODES as readonly unknown[]).includes(mode)
      ? pass()
      : fail(`evaluation mode ${String(mode)} is none of ${EVALUATION_MODES.join(', ')}`, ['organization', 'evaluationMode']);
  },
};

export const cooperatingEnterpriseFiled: Rule<P> = {
  id: 'cooperating-enterprise-filed',
  description: '依托合作企业评价的，合作企业须已备案开展职业技能等级认定',
  cite: cite('四（一）', '由已备案开展职业技能等级认定的企业，通过企校合作方式，参与技工院校人才培养评价'),
  evaluate(p) {
    if (p.organization.evaluationMode !== 'cooperating-enterprise') return notApplicable();
    return yesNoFact(
      p.organization.partnerEnterpriseFiled,
      ['organization', 'partnerEnterpriseFiled'],
      'the cooperating enterprise is not filed for skill level certification',
      'the profile does not say the cooperating enterprise is filed: the centre checks its filing',
    );
  },
};

export const socialOrganizationListed: Rule<P> = {
  id: 'social-organization-listed',
  description: '依托社会培训评价组织评价的，该组织须经人社部遴选公布',
  cite: cite('四（二）', '经人力资源社会保障部遴选公布的社会培训评价组织，可根据技工院校需求，为学生提供职业技能等级认定服务'),
  evaluate(p) {
    if (p.organization.evaluationMode !== 'social-organization') return notApplicable();
    return yesNoFact(
      p.organization.partnerOrganizationListed,
      ['organization', 'partnerOrganizationListed'],
      'the social training evaluation organization is not on the MOHRSS list',
      'the profile does not say the organization is on the MOHRSS list: the centre checks the list',
    );
  },
};

// ── 附件4（五）（六） who issues the certificates, by evaluation mode ───────────

const modeOf = (f: ExamPlanFacts) => (f.filing.profile.organization as Record<string, unknown>).evaluationMode;
const modePath = ['filing', 'profile', 'organization', 'evaluationMode'];

/**
 * 四（一）（二） with 附件4（五）: the school issues certificates in its own name
 * (加盖院校公章) only where it certifies itself (四（三）, `own-station`); students
 * certified by a cooperating enterprise or a social training evaluation
 * organization get their certificates from that enterprise or organization,
 * under its own filing.
 */
export const schoolIssuesOnlyOwnCertification: Rule<ExamPlanFacts> = {
  id: 'school-issues-only-own-certification',
  description: '院校自行认定的，由院校颁发证书；由企业、第三方认定机构认定的，由企业和第三方认定机构办理等级证书',
  cite: cite('附件4（五）', '由企业、第三方认定机构认定的院校学生，由企业和第三方认定机构办理等级证书（或电子证书）'),
  appliesTo: 'IssueCertificates',
  evaluate(f) {
    const mode = modeOf(f);
    if (mode === 'own-station') return pass();
    if (mode === 'competition') return notApplicable('competition certificates: competition-certificates-by-authorities');
    if (mode === 'cooperating-enterprise') return fail('in the cooperating-enterprise mode (四（一）) the filed enterprise issues the certificates, not the school', modePath, { mode, issuer: 'cooperating-enterprise' });
    if (mode === 'social-organization') return fail('in the social-organization mode (四（二）) the MOHRSS-listed organization issues the certificates, not the school', modePath, { mode, issuer: 'social-organization' });
    return review('the filing does not name the evaluation mode (四): the centre checks that the school certifies these students itself', modePath);
  },
};

/** 四（四） with 附件4（六）: certificates of skill competitions are made, sealed and issued by the human-resources authorities. */
export const competitionCertificatesByAuthorities: Rule<ExamPlanFacts> = {
  id: 'competition-certificates-by-authorities',
  description: '职业技能竞赛需发放职业技能等级证书的，由省、市（州）人力资源社会保障部门制证、用印和发放',
  cite: cite('附件4（六）', '各级各类职业技能竞赛需发放职业技能等级证书的，由省、市（州）人力资源社会保障部门按统一编码规则、统一证书样式，制证、用印和发放'),
  appliesTo: 'IssueCertificates',
  evaluate(f) {
    if (modeOf(f) !== 'competition') return notApplicable();
    return fail('in the competition mode (四（四）) the provincial or city human-resources authorities issue the certificates, not the school', modePath, { mode: 'competition', issuer: 'hr-authorities' });
  },
};

// ── 附件1 conditions ────────────────────────────────────────────────────────

const A1 = {
  body: '具有专门负责院校学生等级认定的内设机构，完善的职业技能等级认定工作制度，规范的考务工作流程',
  staff: '具有与评价职业（工种）相适应的专职工作人员，并拥有一支稳定的专家队伍和考评人员、质量督导人员队伍，其中每个职业（工种）考评人员或高级考评员不得少于3人',
  venue: '具有与评价职业（工种）等级相适应的场地、设施设备、仪器仪表等硬件设施和网络视频监控设备',
  majors: '具有与评价职业（工种）等级相适应的专业设置、教学水平、企业用工需求、办学条件及规模',
  bank: '基于国家职业标准和行业企业工种岗位评价规范，建立与所认定的职业（工种）相对应的题库',
  funding: '能够为职业技能等级评价工作提供稳定的经费保障，评价活动不以营利为目的',
  system: '自愿接受人力资源社会保障部门的监督管理和业务指导，配备职业技能等级认定考务系统，并能够与人力资源社会保障部门相关监管数据信息系统对接',
};

export const dedicatedBody: Rule<P> = {
  id: 'dedicated-body',
  description: '具有专门负责院校学生等级认定的内设机构',
  cite: cite('附件1 1', A1.body),
  evaluate: (p) => (p.capacity.dedicatedDepartment ? pass() : fail('no internal body dedicated to certifying students', ['capacity', 'dedicatedDepartment'])),
};

export const certificationRules: Rule<P> = {
  id: 'certification-rules',
  description: '具有完善的职业技能等级认定工作制度、规范的考务工作流程',
  cite: cite('附件1 1', A1.body),
  evaluate: (p) =>
    yesNoFact(p.capacity.certificationRules, ['capacity', 'certificationRules'], 'no certification rules and exam procedures', 'the profile does not describe the certification rules and exam procedures: an expert checks them'),
};

export const fullTimeStaff: Rule<P> = {
  id: 'full-time-staff',
  description: '具有与评价职业（工种）相适应的专职工作人员',
  cite: cite('附件1 2', A1.staff),
  evaluate: (p) => (p.capacity.fullTimeStaff >= 1 ? pass() : fail('no full-time staff', ['capacity', 'fullTimeStaff'])),
};

export const expertTeam: Rule<P> = {
  id: 'expert-team',
  description: '拥有一支稳定的专家队伍',
  cite: cite('附件1 2', A1.staff),
  evaluate: (p) => (p.capacity.experts >= 1 ? pass() : fail('no expert team', ['capacity', 'experts'])),
};

export const qualitySupervisors: Rule<P> = {
  id: 'quality-supervisors',
  description: '拥有质量督导人员队伍',
  cite: cite('附件1 2', A1.staff),
  evaluate: (p) => (p.capacity.supervisors >= 1 ? pass() : fail('no quality supervisors (质量督导人员)', ['capacity', 'supervisors'])),
};

export const MIN_EVALUATORS_PER_OCCUPATION = 3;

export const minEvaluatorsPerOccupation: Rule<P> = {
  id: 'min-evaluators-per-occupation',
  description: '每个职业（工种）考评人员或高级考评员不得少于3人',
  cite: cite('附件1 2', '其中每个职业（工种）考评人员或高级考评员不得少于3人'),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) =>
      o.evaluators >= MIN_EVALUATORS_PER_OCCUPATION
        ? pass()
        : fail(`${o.code} ${o.name}: ${o.evaluators} evaluators, at least ${MIN_EVALUATORS_PER_OCCUPATION} needed`, ['occupations', i, 'evaluators'], {
            evaluators: o.evaluators,
            min: MIN_EVALUATORS_PER_OCCUPATION,
          }),
    ),
};

export const venueAndEquipment: Rule<P> = {
  id: 'venue-and-equipment',
  description: '具有与评价职业（工种）等级相适应的场地、设施设备、仪器仪表等硬件设施',
  cite: cite('附件1 3', A1.venue),
  evaluate: (p) =>
    yesNoFact(p.capacity.venueAndEquipment, ['capacity', 'venueAndEquipment'], 'no venue and equipment suited to the occupations and levels', 'the profile does not describe the venue and equipment: checked on the site visit'),
};

export const videoMonitoring: Rule<P> = {
  id: 'video-monitoring',
  description: '具有网络视频监控设备',
  cite: cite('附件1 3', A1.venue),
  evaluate: (p) => (p.capacity.videoMonitoring ? pass() : fail('no networked video monitoring', ['capacity', 'videoMonitoring'])),
};

export const majorsMatchOccupations: Rule<P> = {
  id: 'majors-match-occupations',
  description: '具有与评价职业（工种）等级相适应的专业设置、教学水平、企业用工需求、办学条件及规模',
  cite: cite('附件1 4', A1.majors),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) =>
      yesNoFact(o.matchingMajor, ['occupations', i, 'matchingMajor'], `${o.code} ${o.name}: the school has no major matching the occupation`, `${o.code}: the profile does not name a matching major: an expert checks the school's majors`),
    ),
};

export const questionBank: Rule<P> = {
  id: 'question-bank',
  description: '建立与所认定的职业（工种）及等级相对应的题库',
  cite: cite('附件1 5', A1.bank),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) => {
      if (!o.questionBank) return review(`${o.code}: the profile does not describe the question bank: an expert checks it`, ['occupations', i, 'questionBank']);
      const missing = o.levels.filter((l) => {
        const b = o.questionBank![String(l) as '1' | '2' | '3' | '4' | '5'];
        return !b || b.theoryQuestions + b.theoryPaperSets + b.practicalPaperSets === 0;
      });
      return missing.length === 0
        ? pass()
        : fail(`${o.code} ${o.name}: no question bank for level(s) ${missing.join(', ')}`, ['occupations', i, 'questionBank', String(missing[0])], { levels: missing });
    }),
};

export const stableFunding: Rule<P> = {
  id: 'stable-funding',
  description: '能够为职业技能等级评价工作提供稳定的经费保障',
  cite: cite('附件1 6', A1.funding),
  evaluate: (p) => (p.capacity.stableFunding ? pass() : fail('no stable funding', ['capacity', 'stableFunding'])),
};

export const notForProfit: Rule<P> = {
  id: 'not-for-profit',
  description: '评价活动不以营利为目的',
  cite: cite('附件1 6', A1.funding),
  evaluate: (p) => (p.capacity.notForProfit ? pass() : fail('evaluation run for profit', ['capacity', 'notForProfit'])),
};

export const acceptsSupervision: Rule<P> = {
  id: 'accepts-supervision',
  description: '自愿接受人力资源社会保障部门的监督管理和业务指导',
  cite: cite('附件1 7', A1.system),
  evaluate: (p) =>
    yesNoFact(p.organization.acceptsSupervision, ['organization', 'acceptsSupervision'], 'does not accept supervision and guidance', 'the profile carries no undertaking to accept supervision: the centre obtains it'),
};

export const examSystemConnects: Rule<P> = {
  id: 'exam-system-connects',
  description: '配备职业技能等级认定考务系统，并能够与人社部门监管数据信息系统对接',
  cite: cite('附件1 7', A1.system),
  evaluate: (p) =>
    yesNoFact(
      p.capacity.examSystemConnected,
      ['capacity', 'examSystemConnected'],
      'no exam administration system able to connect to the authorities\' systems',
      'the profile does not say the exam administration system can connect to the authorities\' systems: checked in the technical evaluation',
    ),
};

// ── 附件2 materials ─────────────────────────────────────────────────────────

export const materialsComplete: Rule<P> = requiredMaterialsRule(cite('附件2', '应向所属人力资源社会保障部门职业技能鉴定指导中心一次性提交以下材料'));

// ── PlanExam (附件4) ────────────────────────────────────────────────────────

/** The facts of a PlanExam rule (the engine's ExamPlanFacts): the plan and the filing it runs under. */
export interface PlanFacts {
  plan: ExamPlan;
  filing?: unknown;
}

export const qualitySupervisorEverySession: Rule<PlanFacts> = {
  id: 'quality-supervisor-every-session',
  description: '质量督导员对每次认定的全过程进行质量督导（每场认定须配备质量督导员）',
  cite: cite('附件4（三）', '试点院校质量督导员对每次认定的全过程进行质量督导'),
  appliesTo: 'PlanExam',
  evaluate: ({ plan }) => (plan.supervisors.length > 0 ? pass() : fail('no quality supervisor for this session', ['plan', 'supervisors'])),
};

export const enrolmentClosedGiven: Rule<PlanFacts> = {
  id: 'enrolment-closed-date-given',
  description: '认定计划须写明招生和培训报名完成日期（30个工作日报送期限由此起算）',
  cite: cite('附件4（一）', '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心'),
  appliesTo: 'PlanExam',
  evaluate: ({ plan }) =>
    plan.enrolmentClosedOn
      ? pass()
      : fail('the plan does not say when enrolment closed; the 30-working-day filing deadline runs from that day', ['plan', 'enrolmentClosedOn']),
};

export const enrolmentBeforeExam: Rule<PlanFacts> = {
  id: 'enrolment-closes-before-exam',
  description: '招生和培训报名完成于认定之前',
  cite: cite('附件4（一）', '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心'),
  appliesTo: 'PlanExam',
  evaluate: ({ plan }) => {
    if (!plan.enrolmentClosedOn) return notApplicable();
    return plan.enrolmentClosedOn <= plan.examDate ? pass() : fail(`enrolment closes ${plan.enrolmentClosedOn}, after the exam on ${plan.examDate}`, ['plan', 'enrolmentClosedOn']);
  },
};

/** 附件4（四）: the school keeps the candidates' process records and exam papers for 2 years. */
export const RECORD_RETENTION = {
  years: 2,
  cite: cite('附件4（四）', '试点院校应在2年内妥善保管考生认定过程文档及考务资料，实现全程留痕，确保责任可追溯'),
} as const;

/** 六（五）: violations lead to rectification within a time limit, up to cancellation of the filing (informative; a centre uses SuspendFiling / RevokeFiling). */
export const SANCTIONS = {
  cite: cite('六（五）', '将视情节按规定予以限期整改直至取消备案资格'),
} as const;

export const rules: Rule<any>[] = [
  technicalSchoolOnly,
  schoolInSichuan,
  competentCentre,
  standardOrApprovedSpec,
  specApproved,
  notAccessType,
  performanceReview,
  evaluationMode,
  cooperatingEnterpriseFiled,
  socialOrganizationListed,
  dedicatedBody,
  certificationRules,
  fullTimeStaff,
  expertTeam,
  qualitySupervisors,
  minEvaluatorsPerOccupation,
  venueAndEquipment,
  videoMonitoring,
  majorsMatchOccupations,
  questionBank,
  stableFunding,
  notForProfit,
  acceptsSupervision,
  examSystemConnects,
  materialsComplete,
  qualitySupervisorEverySession,
  enrolmentClosedGiven,
  enrolmentBeforeExam,
  schoolIssuesOnlyOwnCertification,
  competitionCertificatesByAuthorities,
];
