// 川人社办发〔2020〕20号 一、基本原则: the rules of this chapter.
import { type ApplicantProfile, type Rule, pass, fail } from '@certflow/core';
import { cite } from '../documents.js';

type P = ApplicantProfile;

// ── 一 二 applicants and where they apply ────────────────────────────────────

export const technicalSchoolOnly: Rule<P> = {
  id: 'technical-school-only',
  description: '试点申请人限于技工院校',
  cite: cite(
    '一',
    '以备案管理方式，明确符合条件的技工院校，依据国家职业技能标准和行业企业工种岗位评价规范等，对学生开展职业技能水平评价',
  ),
  evaluate: (p) =>
    p.organization.kind === 'technical-school'
      ? pass()
      : fail(`a ${p.organization.kind} is not a technical school (技工院校)`, ['organization', 'kind']),
};
