import {
  fail,
  optionalFact,
  pass,
  releaseOf,
  review,
  type ApplicantProfile,
  type DeadlineSpec,
  type RulePack,
} from '@certflow/core';
import { national_1_0_0 } from '@certflow/rulepack-national';
import { definition } from '../definition.js';
import { deadlines } from '../deadlines.js';
import { MAX_OCCUPATIONS_FIRST_APPLICATION } from '../limits.js';
import { maxOccupationsFirstApplication } from '../rules/ch2-occupations.js';

/**
 * fujian-fuzhou 1.0.0 as released, kept so that logs written under it replay:
 * the current definition with what 1.1.0 changed given back —
 * - `max-occupations-first-application` also capped a later AmendScope;
 * - `results-filing` was anchored on examEndDate only (a plan with examDate
 *   alone had no results-filing deadline);
 * - no roles narrowed (a city centre could CompleteFiling);
 * - the levels rule cited the base's clause (川人社办发〔2020〕20号 三).
 */
export const fujianFuzhou_1_0_0: RulePack = releaseOf(definition, {
  version: '1.0.0',
  sourceDigest: 'ca71f1ac02a11a95e523eb6e38a501043489cbd540e6463a69d107c6f9da45e8',
  rules: [
    {
      ...maxOccupationsFirstApplication,
      evaluate(p: ApplicantProfile) {
        const n = p.occupations.length;
        if (n <= MAX_OCCUPATIONS_FIRST_APPLICATION) return pass();
        const first = optionalFact(p, 'firstApplication');
        if (first === false) return { outcome: 'not-applicable', message: '非初次申请' };
        if (first === true)
          return fail(
            `初次申请 ${n} 个职业（工种），原则上不超过 ${MAX_OCCUPATIONS_FIRST_APPLICATION} 个`,
            ['occupations'],
            { count: n, max: MAX_OCCUPATIONS_FIRST_APPLICATION },
          );
        return review(`申请 ${n} 个职业（工种）：专家核实是否初次申请（firstApplication 未提供）`, [
          'firstApplication',
        ]);
      },
    },
  ],
  deadlines: deadlines.map(
    (d): DeadlineSpec =>
      d.id === 'results-filing' ? { ...d, from: { event: 'ExamPlanned', field: 'examEndDate' } } : d,
  ),
  roles: {},
  extends: national_1_0_0,
  levels: national_1_0_0.levels!,
  citations: {},
});
