import type { MaterialSpec } from '@certflow/core';
import { cite } from './documents.js';

// ── 附件 materials ──────────────────────────────────────────────────────────

const material = (id: string, clause: string, name: string): MaterialSpec => ({
  id,
  name,
  required: true,
  cite: cite(clause, name),
});

export const DEPARTMENT_MATERIALS: MaterialSpec[] = [
  material('department-pilot-work-plan', '附件（政府有关部门）一', '职业技能等级试点工作方案'),
  material('department-recommendation-letter', '附件（政府有关部门）二', '推荐社会培训评价组织的函'),
  material('department-implementation-plan', '附件（政府有关部门）三', '社会培训评价组织工作实施方案及质量管控措施'),
];

export const INDUSTRY_MATERIALS: MaterialSpec[] = [
  material('industry-pilot-work-plan', '附件（行业组织）一', '职业技能等级认定试点工作方案'),
  material('industry-branch-criteria-and-list', '附件（行业组织）二', '分支机构遴选标准及其分支机构名单'),
  material('industry-implementation-plan', '附件（行业组织）三', '社会培训评价组织工作实施方案及质量管控措施'),
];

/** The 12 regulations the implementation plan carries (附件 三, both lists). */
export const REGULATIONS: MaterialSpec[] = [
  ['regulation-exam-administration', '考务管理办法'],
  ['regulation-evaluator-management', '考评人员管理办法'],
  ['regulation-pilot-and-evaluation', '试点及评价管理办法'],
  ['regulation-misconduct', '工作人员和考生违纪违规处理办法'],
  ['regulation-archives', '档案管理办法'],
  ['regulation-certificates', '证书管理办法'],
  ['regulation-supervision', '监督制度'],
  ['regulation-risk-control', '风险防控体系'],
  ['regulation-finance', '财务制度'],
  ['regulation-publicity', '公示制度'],
  ['regulation-accountability', '社会问责制度'],
  ['regulation-disclosure', '信息公开制度'],
].map(([id, name]) => material(id!, '附件 三', name!));

/** Every material of 附件: the department's and the industry organization's lists, and the 12 regulations. */
export const materials: MaterialSpec[] = [...DEPARTMENT_MATERIALS, ...INDUSTRY_MATERIALS, ...REGULATIONS];
