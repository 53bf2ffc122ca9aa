import { fail, pass, type CertificateNumberSpec, type Citation, type DeadlineSpec, type ExamPlan, type Rule } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from './documents.js';
import { levels } from './scope.js';

/** The facts of a PlanExam decision (only the plan is read here). */
export interface PlanFacts {
  plan: ExamPlan;
}

/** 四（一）, 四（三）: working-day deadlines as data; the engine counts them with the calendar. */
export const deadlines: DeadlineSpec[] = [
  {
    id: 'exam-plan-lead-time',
    description: '考核计划须提前5个工作日报省、市职业技能鉴定（指导）中心',
    cite: { document: DOC, clause: '四（一）', text: '制定的考核计划须提前5个工作日报省、市职业技能鉴定（指导）中心' },
    machine: 'exam',
    kind: 'before',
    workingDays: 5,
    from: { event: 'ExamPlanned', field: 'examDate' },
    step: 'FileExamPlan',
  },
  {
    id: 'results-publicity-period',
    description: '认定结果公示不少于5个工作日',
    cite: { document: DOC, clause: '四（三）', text: '评价机构对认定结果进行不少于5个工作日公示' },
    machine: 'exam',
    kind: 'min-period',
    workingDays: 5,
    from: { event: 'ResultsPublicityStarted' },
    step: 'ConfirmResults',
  },
];

/** 二 applied to each exam: a session certifies levels 5–3 only. */
export const examLevelInPilot: Rule<PlanFacts> = {
  id: 'exam-level-in-pilot',
  description: '考核等级为试点期间的五级、四级、三级',
  cite: levels.cite,
  appliesTo: 'PlanExam',
  evaluate: ({ plan }, { pack }) =>
    (pack.levels?.allowed ?? []).includes(plan.occupation.level)
      ? pass()
      : fail(`等级 ${plan.occupation.level} 不在试点等级内`, ['occupation', 'level'], { level: plan.occupation.level }),
};

/** 四（一）: what a plan contains: roster, proctors, evaluators, supervisors. */
export const examPlanContents: Rule<PlanFacts> = {
  id: 'exam-plan-contents',
  description: '考核计划包括考生名册、监考员、考评员、督导员信息',
  cite: { document: DOC, clause: '四（一）', text: '内容包括评价流程、评价职业（工种）、时间场次安排、考生名册、监考员、考评员、督导员信息等' },
  appliesTo: 'PlanExam',
  evaluate({ plan }) {
    for (const [key, label] of [['roster', '考生名册'], ['proctors', '监考员'], ['evaluators', '考评员'], ['supervisors', '督导员']] as const) {
      if (plan[key].length === 0) return fail(`考核计划缺少${label}`, [key]);
    }
    return pass();
  },
};

/** 四（四）: certificates under the provincial coding rule (province code 37). */
export const certificateNumber: CertificateNumberSpec = {
  provinceCode: '37',
  description: '按省统一编码规则编号；证书信息纳入全省查询系统，免费向社会提供查询服务',
  cite: { document: DOC, clause: '四（四）', text: '评价机构按照省人力资源社会保障部门统一的编码规则和证书参考样式，制定并颁发职业技能等级证书或电子证书' },
};

/** 四（四）, informative: certificate data are queryable free of charge (no decision depends on it). */
export const freeCertificateQuery: Citation = {
  document: DOC,
  clause: '四（四）',
  text: '颁发的职业技能等级证书信息纳入全省职业技能等级证书信息查询系统，免费向社会提供证书信息查询服务',
};

export const examRules = [examLevelInPilot, examPlanContents];
