// 川人社办发〔2020〕20号 三、评价标准: the rules of this chapter.
import { type ApplicantProfile, type Rule, perOccupation, pass, fail, notApplicable, yesNoFact } from '@certflow/core';
import { cite } from '../documents.js';

type P = ApplicantProfile;

// ── 三 standards and levels ─────────────────────────────────────────────────

export const standardOrApprovedSpec: Rule<P> = {
  id: 'standard-or-approved-spec',
  description: '有国家职业技能标准的依据国家标准；没有的，依据经人社部批准的行业企业工种岗位评价规范',
  cite: cite(
    '三',
    '其中有国家职业技能标准的，依据国家职业技能标准开展评价活动；没有国家职业技能标准的，依据行业企业工种岗位评价规范组织开展',
  ),
  replaces: 'standard-required',
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) => {
      if (o.standard === 'national') return pass();
      // filed-spec: an industry/enterprise specification; its MOHRSS approval is `spec-approved-by-mohrss`.
      return o.standard === 'filed-spec'
        ? pass()
        : fail(`${o.code} ${o.name} has neither a national standard nor an industry/enterprise specification`, [
            'occupations',
            i,
            'standard',
          ]);
    }),
};

export const specApproved: Rule<P> = {
  id: 'spec-approved-by-mohrss',
  description: '行业企业工种岗位评价规范须上报人力资源社会保障部批准后实施',
  cite: cite(
    '三',
    '行业企业工种岗位评价规范由行业协会、龙头企业参照《国家职业技能标准技术规程》（2018版）编制，上报人力资源社会保障部批准后实施',
  ),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) => {
      if (o.standard !== 'filed-spec') return notApplicable();
      return yesNoFact(
        o.specApprovedByMohrss,
        ['occupations', i, 'specApprovedByMohrss'],
        `${o.code}: the specification is not approved by MOHRSS`,
        `${o.code}: the profile does not say the specification was approved by MOHRSS: the centre checks the approval`,
      );
    }),
};
