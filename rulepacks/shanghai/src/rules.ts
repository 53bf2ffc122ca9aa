import { accessTypeExcludedRule, fail, isLocalDate, notApplicable, pass, perOccupation, review, skillTypeOf, skillTypeOccupationRule, yesNoFact, type ApplicantProfile, type Occupation, type Rule, type RuleResult } from '@certflow/core';
import { CATALOG_EXIT_CUTOFF, HURENSHEZHI_2020_439, SELECTION_STARTS } from './documents.js';

const D = HURENSHEZHI_2020_439;
const cite = (clause: string, text: string) => ({ document: D, clause, text });
type P = ApplicantProfile;

/** yesNoFact with a message for the yes case too, in the order this file's rules read best. */
const flag = (value: unknown, path: (string | number)[], yes: string, no: string, unknown: string): RuleResult => yesNoFact(value, path, no, unknown, yes);

/** Kinds the 一（一） sentence on 「职业院校等」 covers: everything but enterprises and industry associations. */
const COLLEGE_LIKE = new Set(['vocational-college', 'technical-school', 'university', 'private-training-institution', 'public-institution', 'government-department']);

// ── 一（一） ────────────────────────────────────────────────────────────────

export const registeredInShanghai: Rule<P> = {
  id: 'registered-in-shanghai',
  description: '在本市依法登记（经人社部备案的全国性组织在沪开展认定的，办理属地备案，由专家核实）',
  cite: cite('一（一）', '在本市依法登记的独立法人机构（含企业、市级行业协会、职业院校等）'),
  evaluate(p) {
    if (p.organization.registeredIn.startsWith('31')) return pass();
    if (p.organization.filedNationally === true) {
      return review('registered outside Shanghai but filed with MOHRSS: a 属地备案 under 五（二）; the centre checks its establishment in Shanghai', ['organization', 'registeredIn']);
    }
    return fail(`registered in ${p.organization.registeredIn}, not in Shanghai (31xxxx)`, ['organization', 'registeredIn']);
  },
};

export const independentLegalPerson: Rule<P> = {
  id: 'independent-legal-person',
  description: '独立法人机构',
  cite: cite('一（一）', '在本市依法登记的独立法人机构'),
  evaluate: (p) => (p.organization.independentLegalPerson ? pass() : fail('not an independent legal person', ['organization', 'independentLegalPerson'])),
};

export const financialAndManagementRules: Rule<P> = {
  id: 'financial-and-management-rules',
  description: '具有规范的财务制度和管理制度',
  cite: cite('一（一）', '具有规范的财务制度和管理制度'),
  evaluate: (p) =>
    flag(
      p.organization.financialAndManagementRules,
      ['organization', 'financialAndManagementRules'],
      'financial and management rules in place',
      'no sound financial and management rules',
      'the profile does not say whether sound financial and management rules are in place: an expert checks them',
    ),
};

export const creditClean: Rule<P> = {
  id: 'credit-clean',
  description: '社会信用良好，无违法违规、失信等不良行为记录',
  cite: cite('一（一）', '社会信用良好，无违法违规、失信等不良行为记录'),
  evaluate: (p) => (p.organization.creditClean ? pass() : fail('a record of violations or dishonesty', ['organization', 'creditClean'])),
};

export const enterpriseEvaluationExperience: Rule<P> = {
  id: 'enterprise-evaluation-experience',
  description: '企业（原则上）应开展过技能人才评价工作',
  cite: cite('一（一）', '原则上企业应开展过技能人才评价工作'),
  evaluate(p) {
    if (p.organization.kind !== 'enterprise') return notApplicable('not an enterprise');
    return p.history.personTimesEvaluated > 0
      ? pass()
      : fail('an enterprise that has never evaluated skills (原则上 required)', ['history', 'personTimesEvaluated']);
  },
};

const RATING_ORDER = ['1A', '2A', '3A', '4A', '5A'];

export const associationRating4A: Rule<P> = {
  id: 'association-rating-4a',
  description: '市级行业协会应具有4A或以上评估等级',
  cite: cite('一（一）', '市级行业协会应具有 4A 或以上评估等级'),
  evaluate(p) {
    if (p.organization.kind !== 'industry-association') return notApplicable('not an industry association');
    const rating = p.organization.associationRating;
    if (rating === undefined) return review('the profile gives no association rating (评估等级): an expert checks it', ['organization', 'associationRating']);
    return RATING_ORDER.indexOf(rating) >= RATING_ORDER.indexOf('4A')
      ? pass()
      : fail(`association rating ${rating} is below 4A`, ['organization', 'associationRating'], { rating, min: '4A' });
  },
};

export const municipalAssociation: Rule<P> = {
  id: 'municipal-association',
  description: '行业协会须为市级行业协会',
  cite: cite('一（一）', '市级行业协会'),
  evaluate(p) {
    if (p.organization.kind !== 'industry-association') return notApplicable('not an industry association');
    return flag(
      p.organization.municipalAssociation,
      ['organization', 'municipalAssociation'],
      'a municipal (市级) association',
      'not a municipal (市级) association',
      'the profile does not say whether the association is municipal (市级): an expert checks it',
    );
  },
};

export const MIN_CONSECUTIVE_YEARS = 6;

export const collegeTrainingYears: Rule<P> = {
  id: 'college-training-years',
  description: '职业院校等应具有连续6年以上的相关培训评价经历',
  cite: cite('一（一）', '职业院校等应具有连续 6 年以上的相关培训评价经历'),
  evaluate(p) {
    if (!COLLEGE_LIKE.has(p.organization.kind)) return notApplicable('enterprises and associations have their own criteria');
    const years = p.history.consecutiveYears;
    return years >= MIN_CONSECUTIVE_YEARS
      ? pass()
      : fail(`${years} consecutive years of related training and evaluation; at least ${MIN_CONSECUTIVE_YEARS} needed`, ['history', 'consecutiveYears'], { years, min: MIN_CONSECUTIVE_YEARS });
  },
};

export const collegeTrainingScale: Rule<P> = {
  id: 'college-training-scale',
  description: '职业院校等相关项目的培训评价规模较大（专家认定）',
  cite: cite('一（一）', '且相关项目的培训评价规模较大'),
  evaluate(p) {
    if (!COLLEGE_LIKE.has(p.organization.kind)) return notApplicable('enterprises and associations have their own criteria');
    if (p.history.personTimesTotal === 0) return fail('no training or evaluation so far', ['history', 'personTimesTotal']);
    return review(`${p.history.personTimesTotal} person-times: an expert judges whether the scale is 较大 (the notice sets no number)`, ['history', 'personTimesTotal']);
  },
};

// ── 一（二） ────────────────────────────────────────────────────────────────

export const wideInfluence: Rule<P> = {
  id: 'wide-influence',
  description: '在拟开展评价的职业领域具有广泛的影响力（专家认定）',
  cite: cite('一（二）', '在拟开展评价的职业领域具有广泛的影响力'),
  evaluate: () => review('wide influence in the field is for the experts (专家论证) to judge'),
};

export const evaluationExperience: Rule<P> = {
  id: 'evaluation-experience',
  description: '在所申报职业（工种）方面有较丰富的考核评价经验，具备相应的基础条件（专家认定）',
  cite: cite('一（二）', '在所申报职业（工种）方面有较丰富的考核评价经验，具备相应的基础条件'),
  evaluate(p) {
    if (p.history.personTimesEvaluated === 0) return fail('no evaluation experience at all', ['history', 'personTimesEvaluated']);
    return review(`${p.history.personTimesEvaluated} person-times evaluated: an expert judges whether the experience is 较丰富 for the occupations applied for`);
  },
};

// ── 一（三） ────────────────────────────────────────────────────────────────

export const dedicatedBody: Rule<P> = {
  id: 'dedicated-body',
  description: '有负责职业技能等级认定工作的专门机构',
  cite: cite('一（三）', '有负责职业技能等级认定工作的专门机构'),
  evaluate: (p) => (p.capacity.dedicatedDepartment ? pass() : fail('no dedicated body for certification work', ['capacity', 'dedicatedDepartment'])),
};

export const fullTimeStaff: Rule<P> = {
  id: 'full-time-staff',
  description: '有与评价工作相适应的专职工作人员',
  cite: cite('一（三）', '与评价工作相适应的专职工作人员'),
  evaluate: (p) => (p.capacity.fullTimeStaff >= 1 ? pass() : fail('no full-time staff', ['capacity', 'fullTimeStaff'])),
};

export const expertTeam: Rule<P> = {
  id: 'expert-team',
  description: '有专家团队',
  cite: cite('一（三）', '专家团队'),
  evaluate: (p) => (p.capacity.experts >= 1 ? pass() : fail('no expert team', ['capacity', 'experts'])),
};

export const venueAndEquipment: Rule<P> = {
  id: 'venue-and-equipment',
  description: '有相应的场地、设备设施',
  cite: cite('一（三）', '相应的场地、设备设施（含视频监控设备）'),
  evaluate: (p) =>
    flag(
      p.capacity.venueAndEquipment,
      ['capacity', 'venueAndEquipment'],
      'venue and equipment in place',
      'no suitable venue and equipment',
      'the profile does not describe the venue and equipment: checked on the site visit (现场考察)',
    ),
};

export const videoMonitoring: Rule<P> = {
  id: 'video-monitoring',
  description: '设备设施含视频监控设备',
  cite: cite('一（三）', '含视频监控设备'),
  evaluate: (p) => (p.capacity.videoMonitoring ? pass() : fail('no video monitoring equipment', ['capacity', 'videoMonitoring'])),
};

// ── 一（四） ────────────────────────────────────────────────────────────────

export const notForProfit: Rule<P> = {
  id: 'not-for-profit',
  description: '坚持把社会效益放在首位，不以人才评价为营利目的',
  cite: cite('一（四）', '坚持把社会效益放在首位，不以人才评价为营利目的'),
  evaluate: (p) => (p.capacity.notForProfit ? pass() : fail('evaluation run for profit', ['capacity', 'notForProfit'])),
};

export const stableFunding: Rule<P> = {
  id: 'stable-funding',
  description: '能为职业技能等级认定工作提供稳定的经费保障',
  cite: cite('一（四）', '能为职业技能等级认定工作提供稳定的经费保障'),
  evaluate: (p) => (p.capacity.stableFunding ? pass() : fail('no stable funding', ['capacity', 'stableFunding'])),
};

// ── 一（五） ────────────────────────────────────────────────────────────────

export const qualityControl: Rule<P> = {
  id: 'quality-control',
  description: '具有完善的职业技能等级认定工作质量管控措施',
  cite: cite('一（五）', '具有完善的职业技能等级认定工作质量管控措施'),
  evaluate: (p) =>
    flag(
      p.capacity.qualityControl,
      ['capacity', 'qualityControl'],
      'quality-control measures in place',
      'no quality-control measures',
      'the profile does not describe quality-control measures: an expert checks them',
    ),
};

export const acceptsSupervision: Rule<P> = {
  id: 'accepts-supervision',
  description: '自愿接受人力资源社会保障部门的监督',
  cite: cite('一（五）', '自愿接受人力资源社会保障部门的监督'),
  evaluate: (p) =>
    flag(
      p.organization.acceptsSupervision,
      ['organization', 'acceptsSupervision'],
      'accepts supervision',
      'does not accept supervision by the human-resources authorities',
      'the profile carries no undertaking to accept supervision: the centre obtains it',
    ),
};

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
  if (exit !== undefined && !isLocalDate(exit)) return review(`${o.code}: catalogExitDate ${String(exit)} is not a date`, [...path, 'catalogExitDate']);
  if (o.newOccupation === true || o.urgentlyNeededInShanghai === true) return pass();
  const exitedInTime = isLocalDate(exit) && exit <= CATALOG_EXIT_CUTOFF;
  const hr = o.implementedByHrAuthorities;
  if (exitedInTime && hr === true) return pass();
  const secondKnownNo = o.newOccupation === false && o.urgentlyNeededInShanghai === false;
  if (secondKnownNo && exit !== undefined && !exitedInTime) {
    return fail(`${o.code} ${o.name} left the catalog on ${exit}, after ${CATALOG_EXIT_CUTOFF}, and is neither a new occupation nor urgently needed in Shanghai`, path, {
      catalogExitDate: exit,
      cutoff: CATALOG_EXIT_CUTOFF,
    });
  }
  if (secondKnownNo && exitedInTime && hr === false) {
    return fail(`${o.code} ${o.name} was implemented by a body other than the human-resources authorities (二（一）), and is neither a new occupation nor urgently needed in Shanghai`, [...path, 'implementedByHrAuthorities'], {
      implementedByHrAuthorities: false,
    });
  }
  if (exitedInTime && hr === undefined) {
    return review(`${o.code} ${o.name} left the catalog on ${exit}; the profile does not say it was implemented by the human-resources authorities (由人力资源社会保障部门组织实施): the centre checks the implementing body`, [...path, 'implementedByHrAuthorities']);
  }
  return review(`${o.code} ${o.name}: the profile does not show it left the catalog by ${CATALOG_EXIT_CUTOFF} as a qualification the human-resources authorities implemented, or is a new or urgently needed occupation`, path);
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
    : fail(`${o.code} ${o.name} has no national standard (${o.standard}); Shanghai accepts no filed specification instead`, ['occupations', i, 'standard']);
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
  ...accessTypeExcludedRule(cite('二（一）', '由人力资源社会保障部门组织实施且有相应国家职业技能标准的水平评价类技能人员职业资格'), 'not-access-type', '申报职业资格须为水平评价类，准入类职业（工种）不在申报范围'),
  replaces: 'not-access-type',
};

// ── 五 ──────────────────────────────────────────────────────────────────────

export const selectionOpen: Rule<P> = {
  id: 'selection-open',
  description: '遴选工作自发文之日（2020年11月18日）起启动，此前不受理申报',
  cite: cite('五（一）', '本市社会培训评价组织遴选工作自发文之日起启动'),
  evaluate: (_p, { asOf }) => (asOf >= SELECTION_STARTS ? pass() : fail(`selection starts on ${SELECTION_STARTS}; applied on ${asOf}`, undefined, { starts: SELECTION_STARTS })),
};

export const nationalOrganizationLocalFiling: Rule<P> = {
  id: 'national-organization-local-filing',
  description: '经人社部备案的全国性社会培训评价组织在本市开展认定，须办理属地备案（附人社部备案信息）',
  cite: cite('五（二）', '经人力资源社会保障部备案的可在全国范围内开展认定的社会培训评价组织，在本市开展职业技能等级认定工作，须按规定办理属地备案，接受属地监管'),
  evaluate(p) {
    if (p.organization.filedNationally !== true) return notApplicable('not filed with MOHRSS');
    const n = p.organization.nationalFilingNumber;
    return typeof n === 'string' && n.length > 0
      ? pass(`属地备案 of MOHRSS filing ${n}`)
      : review('filed with MOHRSS but no national filing number given: the centre checks the MOHRSS filing', ['organization', 'nationalFilingNumber']);
  },
};

// ── AmendScope (五（三）) ───────────────────────────────────────────────────

/**
 * What an AmendScope rule reads: the command's payload as the engine defines
 * it (`add`: occupations as in the applicant profile; `drop`: codes, with
 * levels to drop only some) and the filing it changes (`validUntil`, `scope`).
 */
export interface AmendScopeFacts {
  add?: Occupation[];
  drop?: Array<{ code: string; levels?: number[] }>;
  filing?: { validUntil?: string | null; scope?: Array<{ code: string; levels: number[] }> };
}

const amendCite = cite('五（三）', '经备案的社会培训评价组织在有效期内，可根据需求申请新增或减少评价项目备案。具体要求参照本通知相关规定执行');

export const amendWithinValidity: Rule<AmendScopeFacts> = {
  id: 'amend-within-validity',
  description: '经备案的社会培训评价组织在备案有效期内方可申请新增或减少评价项目',
  cite: amendCite,
  appliesTo: 'AmendScope',
  evaluate(f, { asOf }) {
    const until = f.filing?.validUntil;
    if (!isLocalDate(until)) return review('the filing carries no validity end date: the centre checks the filing is in force', ['filing', 'validUntil']);
    return asOf <= until ? pass() : fail(`the filing expired on ${until}; a scope change needs a filing in force`, ['filing', 'validUntil'], { validUntil: until });
  },
};

export const amendedOccupationsInScope: Rule<AmendScopeFacts> = {
  id: 'amended-occupations-in-scope',
  description: '新增评价项目须符合本通知二的职业范围（技能人员职业）并有国家职业技能标准，且非准入类',
  cite: amendCite,
  appliesTo: 'AmendScope',
  evaluate(f) {
    const add = f.add ?? [];
    if (add.length === 0) return notApplicable('no occupation added');
    return perOccupation(add, (o, i) => {
      if (o.accessType) return fail(`${o.code} is an access-type (准入类) occupation`, ['add', i, 'accessType']);
      const skill = skillTypeOf(o);
      if (skill === false) return fail(`${o.code} ${o.name} is not a skill occupation (技能人员职业)`, ['add', i, 'code']);
      if (skill === undefined) return review(`${o.code}: an expert checks whether it is a skill occupation (技能人员职业)`, ['add', i, 'skillType']);
      const std = nationalStandardFor(o, i);
      if (std.outcome === 'fail') return { ...std, path: ['add', i, 'standard'] };
      const scope = occupationInScope(o, i);
      return scope.path ? { ...scope, path: ['add', ...scope.path.slice(1)] } : scope;
    });
  },
};

export const amendedRemovalsFiled: Rule<AmendScopeFacts> = {
  id: 'amended-removals-filed',
  description: '减少的评价项目须为已备案的评价职业（工种）及等级',
  cite: amendCite,
  appliesTo: 'AmendScope',
  evaluate(f) {
    const drop = f.drop ?? [];
    if (drop.length === 0) return notApplicable('no occupation dropped');
    const scope = f.filing?.scope;
    if (!scope) return review('the filing gives no scope: the centre checks what is dropped', ['filing', 'scope']);
    for (const [i, d] of drop.entries()) {
      const filed = scope.find((s) => s.code === d.code);
      if (!filed) return fail(`${d.code} is not among the filed occupations`, ['drop', i, 'code']);
      const stray = (d.levels ?? []).filter((l) => !filed.levels.includes(l));
      if (stray.length > 0) return fail(`${d.code} is not filed for level(s) ${stray.join(', ')}`, ['drop', i, 'levels']);
    }
    return pass();
  },
};

/**
 * 四（三）: the grounds on which the bureau removes an organization from the
 * catalog. Informative: a centre records the removal with `RevokeFiling`,
 * giving one of these ids as the reason and citing this clause.
 */
export const REMOVAL_GROUNDS = {
  cite: cite('四（三）', '对违规失信、恶性竞争、管理失序的评价组织移出机构目录'),
  grounds: [
    { id: 'violation-or-dishonesty', name: '违规失信' },
    { id: 'vicious-competition', name: '恶性竞争' },
    { id: 'disorderly-management', name: '管理失序' },
  ],
} as const;

export const rules: Rule<any>[] = [
  registeredInShanghai,
  independentLegalPerson,
  financialAndManagementRules,
  creditClean,
  enterpriseEvaluationExperience,
  associationRating4A,
  municipalAssociation,
  collegeTrainingYears,
  collegeTrainingScale,
  wideInfluence,
  evaluationExperience,
  dedicatedBody,
  fullTimeStaff,
  expertTeam,
  venueAndEquipment,
  videoMonitoring,
  notForProfit,
  stableFunding,
  qualityControl,
  acceptsSupervision,
  occupationScope,
  skillTypeOccupation,
  notAccessType,
  nationalStandardRequired,
  selectionOpen,
  nationalOrganizationLocalFiling,
  amendWithinValidity,
  amendedOccupationsInScope,
  amendedRemovalsFiled,
];
