// The pack through engine.execute, as a host runs it, on the real China
// working-day calendar (test-only import: the pack depends on core alone).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import {
  createEngine,
  InvalidTransitionError,
  memoryStore,
  RuleViolationError,
  ValidationError,
  type Actor,
  type CommandType,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { loadRuleCases } from '@certflow/core/testing';
import sichuan from './index.js';

const packDir = fileURLToPath(new URL('..', import.meta.url));
const cases = loadRuleCases(packDir);
const school: Actor = { id: 'school-1', role: 'applicant' };
const centre: Actor = { id: 'centre-chengdu', role: 'city-center' };
const APP = 'application-sc-001';
const EXAM = 'exam-sc-001';

function setup() {
  const store: EventStore = memoryStore();
  let now = new Date('2020-09-01T09:00:00+08:00');
  let n = 0;
  const engine = createEngine({ store, rulePacks: [sichuan], calendar: createChinaCalendar(), clock: () => now });
  const run = (day: string, type: CommandType, streamId: string, actor: Actor, payload: unknown = {}) => {
    now = new Date(`${day}T10:00:00+08:00`);
    return engine.execute({ type, streamId, actor, commandId: `${type}-${++n}`, payload: payload as never });
  };
  const all = async () => {
    const out: StoredEvent[] = [];
    for await (const e of store.readAll()) out.push(e);
    return out;
  };
  return { engine, run, all, at: (iso: string) => (now = new Date(iso)) };
}
const profile = (changes: Record<string, unknown> = {}) => {
  const p = structuredClone(cases.base) as { organization: Record<string, unknown> };
  Object.assign(p.organization, changes);
  return { ...p, rulePack: sichuan.id };
};
const types = (r: { events: StoredEvent[] }) => r.events.map((e) => e.type);

describe('附件3 1: the centre tells the school within 10 working days whether it is accepted — either way', () => {
  // Submitted Friday 2020-09-25. Working days: 09-27 (make-up Sunday), 09-28, 09-29, 09-30,
  // then over the National Day holiday (10-01..10-08) to 10-09, 10-10 (make-up Saturday), 10-12, 10-13, 10-14, 10-15.
  const submitted = async () => {
    const s = setup();
    await s.run('2020-09-25', 'SubmitApplication', APP, school, profile());
    return s;
  };
  it('the deadline falls on 2020-10-15, across the holiday and both make-up days', async () => {
    const { engine } = await submitted();
    const items = await engine.deadlines({ now: new Date('2020-10-09T09:00:00+08:00') });
    expect(items).toMatchObject([
      { streamId: APP, deadlineId: 'acceptance-notice', anchor: '2020-09-25', due: '2020-10-15', status: 'open' },
    ]);
  });
  it('a notice of non-acceptance on 2020-10-14 (the day before) is in time', async () => {
    const { run } = await submitted();
    expect(types(await run('2020-10-14', 'RejectApplication', APP, centre, { reason: '材料不全' }))).toEqual([
      'ApplicationRejected',
    ]);
  });
  it('a notice of non-acceptance on 2020-10-15 (the last day) is in time', async () => {
    const { run } = await submitted();
    expect(types(await run('2020-10-15', 'RejectApplication', APP, centre, { reason: '材料不全' }))).toEqual([
      'ApplicationRejected',
    ]);
  });
  it('a notice of non-acceptance on 2020-10-16 (the day after) is recorded as late', async () => {
    const { run } = await submitted();
    const r = await run('2020-10-16', 'RejectApplication', APP, centre, { reason: '材料不全' });
    expect(types(r)).toEqual(['DeadlineMissed', 'ApplicationRejected']);
    expect(r.events[0]!.data).toMatchObject({
      deadlineId: 'acceptance-notice',
      due: '2020-10-15',
      detectedOn: '2020-10-16',
      cite: { clause: '附件3 1' },
    });
  });
  it('an acceptance on 2020-10-15 is in time, on 2020-10-16 late', async () => {
    const onTime = await submitted();
    expect(types(await onTime.run('2020-10-15', 'AcceptApplication', APP, centre))).toEqual(['ApplicationAccepted']);
    const late = await submitted();
    expect(types(await late.run('2020-10-16', 'AcceptApplication', APP, centre))).toEqual([
      'DeadlineMissed',
      'ApplicationAccepted',
    ]);
  });
  it('once the school is told it is not accepted, tick records nothing late', async () => {
    const { run, engine } = await submitted();
    await run('2020-10-12', 'RejectApplication', APP, centre, { reason: '材料不全' });
    expect(await engine.tick(new Date('2020-11-02T09:00:00+08:00'))).toEqual([]);
  });
  it('with no answer at all, tick records the deadline missed the day after it', async () => {
    const { engine } = await submitted();
    expect(await engine.tick(new Date('2020-10-15T18:00:00+08:00'))).toEqual([]);
    const missed = await engine.tick(new Date('2020-10-16T09:00:00+08:00'));
    expect(missed.map((e) => [e.type, (e.data as { deadlineId: string }).deadlineId])).toEqual([
      ['DeadlineMissed', 'acceptance-notice'],
    ]);
  });
});

/** A school filed in mode `mode`, with an exam planned (enrolment closed `enrolmentClosedOn`). */
async function filedAndPlanned(mode: string, enrolmentClosedOn = '2021-01-29') {
  const s = setup();
  const extra =
    mode === 'cooperating-enterprise'
      ? { partnerEnterpriseFiled: true }
      : mode === 'social-organization'
        ? { partnerOrganizationListed: true }
        : {};
  await s.run('2020-12-01', 'SubmitApplication', APP, school, profile({ evaluationMode: mode, ...extra }));
  await s.run('2020-12-02', 'AcceptApplication', APP, centre);
  await s.run('2020-12-03', 'StartPublicity', APP, centre);
  await s.run('2020-12-15', 'CompleteFiling', APP, centre, { organizationCode: '0001', validUntil: '2023-12-14' });
  const plan = {
    ...(cases.bases!.PlanExam as { plan: object }).plan,
    filingStreamId: APP,
    enrolmentClosedOn,
    examDate: '2021-04-20',
  };
  await s.run('2021-02-01', 'PlanExam', EXAM, school, plan);
  return s;
}
async function throughResults(s: Awaited<ReturnType<typeof filedAndPlanned>>) {
  const roster = (cases.bases!.PlanExam as { plan: { roster: { idNumber: string }[] } }).plan.roster;
  await s.run('2021-03-10', 'FileExamPlan', EXAM, school);
  await s.run('2021-04-21', 'RecordResults', EXAM, school, {
    results: roster.map((c, i) => ({ idNumber: c.idNumber, passed: i === 0, score: i === 0 ? 85 : 40 })),
  });
  await s.run('2021-04-22', 'StartResultsPublicity', EXAM, school);
  await s.run('2021-04-30', 'ConfirmResults', EXAM, centre);
}

describe('附件4（一）: the plan is filed within 30 working days after enrolment closes', () => {
  // Enrolment closed Friday 2021-01-29; across the Spring Festival (02-11..02-17 off, 02-07 and 02-20 worked): due 2021-03-17.
  it('filed on 2021-03-16 and on 2021-03-17 (the last day) is in time', async () => {
    for (const day of ['2021-03-16', '2021-03-17']) {
      const s = await filedAndPlanned('own-station');
      expect(types(await s.run(day, 'FileExamPlan', EXAM, school))).toEqual(['ExamPlanFiled']);
    }
  });
  it('filed on 2021-03-18 (the day after) is recorded as late', async () => {
    const s = await filedAndPlanned('own-station');
    const r = await s.run('2021-03-18', 'FileExamPlan', EXAM, school);
    expect(types(r)).toEqual(['DeadlineMissed', 'ExamPlanFiled']);
    expect(r.events[0]!.data).toMatchObject({
      deadlineId: 'exam-plan-filing',
      anchor: '2021-01-29',
      due: '2021-03-17',
    });
  });
});

describe('四 with 附件4（五）（六）: who issues the certificates depends on the evaluation mode', () => {
  it('a school certifying through its own station issues S…51… certificates in its own name', async () => {
    const s = await filedAndPlanned('own-station');
    await throughResults(s);
    const r = await s.run('2021-05-06', 'IssueCertificates', EXAM, school);
    const numbers = (r.events[0]!.data as { certificates: { number: string }[] }).certificates.map((c) => c.number);
    expect(numbers).toHaveLength(1);
    expect(numbers[0]).toMatch(/^S000151000001214\d{6}$/);
  });
  const refusedIn = async (mode: string, ruleId: string, clause: string) => {
    const s = await filedAndPlanned(mode);
    await throughResults(s);
    const err = await s.run('2021-05-06', 'IssueCertificates', EXAM, school).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleViolationError);
    expect((err as RuleViolationError).findings).toMatchObject([{ ruleId, cite: { clause } }]);
    const log = await s.all();
    expect(log.some((e) => e.type === 'CertificatesIssued' || e.streamId.startsWith('certificate-'))).toBe(false);
  };
  it("in the cooperating-enterprise mode the school's IssueCertificates is refused (附件4（五）) and no certificate is opened", () =>
    refusedIn('cooperating-enterprise', 'school-issues-only-own-certification', '附件4（五）'));
  it("in the social-organization mode the school's IssueCertificates is refused (附件4（五）) and no certificate is opened", () =>
    refusedIn('social-organization', 'school-issues-only-own-certification', '附件4（五）'));
  it("in the competition mode the school's IssueCertificates is refused (附件4（六）) and no certificate is opened", () =>
    refusedIn('competition', 'competition-certificates-by-authorities', '附件4（六）'));
});

describe('一 and 六（四）: certification only within the filed occupations and levels (不得超范围)', () => {
  it('an exam for level 2, which the filing does not cover (5, 4, 3), is refused', async () => {
    const s = await filedAndPlanned('own-station');
    const plan = {
      ...(cases.bases!.PlanExam as { plan: object }).plan,
      filingStreamId: APP,
      occupation: { code: '6-18-01-01', level: 2 },
      examDate: '2021-04-20',
    };
    await expect(s.run('2021-02-02', 'PlanExam', 'exam-sc-002', school, plan)).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
  });
});

describe('六（三）（五）: no certificates once the filing is suspended or revoked', () => {
  it('after SuspendFiling (限期整改) the school cannot issue the certificates of an exam already confirmed', async () => {
    const s = await filedAndPlanned('own-station');
    await throughResults(s);
    await s.run('2021-05-05', 'SuspendFiling', APP, centre, { reason: '程序不规范：限期整改（六（五））' });
    await expect(s.run('2021-05-06', 'IssueCertificates', EXAM, school)).rejects.toThrow();
    expect((await s.all()).some((e) => e.streamId.startsWith('certificate-'))).toBe(false);
  });
  it('after RevokeFiling (取消试点资质) the school cannot issue them either', async () => {
    const s = await filedAndPlanned('own-station');
    await throughResults(s);
    await s.run('2021-05-05', 'RevokeFiling', APP, centre, { reason: '违规失信：取消试点资质（六（三））' });
    await expect(s.run('2021-05-06', 'IssueCertificates', EXAM, school)).rejects.toThrow();
    expect((await s.all()).some((e) => e.streamId.startsWith('certificate-'))).toBe(false);
  });
});

describe("附件3 4 「出具备案回执（含备案编号及备案有效期）」: the filing carries the receipt's validity", () => {
  it('CompleteFiling without validUntil is refused; an exam to be held after it is refused at PlanExam', async () => {
    const s = setup();
    await s.run('2020-12-01', 'SubmitApplication', APP, school, profile());
    await s.run('2020-12-02', 'AcceptApplication', APP, centre);
    await s.run('2020-12-03', 'StartPublicity', APP, centre);
    await expect(
      s.run('2020-12-15', 'CompleteFiling', APP, centre, { organizationCode: '0001' }),
    ).rejects.toBeInstanceOf(ValidationError);
    const filed = await s.run('2020-12-15', 'CompleteFiling', APP, centre, {
      organizationCode: '0001',
      validUntil: '2021-06-30',
    });
    expect(filed.events[0]!.data).toMatchObject({ validUntil: '2021-06-30' });
    const plan = (day: string) => ({
      ...(cases.bases!.PlanExam as { plan: object }).plan,
      filingStreamId: APP,
      examDate: day,
      enrolmentClosedOn: '2021-04-30',
    });
    await expect(s.run('2021-05-10', 'PlanExam', EXAM, school, plan('2021-07-01'))).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    expect((await s.run('2021-05-10', 'PlanExam', EXAM, school, plan('2021-06-30'))).events.map((e) => e.type)).toEqual(
      ['ExamPlanned'],
    );
  });
});
