import { accessTypeExcludedRule, allowedLevelsRule, fail, pass, type ApplicantProfile, type Citation, type Rule } from '@certflow/core';
import { RENSHEBUFA_2019_90, ZHONGJIUPEIHAN_2020_41 } from './documents.js';

/**
 * The five levels are the skill-level system of 人社部发〔2019〕90号, which the
 * notices name as their basis. Its text is not among the sources, so the
 * citation names it by title and number, as the notices quote it, and gives
 * no clause. A pack whose own notice speaks of its levels re-cites the rule
 * (`citations`) or replaces it.
 */
export const levelsCite: Citation = {
  document: RENSHEBUFA_2019_90,
  clause: '（原文未收录）',
  text: '《人力资源社会保障部关于改革完善技能人才评价制度的意见》（人社部发〔2019〕90号）',
};

/** Levels within the pack's allowed levels (all five here; a pack narrows `levels` and replaces this rule to cite its own clause). */
export const levelsAllowed: Rule<ApplicantProfile> = allowedLevelsRule(levelsCite, 'levels-allowed');

/** 准入类 occupations are never in scope. */
export const notAccessType: Rule<ApplicantProfile> = accessTypeExcludedRule(
  { document: ZHONGJIUPEIHAN_2020_41, clause: '二（二）', text: '其中拟转入准入类职业(工种)不纳入试点范围' },
  'not-access-type',
);

/**
 * The national text of the sources on what evaluation follows: 中就培函〔2020〕41号
 * 四（二） has the departments and industry organizations develop the
 * occupational skill standards or the evaluation specifications.
 */
export const standardCite: Citation = { document: ZHONGJIUPEIHAN_2020_41, clause: '四（二）', text: '做好本行业领域职业技能标准或评价规范开发等技术性工作' };

/** A national standard, or else a specification filed with the ministry. */
export const standardRequired: Rule<ApplicantProfile> = {
  id: 'standard-required',
  description: '有国家职业技能标准，或有经人力资源社会保障部备案的评价规范',
  cite: standardCite,
  evaluate(profile) {
    const i = profile.occupations.findIndex((o) => o.standard === 'none');
    return i === -1
      ? pass()
      : fail(`${profile.occupations[i]!.code} has neither a national standard nor a filed specification`, ['occupations', i, 'standard']);
  },
};

export const rules = [levelsAllowed, notAccessType, standardRequired];
