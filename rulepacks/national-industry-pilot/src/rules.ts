import { fail, isLocalDate, notApplicable, pass, perOccupation, review, skillTypeOccupationRule, yesNoFact, type ApplicantProfile, type MaterialSpec, type Occupation, type Rule, type RuleResult } from '@certflow/core';
import { SCHEDULE, ZHONGJIUPEIHAN_2020_41 } from './documents.js';

const D = ZHONGJIUPEIHAN_2020_41;
export const cite = (clause: string, text: string) => ({ document: D, clause, text });
type P = ApplicantProfile;

export const recommendedBy = (p: P): string | undefined => (typeof p.organization.recommendedBy === 'string' && p.organization.recommendedBy.length > 0 ? p.organization.recommendedBy : undefined);
const isAssociation = (p: P) => p.organization.kind === 'industry-association';

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
  cite: cite('二（一）', '政府有关部门推荐社会培训评价组织,开展相关职业技能等级认定;行业组织可作为社会培训评价组织,开展相关职业技能等级认定'),
  evaluate(p) {
    const route = pilotRoute(p);
    if (route === 'department') return pass(`recommended by ${recommendedBy(p)}`);
    if (route === 'industry') return pass('an industry organization acting itself');
    return review('neither a recommending department (organization.recommendedBy) nor an industry organization: the centre checks the recommendation', ['organization', 'recommendedBy']);
  },
};

export const notGovernmentDepartment: Rule<P> = {
  id: 'not-government-department',
  description: '政府部门不纳入社会培训评价组织试点范围',
  cite: cite('二（一）', '原则上不得将政府部门与其所属单位'),
  evaluate: (p) => (p.organization.kind === 'government-department' ? fail('a government department cannot be a social training evaluation organization', ['organization', 'kind']) : pass()),
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
    const decoupled = p.organization.decoupled ?? (p.organization.affiliatedWithAuthority === undefined ? undefined : !p.organization.affiliatedWithAuthority);
    return yesNoFact(decoupled, ['organization', 'decoupled'], 'an association not decoupled from its competent authority', 'the profile does not say whether the association is decoupled from its authority: the centre checks');
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
    if (t === 'non-professional') return fail('a non-professional association is excluded from the pilot', ['organization', 'associationType']);
    return review('the profile does not say whether the association is comprehensive, professional or neither: the centre checks', ['organization', 'associationType']);
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

/**
 * 二（一） with 三（一）: the pilot moves the qualifications a department or an
 * industry organization implemented (组织实施机构) — 「本部门」/「本行业」退出目录的
 * 职业. Each occupation's `implementedBy` (the body that implemented it as a
 * catalog qualification) is the recommending department, or the industry
 * organization itself.
 */
export const ownExitedOccupations: Rule<P> = {
  id: 'own-exited-occupations',
  description: '推荐或承担的职业（工种）须为本部门、本行业组织实施并退出目录的职业资格',
  cite: cite('三（一）', '承担本部门退出职业资格目录的职业（工种）职业技能等级认定工作'),
  evaluate(p) {
    const route = pilotRoute(p);
    if (!route) return notApplicable('the route is unknown (recommended-or-industry-organization reviews it)');
    const body = route === 'department' ? recommendedBy(p)! : p.organization.name;
    return perOccupation(p.occupations, (o, i) => {
      const by = o.implementedBy;
      if (typeof by !== 'string' || by.length === 0) {
        return review(`${o.code}: the profile does not say which body implemented it as a catalog qualification (it must be ${body}): the centre checks`, ['occupations', i, 'implementedBy']);
      }
      return by === body
        ? pass()
        : fail(`${o.code} ${o.name} was implemented by ${by}, not by ${body}: a department recommends, an industry organization acts, for its own qualifications only`, ['occupations', i, 'implementedBy'], { implementedBy: by, expected: body });
    });
  },
};

// ── 三（一） ────────────────────────────────────────────────────────────────

export const meetsOpenCallCriteria: Rule<P> = {
  id: 'meets-open-call-criteria',
  description: '推荐的社会培训评价组织须参照中就培函〔2020〕16号申报条件（专家核对）',
  cite: cite('三（一）', '推荐的社会培训评价组织须参照《关于持续征集社会培训评价组织的通告》（中就培函〔2020〕16号）中申报条件的相关要求'),
  evaluate(p) {
    if (pilotRoute(p) !== 'department') return notApplicable('not recommended by a department');
    return review('a recommended organization is checked against the criteria of 中就培函〔2020〕16号, which this pack does not encode');
  },
};

export const comprehensiveAssociationSupport: Rule<P> = {
  id: 'comprehensive-association-support',
  description: '综合类行业组织作为全国性社会培训评价组织，须由其所属一类行业协会提供技术支持；专业性行业组织可直接作为',
  cite: cite('三（一）', '综合类行业组织（协会）可作为全国性社会培训评价组织，其所属一类行业协会提供相应技术支持；专业性行业组织（协会）可直接作为面向全国开展相应职业（工种）评价的社会培训评价组织'),
  evaluate(p) {
    if (!isAssociation(p) || p.organization.associationType !== 'comprehensive') return notApplicable();
    return yesNoFact(
      p.organization.memberAssociationSupport,
      ['organization', 'memberAssociationSupport'],
      'a comprehensive association without technical support from its member associations',
      'the profile does not say which member association gives technical support: the centre checks',
    );
  },
};

// ── 三（四） 三（五） branches ───────────────────────────────────────────────

export const branchLocalFiling: Rule<P> = {
  id: 'branch-local-filing',
  description: '分支机构在属地人社部门进行备案',
  cite: cite('三（四）', '政府有关部门及行业组织指导分支机构在属地人社部门进行备案'),
  evaluate(p) {
    if (p.organization.branch !== true) return notApplicable('not a branch');
    return yesNoFact(p.organization.locallyFiled, ['organization', 'locallyFiled'], 'a branch not filed with the local human-resources department', 'the profile does not say whether the branch is filed locally: the centre checks');
  },
};

export const branchLocalRequirements: Rule<P> = {
  id: 'branch-local-requirements',
  description: '拟备案的分支机构要符合注册地人社部门对备案主体资质要求，接受属地监管',
  cite: cite('三（四）', '拟备案的分支机构要符合注册地人社部门对备案主体资质要求，接受属地人社部门监管'),
  evaluate(p) {
    if (p.organization.branch !== true) return notApplicable('not a branch');
    return yesNoFact(
      p.organization.meetsLocalRequirements,
      ['organization', 'meetsLocalRequirements'],
      'the branch does not meet the local requirements for filing',
      'the local requirements of the branch\'s place of registration are that region\'s: its centre checks them (e.g. with the regional pack)',
    );
  },
};

export const publicityAfterLocalFiling: Rule<P> = {
  id: 'publicity-after-local-filing',
  description: '分支机构完成属地备案后，方在技能人才评价信息平台进行网上公示',
  cite: cite('三（五）', '完成属地备案后，在技能人才评价信息平台进行网上公示'),
  evaluate(p) {
    if (p.organization.branch !== true) return notApplicable('not a branch');
    const published = p.organization.onlinePublicityDate;
    if (!isLocalDate(published)) return notApplicable('not yet published online');
    const filed = p.organization.localFilingDate;
    if (!isLocalDate(filed)) return review('published online, but the profile gives no local filing date: the centre checks the order', ['organization', 'localFilingDate']);
    return filed <= published ? pass() : fail(`published online on ${published}, before local filing on ${filed}`, ['organization', 'onlinePublicityDate'], { filed, published });
  },
};

// ── 五 schedule ─────────────────────────────────────────────────────────────

export const implementationPlanByMidNovember: Rule<P> = {
  id: 'implementation-plan-by-mid-november',
  description: '11月中旬前（至2020年11月20日）提交社会培训评价组织工作实施方案',
  cite: cite('五（三）', '11月中旬前提交社会培训评价组织工作实施方案'),
  evaluate: (_p, { asOf }) =>
    asOf <= SCHEDULE.implementationPlanAndPublicity
      ? pass()
      : fail(`the pilot's implementation plans were due by ${SCHEDULE.implementationPlanAndPublicity}; submitted ${asOf}`, undefined, { due: SCHEDULE.implementationPlanAndPublicity }),
};

// ── 附件 materials ──────────────────────────────────────────────────────────

const material = (id: string, clause: string, name: string): MaterialSpec => ({ id, name, required: true, cite: cite(clause, name) });

export const DEPARTMENT_MATERIALS: MaterialSpec[] = [
  material('department-pilot-work-plan', '附件（政府有关部门）一', '职业技能等级试点工作方案'),
  material('department-recommendation-letter', '附件（政府有关部门）二', '推荐社会培训评价组织的函'),
  material('department-implementation-plan', '附件（政府有关部门）三', '社会培训评价组织工作实施方案及质量管控措施'),
];
export const INDUSTRY_MATERIALS: MaterialSpec[] = [
  material('industry-pilot-work-plan', '附件（行业组织）一', '职业技能等级认定试点工作方案'),
  material('industry-branch-criteria-and-list', '附件（行业组织）二', '分支机构遴选标准及其分支机构名单'),
  material('industry-implementation-plan', '附件（行业组织）三', '社会培训评价组织工作实施方案及质量管控措施'),
];
/** The 12 regulations the implementation plan carries (附件 三, both lists). */
export const REGULATIONS: MaterialSpec[] = [
  ['regulation-exam-administration', '考务管理办法'],
  ['regulation-evaluator-management', '考评人员管理办法'],
  ['regulation-pilot-and-evaluation', '试点及评价管理办法'],
  ['regulation-misconduct', '工作人员和考生违纪违规处理办法'],
  ['regulation-archives', '档案管理办法'],
  ['regulation-certificates', '证书管理办法'],
  ['regulation-supervision', '监督制度'],
  ['regulation-risk-control', '风险防控体系'],
  ['regulation-finance', '财务制度'],
  ['regulation-publicity', '公示制度'],
  ['regulation-accountability', '社会问责制度'],
  ['regulation-disclosure', '信息公开制度'],
].map(([id, name]) => material(id!, '附件 三', name!));

function missingOf(p: P, list: MaterialSpec[]): MaterialSpec[] {
  const given = new Set(p.materials);
  return list.filter((m) => !given.has(m.id));
}

export const materialsComplete: Rule<P> = {
  id: 'materials-complete',
  description: '按推荐途径提交材料清单：政府有关部门三项，或行业组织三项',
  cite: cite('附件', '提交材料清单'),
  evaluate(p) {
    const route = pilotRoute(p);
    if (!route) return review('the route (department or industry organization) is unknown, so is the material list', ['organization', 'recommendedBy']);
    const missing = missingOf(p, route === 'department' ? DEPARTMENT_MATERIALS : INDUSTRY_MATERIALS);
    return missing.length === 0
      ? pass()
      : fail(`missing materials: ${missing.map((m) => `${m.id}（${m.name}）`).join('、')}`, ['materials'], { missing: missing.map((m) => m.id) });
  },
};

export const regulationsComplete: Rule<P> = {
  id: 'regulations-complete',
  description: '实施方案附相关规章制度十二项（考务管理办法至信息公开制度）',
  cite: cite('附件 三', '相关规章制度包括但不限于考务管理办法、考评人员管理办法、试点及评价管理办法、工作人员和考生违纪违规处理办法、档案管理办法、证书管理办法、监督制度、风险防控体系、财务制度、公示制度、社会问责制度、信息公开制度'),
  evaluate(p) {
    const missing = missingOf(p, REGULATIONS);
    return missing.length === 0
      ? pass()
      : fail(`missing regulations: ${missing.map((m) => m.name).join('、')}`, ['materials'], { missing: missing.map((m) => m.id) });
  },
};

export const rules: Rule<any>[] = [
  recommendedOrIndustryOrganization,
  notGovernmentDepartment,
  notAffiliatedUnit,
  associationDecoupled,
  notNonProfessionalAssociation,
  catalogLevelEvaluationOccupation,
  skillTypeOccupation,
  ownExitedOccupations,
  meetsOpenCallCriteria,
  comprehensiveAssociationSupport,
  branchLocalFiling,
  branchLocalRequirements,
  publicityAfterLocalFiling,
  implementationPlanByMidNovember,
  materialsComplete,
  regulationsComplete,
];
