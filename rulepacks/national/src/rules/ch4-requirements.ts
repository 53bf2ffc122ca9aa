// 中就培函〔2020〕41号 四、工作要求: the rules of this chapter.
import { type Citation, type Rule, type ApplicantProfile, pass, fail } from '@certflow/core';
import { ZHONGJIUPEIHAN_2020_41 } from '../documents.js';

/**
 * The national text of the sources on what evaluation follows: 中就培函〔2020〕41号
 * 四（二） has the departments and industry organizations develop the
 * occupational skill standards or the evaluation specifications.
 */
export const standardCite: Citation = {
  document: ZHONGJIUPEIHAN_2020_41,
  clause: '四（二）',
  text: '做好本行业领域职业技能标准或评价规范开发等技术性工作',
};

/** A national standard, or else a specification filed with the ministry. */
export const standardRequired: Rule<ApplicantProfile> = {
  id: 'standard-required',
  description: '有国家职业技能标准，或有经人力资源社会保障部备案的评价规范',
  cite: standardCite,
  evaluate(profile) {
    const i = profile.occupations.findIndex((o) => o.standard === 'none');
    return i === -1
      ? pass()
      : fail(`${profile.occupations[i]!.code} has neither a national standard nor a filed specification`, [
          'occupations',
          i,
          'standard',
        ]);
  },
};
