import type { CertificateNumberSpec, FilingValiditySpec, LevelsSpec } from '@certflow/core';
import { cite } from './documents.js';

/** 一（一）: the consecutive years of related training and evaluation `college-training-years` asks for, at least. */
export const MIN_CONSECUTIVE_YEARS = 6;

// 三（四）: the catalog publishes each organization's occupations and levels.
export const levels: LevelsSpec = { allowed: [1, 2, 3, 4, 5], cite: cite('三（四）', '评价职业(工种)及等级范围') };

// Filed organizations issue 职业技能等级证书: the national 22-character
// rule, with Shanghai's province code.
export const certificateNumber: CertificateNumberSpec = {
  provinceCode: '31',
  cite: cite(
    '引言',
    '社会培训评价组织是指经人力资源社会保障部门备案、面向社会提供职业技能等级认定、颁发职业技能等级证书的评价机构',
  ),
};

// 三（三）: the receipt states the filing's validity; the notice fixes no
// length, so the centre records the receipt's validUntil on CompleteFiling.
export const filingValidity: FilingValiditySpec = {
  cite: cite('三（三）', '出具备案回执(含社会培训评价组织备案编号、备案有效期及评价职业工种)'),
};
