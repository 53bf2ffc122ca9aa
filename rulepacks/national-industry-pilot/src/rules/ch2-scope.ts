// 中就培函〔2020〕41号 二、试点范围: the rules of this chapter.
import {
  type ApplicantProfile,
  type Rule,
  pass,
  review,
  fail,
  notApplicable,
  yesNoFact,
  perOccupation,
  skillTypeOccupationRule,
} from '@certflow/core';
import { cite } from '../documents.js';

type P = ApplicantProfile;

export const recommendedBy = (p: P): string | undefined =>
  typeof p.organization.recommendedBy === 'string' && p.organization.recommendedBy.length > 0
    ? p.organization.recommendedBy
    : undefined;

export const isAssociation = (p: P) => p.organization.kind === 'industry-association';

/** The two routes into the pilot (二（一）): recommended by a government department, or an industry organization acting itself. */
export type PilotRoute = 'department' | 'industry';

export function pilotRoute(p: P): PilotRoute | undefined {
  if (recommendedBy(p)) return 'department';
  if (isAssociation(p)) return 'industry';
  return undefined;
}

// ── 二（一） routes and exclusions ─────────────────────────────────────────

export const recommendedOrIndustryOrganization: Rule<P> = {
  id: 'recommended-or-industry-organization',
  description: '由政府有关部门推荐的社会培训评价组织，或行业组织自身作为社会培训评价组织',
  cite: cite(
    '二（一）',
    '政府有关部门推荐社会培训评价组织,开展相关职业技能等级认定;行业组织可作为社会培训评价组织,开展相关职业技能等级认定',
  ),
  evaluate(p) {
    const route = pilotRoute(p);
    if (route === 'department') return pass(`recommended by ${recommendedBy(p)}`);
    if (route === 'industry') return pass('an industry organization acting itself');
    return review(
      'neither a recommending department (organization.recommendedBy) nor an industry organization: the centre checks the recommendation',
      ['organization', 'recommendedBy'],
    );
  },
};

export const notGovernmentDepartment: Rule<P> = {
  id: 'not-government-department',
  description: '政府部门不纳入社会培训评价组织试点范围',
  cite: cite('二（一）', '原则上不得将政府部门与其所属单位'),
  evaluate: (p) =>
    p.organization.kind === 'government-department'
      ? fail('a government department cannot be a social training evaluation organization', ['organization', 'kind'])
      : pass(),
};

export const notAffiliatedUnit: Rule<P> = {
  id: 'not-affiliated-unit',
  description: '政府部门所属单位不纳入社会培训评价组织试点范围',
  cite: cite('二（一）', '原则上不得将政府部门与其所属单位'),
  evaluate(p) {
    if (isAssociation(p) || p.organization.kind === 'government-department') return notApplicable();
    return yesNoFact(
      p.organization.affiliatedWithAuthority === undefined ? undefined : !p.organization.affiliatedWithAuthority,
      ['organization', 'affiliatedWithAuthority'],
      'a unit affiliated with a government department',
      'the profile does not say whether the organization is affiliated with a government department: the centre checks',
    );
  },
};

export const associationDecoupled: Rule<P> = {
  id: 'association-decoupled',
  description: '未与主管部门脱钩的各类协会不纳入试点范围',
  cite: cite('二（一）', '未与主管部门脱钩的各类协会'),
  evaluate(p) {
    if (!isAssociation(p)) return notApplicable();
    const decoupled =
      p.organization.decoupled ??
      (p.organization.affiliatedWithAuthority === undefined ? undefined : !p.organization.affiliatedWithAuthority);
    return yesNoFact(
      decoupled,
      ['organization', 'decoupled'],
      'an association not decoupled from its competent authority',
      'the profile does not say whether the association is decoupled from its authority: the centre checks',
    );
  },
};

export const ASSOCIATION_TYPES = ['comprehensive', 'professional', 'non-professional'] as const;

export const notNonProfessionalAssociation: Rule<P> = {
  id: 'not-non-professional-association',
  description: '非专业行业协会不纳入试点范围',
  cite: cite('二（一）', '非专业行业协会纳入社会培训评价组织试点范围'),
  evaluate(p) {
    if (!isAssociation(p)) return notApplicable();
    const t = p.organization.associationType;
    if (t === 'comprehensive' || t === 'professional') return pass();
    if (t === 'non-professional')
      return fail('a non-professional association is excluded from the pilot', ['organization', 'associationType']);
    return review(
      'the profile does not say whether the association is comprehensive, professional or neither: the centre checks',
      ['organization', 'associationType'],
    );
  },
};

// ── 二（二） occupations ────────────────────────────────────────────────────

export const catalogLevelEvaluationOccupation: Rule<P> = {
  id: 'catalog-level-evaluation-occupation',
  description: '试点职业（工种）为职业资格目录内水平评价类技能人员职业（工种）',
  cite: cite('二（二）', '试点职业(工种)范围为职业资格目录内水平评价类技能人员职业(工种)'),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) =>
      yesNoFact(
        o.inQualificationCatalog,
        ['occupations', i, 'inQualificationCatalog'],
        `${o.code} ${o.name} is not a level-evaluation qualification of the catalog`,
        `${o.code}: the profile does not say it is a level-evaluation (水平评价类) qualification of the catalog: the centre checks`,
      ),
    ),
};

/**
 * 二（二）: 「技能人员职业(工种)」 — a skill occupation of the 大典 (groups 4, 5,
 * 6); a professional-technical one (group 2, e.g. 2-02-10-09) fails, group 3
 * without a `skillType` fact goes to an expert (core's `skillTypeOf`).
 */
export const skillTypeOccupation: Rule<P> = skillTypeOccupationRule(
  cite('二（二）', '试点职业(工种)范围为职业资格目录内水平评价类技能人员职业(工种)'),
  '试点职业（工种）须为技能人员职业（工种）（大典第四、五、六大类），专业技术人员职业等不纳入',
);
