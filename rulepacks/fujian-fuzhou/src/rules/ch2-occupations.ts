// 福州 2021-04-22 二、申报职业(工种)范围: the rules of this chapter.
import {
  type Rule,
  type ApplicantProfile,
  skillTypeOccupationRule,
  pass,
  fail,
  notApplicable,
  optionalFact,
  review,
  accessTypeExcludedRule,
} from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from '../documents.js';
import { MAX_OCCUPATIONS_FIRST_APPLICATION, MIN_WORKSTATIONS } from '../limits.js';

/** Re-exported from core, where Shandong's pack shares it. */
export { skillTypeOf } from '@certflow/core';

export const skillTypeOccupation: Rule<ApplicantProfile> = skillTypeOccupationRule(
  {
    document: DOC,
    clause: '二（一）',
    text: '《中华人民共和国职业分类大典(2015年版)》中收录的技能类职业(工种)和人社部陆续公布新职业中的技能类职业(工种)',
  },
  '《中华人民共和国职业分类大典（2015年版）》收录的技能类职业（工种）和人社部陆续公布新职业中的技能类职业（工种）',
);

/** 二（一）: Fuzhou requires a national standard; a filed specification is not enough. */
export const nationalStandardRequired: Rule<ApplicantProfile> = {
  id: 'national-standard-required',
  replaces: 'standard-required',
  description: '有相应国家职业技能标准',
  cite: { document: DOC, clause: '二（一）', text: '且有相应国家职业技能标准' },
  evaluate({ occupations }) {
    const i = occupations.findIndex((o) => o.standard !== 'national');
    return i === -1 ? pass() : fail(`${occupations[i]!.code} 无国家职业技能标准`, ['occupations', i, 'standard']);
  },
};

/** 二（一）: on a first application at most 3 occupations (`firstApplication`, optional: unknown and above 3 → expert). */
export const maxOccupationsFirstApplication: Rule<ApplicantProfile> = {
  id: 'max-occupations-first-application',
  description: '初次申请的社会培训评价组织申请的职业（工种）原则上不超过3个',
  cite: { document: DOC, clause: '二（一）', text: '初次申请的社会培训评价组织申请的职业(工种)原则上不超过3个' },
  evaluate(p, { decidedFor }) {
    const n = p.occupations.length;
    // A scope amendment is, by definition, not the first application: the cap does not hold for it.
    if (decidedFor === 'AmendScope') return notApplicable('范围变更不是初次申请');
    if (n <= MAX_OCCUPATIONS_FIRST_APPLICATION) return pass();
    const first = optionalFact(p, 'firstApplication');
    if (first === false) return notApplicable('非初次申请');
    if (first === true)
      return fail(
        `初次申请 ${n} 个职业（工种），原则上不超过 ${MAX_OCCUPATIONS_FIRST_APPLICATION} 个`,
        ['occupations'],
        { count: n, max: MAX_OCCUPATIONS_FIRST_APPLICATION },
      );
    return review(`申请 ${n} 个职业（工种）：专家核实是否初次申请（firstApplication 未提供）`, ['firstApplication']);
  },
};

export const minWorkstationsPerOccupation: Rule<ApplicantProfile> = {
  id: 'min-workstations-per-occupation',
  description: '每个职业（工种）不少于15个工位',
  cite: { document: DOC, clause: '二（一）', text: '且每个职业(工种)不少于15个工位' },
  evaluate({ occupations }) {
    const low = occupations.findIndex((o) => o.workstations !== undefined && o.workstations < MIN_WORKSTATIONS);
    if (low !== -1) {
      const o = occupations[low]!;
      return fail(
        `${o.code} 工位 ${o.workstations} 个，不少于 ${MIN_WORKSTATIONS} 个`,
        ['occupations', low, 'workstations'],
        { workstations: o.workstations, min: MIN_WORKSTATIONS },
      );
    }
    const unknown = occupations.findIndex((o) => o.workstations === undefined);
    if (unknown !== -1)
      return review(`专家核实：${occupations[unknown]!.code} 的工位数（未提供）`, [
        'occupations',
        unknown,
        'workstations',
      ]);
    return pass();
  },
};

export const notAccessTypeFuzhou: Rule<ApplicantProfile> = {
  ...accessTypeExcludedRule(
    { document: DOC, clause: '二（二）', text: '准入类职业资格不纳入职业技能等级认定范围' },
    'not-access-type-fuzhou',
    '准入类职业资格不纳入职业技能等级认定范围',
  ),
  replaces: 'not-access-type',
};
