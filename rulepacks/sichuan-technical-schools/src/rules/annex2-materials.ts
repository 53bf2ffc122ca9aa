// 川人社办发〔2020〕20号 附件2 (materials): the rules of this annex.
import { type ApplicantProfile, type Rule, requiredMaterialsRule } from '@certflow/core';
import { cite } from '../documents.js';

type P = ApplicantProfile;

// ── 附件2 materials ─────────────────────────────────────────────────────────

export const materialsComplete: Rule<P> = requiredMaterialsRule(
  cite('附件2', '应向所属人力资源社会保障部门职业技能鉴定指导中心一次性提交以下材料'),
);
