// 鲁人社字〔2020〕50号 四、评价的组织实施: the rules of this chapter.
import { type ExamPlan, type Rule, fail, pass, type Citation } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from '../documents.js';

/** The facts of a PlanExam decision (only the plan is read here). */
export interface PlanFacts {
  plan: ExamPlan;
}

/** 四（一）: what a plan contains: roster, proctors, evaluators, supervisors. */
export const examPlanContents: Rule<PlanFacts> = {
  id: 'exam-plan-contents',
  description: '考核计划包括考生名册、监考员、考评员、督导员信息',
  cite: {
    document: DOC,
    clause: '四（一）',
    text: '内容包括评价流程、评价职业（工种）、时间场次安排、考生名册、监考员、考评员、督导员信息等',
  },
  appliesTo: 'PlanExam',
  evaluate({ plan }) {
    for (const [key, label] of [
      ['roster', '考生名册'],
      ['proctors', '监考员'],
      ['evaluators', '考评员'],
      ['supervisors', '督导员'],
    ] as const) {
      if (plan[key].length === 0) return fail(`考核计划缺少${label}`, [key]);
    }
    return pass();
  },
};

/** 四（四）, informative: certificate data are queryable free of charge (no decision depends on it). */
export const freeCertificateQuery: Citation = {
  document: DOC,
  clause: '四（四）',
  text: '颁发的职业技能等级证书信息纳入全省职业技能等级证书信息查询系统，免费向社会提供证书信息查询服务',
};
