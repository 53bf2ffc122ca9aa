// 中就培函〔2020〕41号 五、时间安排: the rules of this chapter.
import { type ApplicantProfile, type Rule, pass, fail } from '@certflow/core';
import { cite, SCHEDULE } from '../documents.js';

type P = ApplicantProfile;

// ── 五 schedule ─────────────────────────────────────────────────────────────

export const implementationPlanByMidNovember: Rule<P> = {
  id: 'implementation-plan-by-mid-november',
  description: '11月中旬前（至2020年11月20日）提交社会培训评价组织工作实施方案',
  cite: cite('五（三）', '11月中旬前提交社会培训评价组织工作实施方案'),
  evaluate: (_p, { asOf }) =>
    asOf <= SCHEDULE.implementationPlanAndPublicity
      ? pass()
      : fail(
          `the pilot's implementation plans were due by ${SCHEDULE.implementationPlanAndPublicity}; submitted ${asOf}`,
          undefined,
          { due: SCHEDULE.implementationPlanAndPublicity },
        ),
};
