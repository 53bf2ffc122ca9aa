// 中就培函〔2020〕41号 三、实施步骤: the rules of this chapter.
import {
  type ApplicantProfile,
  type Rule,
  notApplicable,
  perOccupation,
  review,
  pass,
  fail,
  yesNoFact,
  isLocalDate,
} from '@certflow/core';
import { cite } from '../documents.js';
import { pilotRoute, recommendedBy, isAssociation } from './ch2-scope.js';

type P = ApplicantProfile;

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
        return review(
          `${o.code}: the profile does not say which body implemented it as a catalog qualification (it must be ${body}): the centre checks`,
          ['occupations', i, 'implementedBy'],
        );
      }
      return by === body
        ? pass()
        : fail(
            `${o.code} ${o.name} was implemented by ${by}, not by ${body}: a department recommends, an industry organization acts, for its own qualifications only`,
            ['occupations', i, 'implementedBy'],
            { implementedBy: by, expected: body },
          );
    });
  },
};

// ── 三（一） ────────────────────────────────────────────────────────────────

export const meetsOpenCallCriteria: Rule<P> = {
  id: 'meets-open-call-criteria',
  description: '推荐的社会培训评价组织须参照中就培函〔2020〕16号申报条件（专家核对）',
  cite: cite(
    '三（一）',
    '推荐的社会培训评价组织须参照《关于持续征集社会培训评价组织的通告》（中就培函〔2020〕16号）中申报条件的相关要求',
  ),
  evaluate(p) {
    if (pilotRoute(p) !== 'department') return notApplicable('not recommended by a department');
    return review(
      'a recommended organization is checked against the criteria of 中就培函〔2020〕16号, which this pack does not encode',
    );
  },
};

export const comprehensiveAssociationSupport: Rule<P> = {
  id: 'comprehensive-association-support',
  description: '综合类行业组织作为全国性社会培训评价组织，须由其所属一类行业协会提供技术支持；专业性行业组织可直接作为',
  cite: cite(
    '三（一）',
    '综合类行业组织（协会）可作为全国性社会培训评价组织，其所属一类行业协会提供相应技术支持；专业性行业组织（协会）可直接作为面向全国开展相应职业（工种）评价的社会培训评价组织',
  ),
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
    return yesNoFact(
      p.organization.locallyFiled,
      ['organization', 'locallyFiled'],
      'a branch not filed with the local human-resources department',
      'the profile does not say whether the branch is filed locally: the centre checks',
    );
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
      "the local requirements of the branch's place of registration are that region's: its centre checks them (e.g. with the regional pack)",
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
    if (!isLocalDate(filed))
      return review('published online, but the profile gives no local filing date: the centre checks the order', [
        'organization',
        'localFilingDate',
      ]);
    return filed <= published
      ? pass()
      : fail(
          `published online on ${published}, before local filing on ${filed}`,
          ['organization', 'onlinePublicityDate'],
          { filed, published },
        );
  },
};
