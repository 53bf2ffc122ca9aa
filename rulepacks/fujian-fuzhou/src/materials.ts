import type { MaterialSpec } from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from './documents.js';

export const m = (id: string, name: string, text: string): MaterialSpec => ({
  id,
  name,
  required: true,
  cite: { document: DOC, clause: '三（一）', text },
});

/** 三（一）: the seven materials, as the notice lists them. */
export const materials: MaterialSpec[] = [
  m('basic-information-form', '《社会培训评价组织基本情况表》', '1.《社会培训评价组织基本情况表》(见附件1)'),
  m(
    'occupation-catalog-and-samples',
    '认定职业(工种)目录、培训教程及试题样本',
    '2.认定职业(工种)目录、培训教程及试题样本',
  ),
  m(
    'implementation-plan',
    '职业技能等级认定试点工作实施方案及质量管控措施',
    '3.职业技能等级认定试点工作实施方案及质量管控措施',
  ),
  m('expert-skill-proof', '专家等专业人员技能水平证明', '4.专家等专业人员技能水平证明'),
  m('venue-and-asset-proof', '场地设备设施等资产有效证明文件', '5.场地设备设施等资产有效证明文件'),
  m('credit-report-or-pledge', '信用报告或诚信承诺书', '6.信用报告或诚信承诺书'),
  m(
    'history-and-scale-proof',
    '历史鉴定相关证明材料及培训评价规模数据辅证材料',
    '7.历史鉴定相关证明材料及培训评价规模数据辅证材料',
  ),
];
