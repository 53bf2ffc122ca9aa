import { describe, expect, it } from 'vitest';
import {
  createEngine,
  memoryStore,
  parseCertificateNumber,
  RuleViolationError,
  verifyLog,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testExamPlan, testProfile, testRulePack } from '@certflow/core/testing';

const org = { id: 'org-1', role: 'applicant' as const };
const centre = { id: 'centre-jinan', role: 'city-center' as const };

function setup() {
  const store = memoryStore();
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  const at = (iso: string) => (now = new Date(iso));
  return { store, engine, at };
}

describe('a filing, an exam and its certificates, end to end', () => {
  it('runs every step and replays to the same states', async () => {
    const { store, engine, at } = setup();
    const app = 'application-a1';
    const submitted = await engine.applications.submit({
      streamId: app,
      actor: org,
      payload: { ...testProfile(), rulePack: 'test-pack' },
    });
    expect(submitted.decision?.outcome).toBe('eligible');
    expect(submitted.state.state).toBe('submitted');
    at('2020-06-02T10:00:00+08:00');
    await engine.applications.accept({ streamId: app, actor: centre });
    at('2020-06-03T10:00:00+08:00');
    await engine.applications.startPublicity({ streamId: app, actor: centre });
    at('2020-06-09T10:00:00+08:00');
    await expect(engine.applications.completeFiling({ streamId: app, actor: centre })).rejects.toBeInstanceOf(
      RuleViolationError,
    );
    at('2020-06-10T10:00:00+08:00');
    const filed = await engine.applications.completeFiling({
      streamId: app,
      actor: centre,
      payload: { organizationCode: '0001' },
    });
    expect(filed.state.state).toBe('filed.active');
    expect(filed.state.context).toMatchObject({
      validFrom: '2020-06-10',
      validUntil: '2023-06-09',
      organizationCode: '0001',
    });

    const exam = 'exam-e1';
    at('2020-06-11T10:00:00+08:00');
    await engine.exams.plan({ streamId: exam, actor: org, payload: testExamPlan(app, '2020-06-22') });
    at('2020-06-15T18:00:00+08:00');
    await engine.exams.file({ streamId: exam, actor: org });
    at('2020-06-22T18:00:00+08:00');
    const roster = testExamPlan(app, '2020-06-22').roster;
    await engine.exams.recordResults({
      streamId: exam,
      actor: org,
      payload: { results: roster.map((c, i) => ({ idNumber: c.idNumber, passed: i !== 1, score: i === 1 ? 40 : 80 })) },
    });
    at('2020-06-23T09:00:00+08:00');
    await engine.exams.startResultsPublicity({ streamId: exam, actor: org });
    at('2020-06-29T09:00:00+08:00');
    await expect(engine.exams.confirmResults({ streamId: exam, actor: centre })).rejects.toBeInstanceOf(
      RuleViolationError,
    );
    at('2020-06-30T09:00:00+08:00');
    await engine.exams.confirmResults({ streamId: exam, actor: centre });
    const issued = await engine.exams.issueCertificates({ streamId: exam, actor: org });
    const numbers = (issued.events[0]!.data as { certificates: { number: string }[] }).certificates.map(
      (c) => c.number,
    );
    expect(numbers).toHaveLength(2);
    expect(parseCertificateNumber(numbers[0]!)).toMatchObject({
      organizationType: 'S',
      organizationCode: '0001',
      provinceCode: '37',
      siteSequence: '000123',
      year: 2020,
      level: 5,
      serial: 1,
    });
    const cert = await engine.load(`certificate-${numbers[1]}`);
    expect(cert.state).toBe('valid');
    at('2020-07-01T09:00:00+08:00');
    const revoked = await engine.certificates.revoke({
      streamId: `certificate-${numbers[1]}`,
      actor: centre,
      payload: { reason: '考试作弊' },
    });
    expect(revoked.state.state).toBe('revoked');

    const all: StoredEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    expect(verifyLog(all).ok).toBe(true);
    expect((await engine.load(exam)).state).toBe('certificatesIssued');
    expect((await engine.load(app, { at: '2020-06-09T23:59:59+08:00' })).state).toBe('publicity');
    expect((await engine.load(app, { at: '2020-06-10T10:00:00+08:00' })).state).toBe('filed.active');
  });
});
