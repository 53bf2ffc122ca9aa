// 中就培函〔2020〕41号 二、试点范围: the rules of this chapter.
import { type Rule, type ApplicantProfile, accessTypeExcludedRule } from '@certflow/core';
import { ZHONGJIUPEIHAN_2020_41 } from '../documents.js';

/** 准入类 occupations are never in scope. */
export const notAccessType: Rule<ApplicantProfile> = accessTypeExcludedRule(
  { document: ZHONGJIUPEIHAN_2020_41, clause: '二（二）', text: '其中拟转入准入类职业(工种)不纳入试点范围' },
  'not-access-type',
);
