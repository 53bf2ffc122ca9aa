// 川人社办发〔2020〕20号 二、试点申请: the rules of this chapter.
import { type ApplicantProfile, type Rule, pass, fail, review } from '@certflow/core';
import { cite } from '../documents.js';

type P = ApplicantProfile;

export const schoolInSichuan: Rule<P> = {
  id: 'school-in-sichuan',
  description: '技工院校办学所在地在四川省内',
  cite: cite('二', '向办学所在地市（州）职鉴中心提出申请'),
  evaluate: (p) =>
    p.organization.registeredIn.startsWith('51')
      ? pass()
      : fail(`registered in ${p.organization.registeredIn}, not in Sichuan (51xxxx)`, ['organization', 'registeredIn']),
};

/** Where each kind of school applies (二): 市（州） schools to their city centre, 省属及以上 to the provincial training centre. */
export const COMPETENT_CENTRE = { city: 'city-centre', provincial: 'provincial-training-centre' } as const;

export const competentCentre: Rule<P> = {
  id: 'competent-centre',
  description: '市（州）技工院校向办学所在地市（州）职鉴中心申请；省属及以上技工院校向省职业培训指导中心申请',
  cite: cite(
    '二',
    '省、市（州）技工院校按照管理权限和属地原则，对照试点条件（附件1）、申请材料（附件2）向办学所在地市（州）职鉴中心提出申请；省属及以上技工院校向省职业培训指导中心提出申请',
  ),
  evaluate(p) {
    const affiliation = p.organization.schoolAffiliation;
    const appliedTo = p.organization.appliedTo;
    if (affiliation !== 'city' && affiliation !== 'provincial') {
      return review(
        'the profile does not say whether the school is 省属及以上 or 市（州）属: the centre checks which centre is competent',
        ['organization', 'schoolAffiliation'],
      );
    }
    if (appliedTo === undefined)
      return review('the profile does not say which centre the application went to', ['organization', 'appliedTo']);
    const due = COMPETENT_CENTRE[affiliation];
    return appliedTo === due
      ? pass()
      : fail(
          `a ${affiliation} school applies to the ${due}, not the ${String(appliedTo)}`,
          ['organization', 'appliedTo'],
          { due },
        );
  },
};
