import type { MaterialSpec } from '@certflow/core';
import { cite } from './documents.js';

const annex2 = (id: string, item: string, name: string): MaterialSpec => ({
  id,
  name,
  required: true,
  cite: cite('附件2', `${item}${name}`),
});

/** 附件2: the eight materials submitted at once (those verifiable online need no paper copy). */
export const materials: MaterialSpec[] = [
  annex2('application-form', '（一）', '《技工院校职业技能等级认定备案申请表》（附件5）'),
  annex2('legal-person-certificate', '（二）', '法人登记证书复印件'),
  annex2('occupations-and-standards', '（三）', '评价职业（工种）及职业编码；评价采用的职业标准或规范'),
  annex2('question-bank-status', '（四）', '评价职业（工种）的题库建设情况'),
  annex2('venue-equipment-proof', '（五）', '与试题相配套的等级认定场地、设施设备等资产有效证明文件复印件'),
  annex2('staff-list', '（六）', '专职工作人员名单；评价人员的技术技能水平证明文件复印件'),
  annex2('exam-rules-and-quality-control', '（七）', '考务管理制度及质量管控文件等'),
  annex2('pilot-work-plan', '（八）', '职业技能等级认定试点工作方案'),
];
