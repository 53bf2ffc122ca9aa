import type { Actor, Command, CommandType } from '@certflow/core';
import { testExamPlan, testProfile, testRoster, type GivenCommand } from '@certflow/core/testing';

export const org: Actor = { id: 'org-1', role: 'applicant' };
export const otherOrg: Actor = { id: 'org-2', role: 'applicant' };
export const centre: Actor = { id: 'centre-jinan', role: 'city-center' };
export const expert: Actor = { id: 'expert-1', role: 'expert' };
export const auditor: Actor = { id: 'auditor-1', role: 'auditor' };
export const APP = 'application-a1';
export const EXAM = 'exam-e1';

let n = 0;
export function cmd<T extends CommandType>(
  type: T,
  actor: Actor,
  payload?: unknown,
  streamId = APP,
  at?: string,
): GivenCommand {
  return {
    type,
    streamId,
    actor,
    commandId: `${type}-${++n}`,
    payload: payload as never,
    ...(at ? { at } : {}),
  } as GivenCommand;
}
export const when = (type: CommandType, actor: Actor, payload?: unknown, streamId = APP): Command => {
  const { at: _at, ...c } = cmd(type, actor, payload, streamId);
  return c;
};

const day = (d: string) => `2020-06-${d}T10:00:00+08:00`;
export const submit = (profile = testProfile()) =>
  cmd('SubmitApplication', org, { ...profile, rulePack: 'test-pack' }, APP, day('01'));
export const SUBMITTED = [submit()];
export const ACCEPTED = [...SUBMITTED, cmd('AcceptApplication', centre, {}, APP, day('02'))];
export const PUBLICITY = [...ACCEPTED, cmd('StartPublicity', centre, {}, APP, day('03'))];
export const FILED = [...PUBLICITY, cmd('CompleteFiling', centre, { organizationCode: '0001' }, APP, day('10'))];
export const reviewProfile = () => ({
  ...testProfile(),
  history: { consecutiveYears: 6, personTimesTotal: 5000, personTimesEvaluated: 2000 },
});
export const IN_REVIEW = [submit(reviewProfile()), cmd('AcceptApplication', centre, {}, APP, day('02'))];

export const plan = () => testExamPlan(APP, '2020-06-22');
export const PLANNED = [...FILED, cmd('PlanExam', org, plan(), EXAM, day('11'))];
export const PLAN_FILED = [...PLANNED, cmd('FileExamPlan', org, {}, EXAM, day('15'))];
export const results = (passed = [true, false, true]) => ({
  results: testRoster().map((c, i) => ({ idNumber: c.idNumber, passed: passed[i]!, score: passed[i] ? 80 : 40 })),
});
export const RESULTS = [...PLAN_FILED, cmd('RecordResults', org, results(), EXAM, day('22'))];
export const RESULTS_PUBLICITY = [...RESULTS, cmd('StartResultsPublicity', org, {}, EXAM, day('23'))];
export const CONFIRMED = [...RESULTS_PUBLICITY, cmd('ConfirmResults', centre, {}, EXAM, day('30'))];
export const ISSUED = [...CONFIRMED, cmd('IssueCertificates', org, {}, EXAM, day('30'))];
export { day };
