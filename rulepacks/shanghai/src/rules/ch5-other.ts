// 沪人社职〔2020〕439号 五、其他事项: the rules of this chapter (with AmendScope, 五（三）).
import {
  type ApplicantProfile,
  type Rule,
  pass,
  fail,
  notApplicable,
  review,
  type Occupation,
  isLocalDate,
  perOccupation,
  skillTypeOf,
} from '@certflow/core';
import { cite, SELECTION_STARTS } from '../documents.js';
import { nationalStandardFor, occupationInScope } from './ch2-occupations.js';

type P = ApplicantProfile;

// ── 五 ──────────────────────────────────────────────────────────────────────

export const selectionOpen: Rule<P> = {
  id: 'selection-open',
  description: '遴选工作自发文之日（2020年11月18日）起启动，此前不受理申报',
  cite: cite('五（一）', '本市社会培训评价组织遴选工作自发文之日起启动'),
  evaluate: (_p, { asOf }) =>
    asOf >= SELECTION_STARTS
      ? pass()
      : fail(`selection starts on ${SELECTION_STARTS}; applied on ${asOf}`, undefined, { starts: SELECTION_STARTS }),
};

export const nationalOrganizationLocalFiling: Rule<P> = {
  id: 'national-organization-local-filing',
  description: '经人社部备案的全国性社会培训评价组织在本市开展认定，须办理属地备案（附人社部备案信息）',
  cite: cite(
    '五（二）',
    '经人力资源社会保障部备案的可在全国范围内开展认定的社会培训评价组织，在本市开展职业技能等级认定工作，须按规定办理属地备案，接受属地监管',
  ),
  evaluate(p) {
    if (p.organization.filedNationally !== true) return notApplicable('not filed with MOHRSS');
    const n = p.organization.nationalFilingNumber;
    return typeof n === 'string' && n.length > 0
      ? pass(`属地备案 of MOHRSS filing ${n}`)
      : review('filed with MOHRSS but no national filing number given: the centre checks the MOHRSS filing', [
          'organization',
          'nationalFilingNumber',
        ]);
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

const amendCite = cite(
  '五（三）',
  '经备案的社会培训评价组织在有效期内，可根据需求申请新增或减少评价项目备案。具体要求参照本通知相关规定执行',
);

export const amendWithinValidity: Rule<AmendScopeFacts> = {
  id: 'amend-within-validity',
  description: '经备案的社会培训评价组织在备案有效期内方可申请新增或减少评价项目',
  cite: amendCite,
  appliesTo: 'AmendScope',
  evaluate(f, { asOf }) {
    const until = f.filing?.validUntil;
    if (!isLocalDate(until))
      return review('the filing carries no validity end date: the centre checks the filing is in force', [
        'filing',
        'validUntil',
      ]);
    return asOf <= until
      ? pass()
      : fail(`the filing expired on ${until}; a scope change needs a filing in force`, ['filing', 'validUntil'], {
          validUntil: until,
        });
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
      if (skill === false)
        return fail(`${o.code} ${o.name} is not a skill occupation (技能人员职业)`, ['add', i, 'code']);
      if (skill === undefined)
        return review(`${o.code}: an expert checks whether it is a skill occupation (技能人员职业)`, [
          'add',
          i,
          'skillType',
        ]);
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
      if (stray.length > 0)
        return fail(`${d.code} is not filed for level(s) ${stray.join(', ')}`, ['drop', i, 'levels']);
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
