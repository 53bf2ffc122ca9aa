// A story shared by the read-model tests of every store: two organizations
// filed (one suspended and reinstated, the other revoked), one application
// left waiting for acceptance, an exam with certificates, one revoked.
import { createEngine, usccCheckCharacter, type Actor, type Engine, type EventStore } from '@certflow/core';
import { testCalendar, testExamPlan, testProfile, testRulePack } from '@certflow/core/testing';

export const ORG1: Actor = { id: 'org-1', role: 'applicant' };
export const ORG2: Actor = { id: 'org-2', role: 'applicant' };
export const ORG3: Actor = { id: 'org-3', role: 'applicant' };
export const CENTRE: Actor = { id: 'centre-jinan', role: 'city-center' };
export const uscc = (first17: string) => first17 + usccCheckCharacter(first17);

export interface Story {
  engine: Engine;
  at(iso: string): void;
}

export function storyEngine(store: EventStore): Story {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  return { engine, at: (iso) => (now = new Date(iso)) };
}

const day = (d: string) => `2020-06-${d}T10:00:00+08:00`;

/** Submits, accepts, publicizes and files an organization (filed on 2020-06-10). */
export async function fileOrganization(
  s: Story,
  streamId: string,
  actor: Actor,
  profile = testProfile(),
  organizationCode = '0001',
) {
  s.at(day('01'));
  await s.engine.applications.submit({ streamId, actor, payload: { ...profile, rulePack: 'test-pack' } });
  s.at(day('02'));
  await s.engine.applications.accept({ streamId, actor: CENTRE });
  s.at(day('03'));
  await s.engine.applications.startPublicity({ streamId, actor: CENTRE });
  s.at(day('10'));
  return s.engine.applications.completeFiling({ streamId, actor: CENTRE, payload: { organizationCode } });
}

/** Runs an exam under a filing and issues certificates to the two of three candidates who passed. */
export async function examWithCertificates(
  s: Story,
  filingStreamId: string,
  examStreamId: string,
  actor: Actor,
): Promise<string[]> {
  const plan = testExamPlan(filingStreamId, '2020-06-22');
  s.at(day('11'));
  await s.engine.exams.plan({ streamId: examStreamId, actor, payload: plan });
  s.at('2020-06-15T18:00:00+08:00');
  await s.engine.exams.file({ streamId: examStreamId, actor });
  s.at('2020-06-22T18:00:00+08:00');
  await s.engine.exams.recordResults({
    streamId: examStreamId,
    actor,
    payload: {
      results: plan.roster.map((c, i) => ({ idNumber: c.idNumber, passed: i !== 1, score: i === 1 ? 40 : 80 })),
    },
  });
  s.at('2020-06-23T09:00:00+08:00');
  await s.engine.exams.startResultsPublicity({ streamId: examStreamId, actor });
  s.at('2020-06-30T09:00:00+08:00');
  await s.engine.exams.confirmResults({ streamId: examStreamId, actor: CENTRE });
  const issued = await s.engine.exams.issueCertificates({ streamId: examStreamId, actor });
  return (issued.events[0]!.data as { certificates: { number: string }[] }).certificates.map((c) => c.number);
}

export const PROFILE2 = () => testProfile({ name: '某市职业技能鉴定协会', uscc: uscc('51370100MJD987654') });

/**
 * The whole story. Returns the certificate numbers; afterwards:
 * application-a1 filed and active (suspended then reinstated), application-a2
 * revoked, application-a3 submitted only (its acceptance deadline open),
 * exam-e1 with two certificates, the second revoked.
 */
export async function runStory(s: Story): Promise<{ numbers: string[] }> {
  await fileOrganization(s, 'application-a1', ORG1);
  await fileOrganization(s, 'application-a2', ORG2, PROFILE2(), '0002');
  s.at('2020-06-12T10:00:00+08:00');
  await s.engine.applications.submit({
    streamId: 'application-a3',
    actor: ORG3,
    payload: {
      ...testProfile({ name: '第三家评价机构', uscc: uscc('52370100MJD555555'), occupationCode: '6-18-01-02' }),
      rulePack: 'test-pack',
    },
  });
  const numbers = await examWithCertificates(s, 'application-a1', 'exam-e1', ORG1);
  s.at('2020-07-01T09:00:00+08:00');
  await s.engine.applications.suspend({
    streamId: 'application-a1',
    actor: CENTRE,
    payload: { reason: '质量督导发现问题' },
  });
  s.at('2020-07-06T09:00:00+08:00');
  await s.engine.applications.reinstate({ streamId: 'application-a1', actor: CENTRE });
  await s.engine.applications.revoke({ streamId: 'application-a2', actor: CENTRE, payload: { reason: '弄虚作假' } });
  s.at('2020-07-07T09:00:00+08:00');
  await s.engine.certificates.revoke({
    streamId: `certificate-${numbers[1]}`,
    actor: CENTRE,
    payload: { reason: '考试作弊' },
  });
  return { numbers };
}
