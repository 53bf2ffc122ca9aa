import type { MaterialSpec } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from './documents.js';

const m = (id: string, name: string, text: string): MaterialSpec => ({
  id,
  name,
  required: true,
  cite: { document: DOC, clause: '三（一）', text },
});

/** 三（一）: the six materials, as the notice lists them. */
export const materials: MaterialSpec[] = [
  m('basic-information-form', '《社会培训评价组织基本情况表》', '1.《社会培训评价组织基本情况表》（见附件1）'),
  m(
    'work-plan',
    '《社会培训评价组织职业技能等级认定工作方案》',
    '2.《社会培训评价组织职业技能等级认定工作方案》（见附件2）',
  ),
  m('legal-registration-certificate', '法人登记证书复印件', '3.法人登记证书复印件'),
  m(
    'staff-and-evaluator-credentials',
    '管理人员、工作人员在岗在职记录，考评员、督导员有效资质证明',
    '4.管理人员、工作人员在岗在职记录，考评员、督导员有效资质证明',
  ),
  m(
    'venue-and-equipment-proof',
    '满足评价要求的场地、设施、设备等有效证明',
    '5.满足评价要求的场地、设施、设备等有效证明',
  ),
  m('credit-report-or-pledge', '信用报告或诚信承诺', '6.信用报告或诚信承诺'),
];
