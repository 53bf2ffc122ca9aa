import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidTransitionError, RuleViolationError, ValidationError } from '@certflow/core';
import { given, testRoster } from '@certflow/core/testing';
import {
  centre,
  cmd,
  CONFIRMED,
  day,
  EXAM,
  FILED,
  ISSUED,
  org,
  otherOrg,
  plan,
  PLAN_FILED,
  PLANNED,
  results,
  RESULTS,
  RESULTS_PUBLICITY,
  when,
} from './scenario.fixtures.js';

const now = (d: string) => ({ now: day(d) });

describe('exam: PlanExam', () => {
  it('plans an exam under an active filing, recording the plan decision', async () => {
    await given(FILED, now('11'))
      .when(when('PlanExam', org, plan(), EXAM))
      .then([
        {
          type: 'ExamPlanned',
          data: {
            examDate: '2020-06-22',
            organizerId: 'org-1',
            filing: { organizationCode: '0001' },
            decision: { outcome: 'eligible' },
          },
        },
      ]);
  });
  it('refuses a suspended filing', async () => {
    await given([...FILED, cmd('SuspendFiling', centre, { reason: '整改' })], now('11'))
      .when(when('PlanExam', org, plan(), EXAM))
      .then(InvalidTransitionError);
  });
  it('refuses a level the filing does not cover', async () => {
    await given(FILED, now('11'))
      .when(when('PlanExam', org, { ...plan(), occupation: { code: '6-18-01-01', level: 3 } }, EXAM))
      .then(InvalidTransitionError);
  });
  it('refuses another organization planning under this filing', async () => {
    await given(FILED, now('11'))
      .when(when('PlanExam', otherOrg, plan(), EXAM))
      .then(ForbiddenError);
  });
  it('evaluates the pack rules for PlanExam', async () => {
    const err = (await given(FILED, now('11'))
      .when(when('PlanExam', org, { ...plan(), supervisors: [] }, EXAM))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings.map((f) => f.ruleId)).toEqual(['exam-supervisor']);
  });
  it('checks the 身份证号 of every candidate', async () => {
    const bad = { ...plan(), roster: [{ idNumber: '370102199001011000', name: '甲' }] };
    const err = (await given(FILED, now('11'))
      .when(when('PlanExam', org, bad, EXAM))
      .then(ValidationError)) as ValidationError;
    expect(err.issues[0]!.path).toEqual(['payload', 'roster', 0, 'idNumber']);
  });
  it('refuses a filing that does not exist', async () => {
    await given([])
      .when(when('PlanExam', org, plan(), EXAM))
      .then(InvalidTransitionError);
  });
});

describe('exam: FileExamPlan, results, publicity, confirmation', () => {
  it('files the plan at least 5 working days before the exam', async () => {
    await given(PLANNED, now('15'))
      .when(when('FileExamPlan', org, {}, EXAM))
      .then([{ type: 'ExamPlanFiled', data: { filedOn: '2020-06-15' } }]);
  });
  it('refuses a plan filed too late', async () => {
    const err = (await given(PLANNED, now('16'))
      .when(when('FileExamPlan', org, {}, EXAM))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings[0]).toMatchObject({ ruleId: 'plan-lead-time', params: { due: '2020-06-15' } });
  });
  it('records results for roster candidates only', async () => {
    await given(PLAN_FILED, now('22'))
      .when(when('RecordResults', org, results(), EXAM))
      .then([{ type: 'ResultsRecorded' }]);
    const stranger = { results: [{ idNumber: testRoster(5)[4]!.idNumber, passed: true }] };
    await given(PLAN_FILED, now('22'))
      .when(when('RecordResults', org, stranger, EXAM))
      .then(ValidationError);
  });
  it('no results before the plan is filed', async () => {
    await given(PLANNED, now('22'))
      .when(when('RecordResults', org, results(), EXAM))
      .then(InvalidTransitionError);
  });
  it('starts results publicity', async () => {
    await given(RESULTS, now('23'))
      .when(when('StartResultsPublicity', org, {}, EXAM))
      .then([{ type: 'ResultsPublicityStarted', data: { startsOn: '2020-06-23' } }]);
    await given(RESULTS, now('23'))
      .when(when('StartResultsPublicity', centre, {}, EXAM))
      .then(ForbiddenError);
  });
  it('confirms results only after the minimum publicity period', async () => {
    await given(RESULTS_PUBLICITY, now('29'))
      .when(when('ConfirmResults', centre, {}, EXAM))
      .then(RuleViolationError);
    await given(RESULTS_PUBLICITY, now('30'))
      .when(when('ConfirmResults', centre, {}, EXAM))
      .then([{ type: 'ResultsConfirmed' }]);
    await given(RESULTS_PUBLICITY, now('30'))
      .when(when('ConfirmResults', org, {}, EXAM))
      .then(ForbiddenError);
  });
});

describe('exam: IssueCertificates and certificate: RevokeCertificate', () => {
  it('issues one numbered certificate per passed candidate', async () => {
    await given(CONFIRMED, now('30'))
      .when(when('IssueCertificates', org, {}, EXAM))
      .then([{ type: 'CertificatesIssued' }], (r) => {
        const numbers = r.events[0].data.certificates.map((c: { number: string }) => c.number);
        // S, organization 0001, province 37, site 000123, year 20, level 5, serial
        expect(numbers).toEqual(['S000137000123205000001', 'S000137000123205000002']);
      });
  });
  it('issues nothing when nobody passed', async () => {
    await given(
      [
        ...PLAN_FILED,
        cmd('RecordResults', org, results([false, false, false]), EXAM, day('22')),
        cmd('StartResultsPublicity', org, {}, EXAM, day('23')),
        cmd('ConfirmResults', centre, {}, EXAM, day('30')),
      ],
      now('30'),
    )
      .when(when('IssueCertificates', org, {}, EXAM))
      .then(InvalidTransitionError);
  });
  const number = 'S000137000123205000001';
  it('revokes a certificate with a reason', async () => {
    await given(ISSUED, now('30'))
      .when(when('RevokeCertificate', centre, { reason: '考试作弊' }, `certificate-${number}`))
      .then([{ type: 'CertificateRevoked', data: { reason: '考试作弊' } }]);
    await given(ISSUED, now('30'))
      .when(when('RevokeCertificate', org, { reason: '信息有误' }, `certificate-${number}`))
      .then([{ type: 'CertificateRevoked' }]);
  });
  it('a revocation needs a reason; another organization may not revoke', async () => {
    await given(ISSUED, now('30'))
      .when(when('RevokeCertificate', centre, {}, `certificate-${number}`))
      .then(ValidationError);
    await given(ISSUED, now('30'))
      .when(when('RevokeCertificate', otherOrg, { reason: 'x' }, `certificate-${number}`))
      .then(ForbiddenError);
  });
  it('no revocation of a certificate that was never issued', async () => {
    await given(ISSUED, now('30'))
      .when(when('RevokeCertificate', centre, { reason: 'x' }, 'certificate-S000137000123205999999'))
      .then(InvalidTransitionError);
  });
});
