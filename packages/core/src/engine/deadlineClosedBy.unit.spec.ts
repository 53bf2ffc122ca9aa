import { describe, expect, it } from 'vitest';
import { defineRulePack, RuleViolationError, type DeadlineSpec } from '@certflow/core';
import { given, testProfile, testRulePack } from '@certflow/core/testing';
import { centre, cmd, day, org, when } from './scenario.fixtures.js';

// A deadline answered by either of two commands: 10 working days to notify
// whether the application is accepted — by accepting it or by rejecting it.
const notice = (enforcement?: DeadlineSpec['enforcement']): DeadlineSpec => ({
  id: 'acceptance-notice',
  description: '10个工作日内通知是否受理',
  cite: { document: 'certflow 测试规则', clause: '八', text: '10个工作日内' },
  machine: 'application',
  kind: 'within',
  workingDays: 10,
  from: { event: 'ApplicationSubmitted' },
  step: 'AcceptApplication',
  closedBy: ['RejectApplication'],
  ...(enforcement ? { enforcement } : {}),
});
const packWith = (deadline: DeadlineSpec) =>
  defineRulePack({
    id: 'closed-by-pack',
    version: '1.0.0',
    title: testRulePack.title,
    documents: testRulePack.documents,
    jurisdiction: testRulePack.jurisdiction,
    levels: testRulePack.levels,
    materials: testRulePack.materials,
    rules: testRulePack.rules,
    deadlines: [deadline],
  });
const flagging = packWith(notice());
const refusing = packWith(notice('refuse'));
const submitted = [
  cmd('SubmitApplication', org, { ...testProfile(), rulePack: 'closed-by-pack' }, 'application-a1', day('01')),
];

describe('a deadline closed by more than one command (DeadlineSpec.closedBy)', () => {
  it('a rejection on the last day (2020-06-15) is in time', async () => {
    await given(submitted, { rulePacks: [flagging], now: day('15') })
      .when(when('RejectApplication', centre, { reason: '材料不实' }))
      .then([{ type: 'ApplicationRejected' }]);
  });
  it('a rejection the day after (2020-06-16) is recorded as late, like a late acceptance, naming the step taken', async () => {
    await given(submitted, { rulePacks: [flagging], now: day('16') })
      .when(when('RejectApplication', centre, { reason: '材料不实' }))
      .then([
        {
          type: 'DeadlineMissed',
          data: { deadlineId: 'acceptance-notice', due: '2020-06-15', step: 'RejectApplication' },
        },
        { type: 'ApplicationRejected' },
      ]);
  });
  it('a late acceptance is still recorded as late', async () => {
    await given(submitted, { rulePacks: [flagging], now: day('16') })
      .when(when('AcceptApplication', centre))
      .then([
        { type: 'DeadlineMissed', data: { deadlineId: 'acceptance-notice', step: 'AcceptApplication' } },
        { type: 'ApplicationAccepted' },
      ]);
  });
  it('with enforcement refuse, a late rejection is refused citing the deadline', async () => {
    const err = (await given(submitted, { rulePacks: [refusing], now: day('16') })
      .when(when('RejectApplication', centre, { reason: '材料不实' }))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings[0]).toMatchObject({ ruleId: 'acceptance-notice', params: { due: '2020-06-15' } });
  });
  it('a pack naming an unknown command in closedBy is refused at definition time', () => {
    expect(() => packWith({ ...notice(), closedBy: ['NoSuchCommand' as never] })).toThrow(/closedBy/);
  });
});
