// Deadlines with the real China calendar (the package hosts pass). Test-only
// import: core does not depend on @certflow/calendar, which depends on core.
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import { RuleViolationError } from '@certflow/core';
import { given, testExamPlan } from '@certflow/core/testing';
import { APP, cmd, EXAM, FILED, org, when } from './scenario.fixtures.js';

describe('deadlines over the 2020 National Day holiday (createChinaCalendar)', () => {
  // Exam on Monday 2020-10-12. Five working days before it: 10-10 (make-up Saturday),
  // 10-09, then over the 10-01..10-08 holiday to 09-30, 09-29, 09-28.
  const history = [...FILED, cmd('PlanExam', org, testExamPlan(APP, '2020-10-12'), EXAM, '2020-09-21T10:00:00+08:00')];
  const calendar = createChinaCalendar();

  it('a plan filed on 2020-09-28 is in time', async () => {
    await given(history, { calendar, now: '2020-09-28T17:00:00+08:00' })
      .when(when('FileExamPlan', org, {}, EXAM))
      .then([{ type: 'ExamPlanFiled' }]);
  });
  it('a plan filed on 2020-09-29 is refused, citing the lead time', async () => {
    const err = (await given(history, { calendar, now: '2020-09-29T09:00:00+08:00' })
      .when(when('FileExamPlan', org, {}, EXAM))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings[0]).toMatchObject({ ruleId: 'plan-lead-time', params: { due: '2020-09-28' } });
  });
});
