// 沪人社职〔2020〕439号 二、申报职业（工种）范围: the rules of this chapter.
import {
  type ApplicantProfile,
  type Occupation,
  type RuleResult,
  isLocalDate,
  review,
  pass,
  fail,
  type Rule,
  perOccupation,
  skillTypeOccupationRule,
  accessTypeExcludedRule,
} from '@certflow/core';
import { CATALOG_EXIT_CUTOFF, cite } from '../documents.js';

type P = ApplicantProfile;

// ── 二 occupations ──────────────────────────────────────────────────────────

/**
 * One occupation against 二: (一) a level-evaluation qualification that left
 * the national catalog on or before 2020-09-30 and was implemented by the
 * human-resources authorities (「由人力资源社会保障部门组织实施」, not by another
 * department or an industry organization), or (二) a new MOHRSS skill
 * occupation or one urgently needed in Shanghai. Facts are optional fields of
 * the occupation: `catalogExitDate`, `implementedByHrAuthorities`,
 * `newOccupation`, `urgentlyNeededInShanghai`. A fact the profile does not
 * give is never read as met: without it the finding is `review`.
 */
export function occupationInScope(o: Occupation, i: number): RuleResult {
  const path = ['occupations', i];
  const exit = o.catalogExitDate;
  if (exit !== undefined && !isLocalDate(exit))
    return review(`${o.code}: catalogExitDate ${String(exit)} is not a date`, [...path, 'catalogExitDate']);
  if (o.newOccupation === true || o.urgentlyNeededInShanghai === true) return pass();
  const exitedInTime = isLocalDate(exit) && exit <= CATALOG_EXIT_CUTOFF;
  const hr = o.implementedByHrAuthorities;
  if (exitedInTime && hr === true) return pass();
  const secondKnownNo = o.newOccupation === false && o.urgentlyNeededInShanghai === false;
  if (secondKnownNo && exit !== undefined && !exitedInTime) {
    return fail(
      `${o.code} ${o.name} left the catalog on ${exit}, after ${CATALOG_EXIT_CUTOFF}, and is neither a new occupation nor urgently needed in Shanghai`,
      path,
      {
        catalogExitDate: exit,
        cutoff: CATALOG_EXIT_CUTOFF,
      },
    );
  }
  if (secondKnownNo && exitedInTime && hr === false) {
    return fail(
      `${o.code} ${o.name} was implemented by a body other than the human-resources authorities (二（一）), and is neither a new occupation nor urgently needed in Shanghai`,
      [...path, 'implementedByHrAuthorities'],
      {
        implementedByHrAuthorities: false,
      },
    );
  }
  if (exitedInTime && hr === undefined) {
    return review(
      `${o.code} ${o.name} left the catalog on ${exit}; the profile does not say it was implemented by the human-resources authorities (由人力资源社会保障部门组织实施): the centre checks the implementing body`,
      [...path, 'implementedByHrAuthorities'],
    );
  }
  return review(
    `${o.code} ${o.name}: the profile does not show it left the catalog by ${CATALOG_EXIT_CUTOFF} as a qualification the human-resources authorities implemented, or is a new or urgently needed occupation`,
    path,
  );
}

export const occupationScope: Rule<P> = {
  id: 'occupation-scope',
  description: '申报职业（工种）在2020年9月30日前退出国家职业资格目录，或为人社部颁布的技能类新职业、本市急需紧缺职业',
  cite: cite(
    '二',
    '（一）在 2020 年 9 月 30 日前退出《国家职业资格目录》，由人力资源社会保障部门组织实施且有相应国家职业技能标准的水平评价类技能人员职业资格；(二) 人力资源社会保障部颁布的技能类新职业(工种), 或本市急需紧缺的职业(工种), 且有相应的国家职业技能标准。',
  ),
  evaluate: (p) => perOccupation(p.occupations, occupationInScope),
};

export function nationalStandardFor(o: Occupation, i: number): RuleResult {
  return o.standard === 'national'
    ? pass()
    : fail(
        `${o.code} ${o.name} has no national standard (${o.standard}); Shanghai accepts no filed specification instead`,
        ['occupations', i, 'standard'],
      );
}

export const nationalStandardRequired: Rule<P> = {
  id: 'national-standard-required',
  description: '申报职业（工种）须有相应的国家职业技能标准（不接受评价规范替代）',
  cite: cite('二（二）', '且有相应的国家职业技能标准'),
  replaces: 'standard-required',
  evaluate: (p) => perOccupation(p.occupations, nationalStandardFor),
};

/** 二: 「技能人员职业资格」 and 「技能类新职业」 — skill occupations of the 大典 (core's `skillTypeOf`). */
export const skillTypeOccupation: Rule<P> = skillTypeOccupationRule(
  cite('二', '水平评价类技能人员职业资格；(二) 人力资源社会保障部颁布的技能类新职业(工种)'),
  '申报职业（工种）须为技能人员职业（工种）（大典第四、五、六大类）',
);

/** 二（一）: a 水平评价类 qualification, so never an access-type (准入类) one; the base rule, citing this notice. */
export const notAccessType: Rule<P> = {
  ...accessTypeExcludedRule(
    cite('二（一）', '由人力资源社会保障部门组织实施且有相应国家职业技能标准的水平评价类技能人员职业资格'),
    'not-access-type',
    '申报职业资格须为水平评价类，准入类职业（工种）不在申报范围',
  ),
  replaces: 'not-access-type',
};
