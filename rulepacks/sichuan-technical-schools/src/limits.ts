import type { CertificateNumberSpec, FilingValiditySpec, LevelsSpec } from '@certflow/core';
import { cite } from './documents.js';

/** 三: the five levels, in this notice's own words (the base cites the national 人社部发〔2019〕90号). */
export const levelsCite = cite(
  '三',
  '技能人才职业技能等级分为五个等级，五级相当于国家职业资格初级工、四级相当于国家职业资格中级工、三级相当于国家职业资格高级工、二级相当于国家职业资格技师、一级相当于国家职业资格高级技师',
);

/** 附件1 2: evaluators per occupation, at least. */
export const MIN_EVALUATORS_PER_OCCUPATION = 3;

/** 附件4（五）: certificates under Sichuan's coding rule (province code 51). */
export const certificateNumber: CertificateNumberSpec = {
  provinceCode: '51',
  description: '按《四川省职业技能等级证书编码规则（试行）》统一编码，省代码51',
  cite: cite(
    '附件4（五）',
    '试点院校按《四川省职业技能等级证书编码规则（试行）》和《职业技能等级证书参考样式》规定的统一编码规则和样式，制作并颁发职业技能等级证书',
  ),
};

// 附件3 4: the receipt states the filing's validity; the notice fixes no
// length, so the centre records the receipt's validUntil on CompleteFiling.
export const filingValidity: FilingValiditySpec = {
  cite: cite('附件3 4', '人力资源社会保障部门向申请单位出具备案回执（含备案编号及备案有效期）'),
};

/** 三: all five levels. */
export const levels: LevelsSpec = { allowed: [1, 2, 3, 4, 5], cite: levelsCite };
