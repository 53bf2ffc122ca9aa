// 鲁人社字〔2020〕50号 二、试点职业（工种）范围: the rules of this chapter.
import {
  type Rule,
  type ApplicantProfile,
  allowedLevelsRule,
  accessTypeExcludedRule,
  skillTypeOccupationRule,
  pass,
  fail,
  review,
  optionalFact,
  notApplicable,
} from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from '../documents.js';
import { levels, MAX_OCCUPATIONS } from '../limits.js';
import type { PlanFacts } from './ch4-evaluation.js';

/** 二: a national standard, or else a specification filed with the ministry, in this notice's words (the base cites 中就培函〔2020〕41号). */
export const standardCite = {
  document: DOC,
  clause: '二',
  text: '评价职业（工种）有国家职业技能标准的，依据国家职业技能标准开展评价活动；没有国家职业技能标准的，可依据经人力资源社会保障部备案的评价规范开展评价活动',
};

export const levelsAllowedShandong: Rule<ApplicantProfile> = {
  ...allowedLevelsRule(levels.cite, 'levels-allowed-shandong'),
  replaces: 'levels-allowed',
};

export const notAccessTypeShandong: Rule<ApplicantProfile> = {
  ...accessTypeExcludedRule(
    { document: DOC, clause: '二', text: '准入类职业资格不纳入评价范围' },
    'not-access-type-shandong',
    '准入类职业资格不纳入评价范围',
  ),
  replaces: 'not-access-type',
};

/** Re-exported from core, where Fuzhou's pack shares it. */
export { skillTypeOf } from '@certflow/core';

export const skillTypeOccupation: Rule<ApplicantProfile> = skillTypeOccupationRule(
  {
    document: DOC,
    clause: '二',
    text: '试点的职业（工种）为现行《中华人民共和国职业分类大典》中技能类职业（工种），以及后续经人力资源社会保障部发布或备案的技能类职业（工种）',
  },
  '试点职业（工种）为《中华人民共和国职业分类大典》中技能类职业（工种）或后续发布、备案的技能类职业（工种）',
);

export const maxThreeOccupations: Rule<ApplicantProfile> = {
  id: 'max-three-occupations',
  description: '每个评价机构试点评价职业（工种）不得超过3个',
  cite: { document: DOC, clause: '二', text: '每个评价机构试点评价职业（工种）不得超过3个' },
  evaluate: ({ occupations }) =>
    occupations.length <= MAX_OCCUPATIONS
      ? pass()
      : fail(`申报 ${occupations.length} 个职业（工种），不得超过 ${MAX_OCCUPATIONS} 个`, ['occupations'], {
          count: occupations.length,
          max: MAX_OCCUPATIONS,
        }),
};

const SCOPE_BY_KIND: Record<string, string> = {
  enterprise: '本企业技能人才自主评价备案范围',
  'industry-association': '行业协会的主体业务范围',
  university: '本校的主体专业（工种）范围',
  'vocational-college': '本校的主体专业（工种）范围',
  'technical-school': '本校的主体专业（工种）范围',
  'private-training-institution': '本培训机构开展的主要培训职业（工种）范围',
};

/** 二: each kind applies within its own scope; whether it does is the optional fact `occupations[i].withinMainScope`. */
export const scopeByOrganizationKind: Rule<ApplicantProfile> = {
  id: 'scope-by-organization-kind',
  description:
    '企业在自主评价备案范围、行业协会在主体业务范围、院校在主体专业范围、民办培训机构在主要培训职业范围内申报',
  cite: {
    document: DOC,
    clause: '二',
    text: '企业应在本企业技能人才自主评价备案范围之内申报；行业协会应在行业协会的主体业务范围内申报；高等院校、技工院校应在本校的主体专业（工种）范围内申报，开展的认定工作等级不得超过学校的培养层次；民办职业培训机构应在本培训机构开展的主要培训职业（工种）范围内申报',
  },
  evaluate({ organization, occupations }) {
    const scope = SCOPE_BY_KIND[organization.kind];
    if (!scope)
      return review(`专家核实：${organization.kind} 申报职业（工种）是否在其主体业务范围内`, ['organization', 'kind']);
    const facts = occupations.map((o) => optionalFact(o, 'withinMainScope'));
    const out = facts.indexOf(false);
    if (out !== -1) return fail(`${occupations[out]!.code} 不在${scope}内`, ['occupations', out, 'withinMainScope']);
    const unknown = facts.findIndex((f) => typeof f !== 'boolean');
    if (unknown !== -1)
      return review(`专家核实：${occupations[unknown]!.code} 是否在${scope}内`, [
        'occupations',
        unknown,
        'withinMainScope',
      ]);
    return pass();
  },
};

const SCHOOLS = new Set(['university', 'vocational-college', 'technical-school']);

/** 二: a school certifies no higher than it trains (level 1 is the highest, so a smaller number is a higher level). */
export const schoolLevelsWithinTrainingLevel: Rule<ApplicantProfile> = {
  id: 'school-levels-within-training-level',
  description: '院校开展的认定工作等级不得超过学校的培养层次',
  cite: { document: DOC, clause: '二', text: '开展的认定工作等级不得超过学校的培养层次' },
  evaluate({ organization, occupations }) {
    if (!SCHOOLS.has(organization.kind)) return notApplicable('不是院校');
    const top = organization.maxTrainingLevel;
    if (top === undefined)
      return review('专家核实：学校的培养层次（organization.maxTrainingLevel 未提供）', [
        'organization',
        'maxTrainingLevel',
      ]);
    const i = occupations.findIndex((o) => o.levels.some((l) => l < top));
    return i === -1
      ? pass()
      : fail(
          `${occupations[i]!.code} 申报等级 ${Math.min(...occupations[i]!.levels)} 高于培养层次 ${top}`,
          ['occupations', i, 'levels'],
          { maxTrainingLevel: top },
        );
  },
};

/** 二 applied to each exam: a session certifies levels 5–3 only. */
export const examLevelInPilot: Rule<PlanFacts> = {
  id: 'exam-level-in-pilot',
  description: '考核等级为试点期间的五级、四级、三级',
  cite: levels.cite,
  appliesTo: 'PlanExam',
  evaluate: ({ plan }, { pack }) =>
    (pack.levels?.allowed ?? []).includes(plan.occupation.level)
      ? pass()
      : fail(`等级 ${plan.occupation.level} 不在试点等级内`, ['occupation', 'level'], { level: plan.occupation.level }),
};
