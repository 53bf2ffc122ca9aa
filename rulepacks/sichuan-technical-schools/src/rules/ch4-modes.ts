// 川人社办发〔2020〕20号 四、评价方式: the rules of this chapter.
import {
  type ApplicantProfile,
  type Rule,
  review,
  pass,
  fail,
  notApplicable,
  yesNoFact,
  type ExamPlanFacts,
} from '@certflow/core';
import { cite } from '../documents.js';

type P = ApplicantProfile;

// ── 四 evaluation modes ─────────────────────────────────────────────────────

export const EVALUATION_MODES = [
  'cooperating-enterprise',
  'social-organization',
  'own-station',
  'competition',
] as const;

export type EvaluationMode = (typeof EVALUATION_MODES)[number];

export const evaluationMode: Rule<P> = {
  id: 'evaluation-mode',
  description: '评价方式为四种之一：依托合作企业、社会培训评价组织、院校鉴定所站或经备案自行组织、以赛促评',
  cite: cite('四', '四、评价方式'),
  evaluate(p) {
    const mode = p.organization.evaluationMode;
    if (mode === undefined)
      return review('the profile does not name the evaluation mode (四): the centre asks', [
        'organization',
        'evaluationMode',
      ]);
    return (EVALUATION_MODES as readonly unknown[]).includes(mode)
      ? pass()
      : fail(`evaluation mode ${String(mode)} is none of ${EVALUATION_MODES.join(', ')}`, [
          'organization',
          'evaluationMode',
        ]);
  },
};

export const cooperatingEnterpriseFiled: Rule<P> = {
  id: 'cooperating-enterprise-filed',
  description: '依托合作企业评价的，合作企业须已备案开展职业技能等级认定',
  cite: cite('四（一）', '由已备案开展职业技能等级认定的企业，通过企校合作方式，参与技工院校人才培养评价'),
  evaluate(p) {
    if (p.organization.evaluationMode !== 'cooperating-enterprise') return notApplicable();
    return yesNoFact(
      p.organization.partnerEnterpriseFiled,
      ['organization', 'partnerEnterpriseFiled'],
      'the cooperating enterprise is not filed for skill level certification',
      'the profile does not say the cooperating enterprise is filed: the centre checks its filing',
    );
  },
};

export const socialOrganizationListed: Rule<P> = {
  id: 'social-organization-listed',
  description: '依托社会培训评价组织评价的，该组织须经人社部遴选公布',
  cite: cite(
    '四（二）',
    '经人力资源社会保障部遴选公布的社会培训评价组织，可根据技工院校需求，为学生提供职业技能等级认定服务',
  ),
  evaluate(p) {
    if (p.organization.evaluationMode !== 'social-organization') return notApplicable();
    return yesNoFact(
      p.organization.partnerOrganizationListed,
      ['organization', 'partnerOrganizationListed'],
      'the social training evaluation organization is not on the MOHRSS list',
      'the profile does not say the organization is on the MOHRSS list: the centre checks the list',
    );
  },
};

// ── 附件4（五）（六） who issues the certificates, by evaluation mode ───────────

export const modeOf = (f: ExamPlanFacts) => (f.filing.profile.organization as Record<string, unknown>).evaluationMode;

export const modePath = ['filing', 'profile', 'organization', 'evaluationMode'];
