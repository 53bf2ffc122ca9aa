import { accessTypeExcludedRule, allowedLevelsRule, fail, pass, type ApplicantProfile, type Rule } from '@certflow/core';
import { CHUANRENSHEBAN_2020_20, LURENSHEZI_2020_50, ZHONGJIUPEIHAN_2020_41 } from './documents.js';

export const levelsCite = {
  document: CHUANRENSHEBAN_2020_20,
  clause: '三',
  text: '技能人才职业技能等级分为五个等级，五级相当于国家职业资格初级工、四级相当于国家职业资格中级工、三级相当于国家职业资格高级工、二级相当于国家职业资格技师、一级相当于国家职业资格高级技师',
};

/** Levels within the pack's allowed levels (all five here; a pack narrows `levels` and replaces this rule to cite its own clause). */
export const levelsAllowed: Rule<ApplicantProfile> = allowedLevelsRule(levelsCite, 'levels-allowed');

/** 准入类 occupations are never in scope. */
export const notAccessType: Rule<ApplicantProfile> = accessTypeExcludedRule(
  { document: ZHONGJIUPEIHAN_2020_41, clause: '二（二）', text: '其中拟转入准入类职业(工种)不纳入试点范围' },
  'not-access-type',
);

/** A national standard, or else a specification filed with the ministry. */
export const standardRequired: Rule<ApplicantProfile> = {
  id: 'standard-required',
  description: '有国家职业技能标准，或有经人力资源社会保障部备案的评价规范',
  cite: {
    document: LURENSHEZI_2020_50,
    clause: '二',
    text: '评价职业（工种）有国家职业技能标准的，依据国家职业技能标准开展评价活动；没有国家职业技能标准的，可依据经人力资源社会保障部备案的评价规范开展评价活动',
  },
  evaluate(profile) {
    const i = profile.occupations.findIndex((o) => o.standard === 'none');
    return i === -1
      ? pass()
      : fail(`${profile.occupations[i]!.code} has neither a national standard nor a filed specification`, ['occupations', i, 'standard']);
  },
};

export const rules = [levelsAllowed, notAccessType, standardRequired];
