// 川人社办发〔2020〕20号 附件4 (how certification is run, PlanExam): the rules of this annex.
import {
  type ApplicantProfile,
  type Rule,
  perOccupation,
  notApplicable,
  yesNoFact,
  type ExamPlanFacts,
  pass,
  fail,
  review,
  type ExamPlan,
} from '@certflow/core';
import { cite } from '../documents.js';
import { modeOf, modePath } from './ch4-modes.js';

type P = ApplicantProfile;

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
    if (mode === 'competition')
      return notApplicable('competition certificates: competition-certificates-by-authorities');
    if (mode === 'cooperating-enterprise')
      return fail(
        'in the cooperating-enterprise mode (四（一）) the filed enterprise issues the certificates, not the school',
        modePath,
        { mode, issuer: 'cooperating-enterprise' },
      );
    if (mode === 'social-organization')
      return fail(
        'in the social-organization mode (四（二）) the MOHRSS-listed organization issues the certificates, not the school',
        modePath,
        { mode, issuer: 'social-organization' },
      );
    return review(
      'the filing does not name the evaluation mode (四): the centre checks that the school certifies these students itself',
      modePath,
    );
  },
};

/** 四（四） with 附件4（六）: certificates of skill competitions are made, sealed and issued by the human-resources authorities. */
export const competitionCertificatesByAuthorities: Rule<ExamPlanFacts> = {
  id: 'competition-certificates-by-authorities',
  description: '职业技能竞赛需发放职业技能等级证书的，由省、市（州）人力资源社会保障部门制证、用印和发放',
  cite: cite(
    '附件4（六）',
    '各级各类职业技能竞赛需发放职业技能等级证书的，由省、市（州）人力资源社会保障部门按统一编码规则、统一证书样式，制证、用印和发放',
  ),
  appliesTo: 'IssueCertificates',
  evaluate(f) {
    if (modeOf(f) !== 'competition') return notApplicable();
    return fail(
      'in the competition mode (四（四）) the provincial or city human-resources authorities issue the certificates, not the school',
      modePath,
      { mode: 'competition', issuer: 'hr-authorities' },
    );
  },
};

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
  evaluate: ({ plan }) =>
    plan.supervisors.length > 0 ? pass() : fail('no quality supervisor for this session', ['plan', 'supervisors']),
};

export const enrolmentClosedGiven: Rule<PlanFacts> = {
  id: 'enrolment-closed-date-given',
  description: '认定计划须写明招生和培训报名完成日期（30个工作日报送期限由此起算）',
  cite: cite('附件4（一）', '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心'),
  appliesTo: 'PlanExam',
  evaluate: ({ plan }) =>
    plan.enrolmentClosedOn
      ? pass()
      : fail('the plan does not say when enrolment closed; the 30-working-day filing deadline runs from that day', [
          'plan',
          'enrolmentClosedOn',
        ]),
};

export const enrolmentBeforeExam: Rule<PlanFacts> = {
  id: 'enrolment-closes-before-exam',
  description: '招生和培训报名完成于认定之前',
  cite: cite('附件4（一）', '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心'),
  appliesTo: 'PlanExam',
  evaluate: ({ plan }) => {
    if (!plan.enrolmentClosedOn) return notApplicable();
    return plan.enrolmentClosedOn <= plan.examDate
      ? pass()
      : fail(`enrolment closes ${plan.enrolmentClosedOn}, after the exam on ${plan.examDate}`, [
          'plan',
          'enrolmentClosedOn',
        ]);
  },
};

/** 附件4（四）: the school keeps the candidates' process records and exam papers for 2 years. */
export const RECORD_RETENTION = {
  years: 2,
  cite: cite('附件4（四）', '试点院校应在2年内妥善保管考生认定过程文档及考务资料，实现全程留痕，确保责任可追溯'),
} as const;
