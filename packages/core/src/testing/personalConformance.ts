import { describe, expect, it } from 'vitest';
import {
  ConcurrencyError,
  NotFoundError,
  ValidationError,
  PERSONAL_ERASED_DISPLAY,
  applyRetention,
  certificateRegistry,
  subjectFacts,
  checkHistory,
  commitPersonalValue,
  personalDisplay,
  createEngine,
  erasureStreamId,
  openPersonalCommitment,
  parsePersonalToken,
  verifyLog,
  type Actor,
  type Command,
  type Engine,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testEvent } from './eventFactory.js';
import { testCalendar } from './testCalendar.js';
import { testExamPlan, testProfile, testRoster, testRulePack } from './fixtures.js';

const org: Actor = { id: 'org-1', role: 'applicant' };
const centre: Actor = { id: 'centre-jinan', role: 'city-center' };
const officer: Actor = { id: 'privacy-officer', role: 'provincial-center' };
const APP = 'application-a1';

let n = 0;
type Step = Command & { at: string };
const step = (type: string, actor: Actor, payload: unknown, streamId: string, day: string): Step =>
  ({ type, streamId, actor, commandId: `${type}-${++n}`, payload, at: `2020-06-${day}T10:00:00+08:00` }) as Step;

/** A filing, an exam of three candidates (two pass), results confirmed and certificates issued. */
function issued(exam = 'exam-e1', roster = testRoster()): Step[] {
  const plan = { ...testExamPlan(APP, '2020-06-22'), roster };
  const passed = roster.map((_, i) => i !== 1);
  return [
    ...(exam === 'exam-e1'
      ? [
          step('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }, APP, '01'),
          step('AcceptApplication', centre, {}, APP, '02'),
          step('StartPublicity', centre, {}, APP, '03'),
          step('CompleteFiling', centre, { organizationCode: '0001' }, APP, '10'),
        ]
      : []),
    step('PlanExam', org, plan, exam, '11'),
    step('FileExamPlan', org, {}, exam, '15'),
    step(
      'RecordResults',
      org,
      { results: roster.map((c, i) => ({ idNumber: c.idNumber, passed: passed[i]!, score: passed[i] ? 80 : 40 })) },
      exam,
      '22',
    ),
    step('StartResultsPublicity', org, {}, exam, '23'),
    step('ConfirmResults', centre, {}, exam, '30'),
    step('IssueCertificates', org, {}, exam, '30'),
  ];
}

async function run(store: EventStore, steps: Step[]): Promise<Engine> {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  for (const { at, ...c } of steps) {
    now = new Date(at);
    await engine.execute(c as Command);
  }
  return engine;
}

async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

const meta = {
  at: '2020-06-01T09:00:00+08:00',
  actor: { id: 'a', role: 'system' as const },
  commandId: 'c',
  correlationId: 'c',
};

/**
 * The cases of a store's personal-data vault (event format 2), part of the
 * conformance suite for a store that keeps one: the engine's events hold no
 * 身份证号 or name, the vault opens every token, rows go with the append or not
 * at all, and an erasure removes a subject's values while every chain stays
 * valid and replay decides as before.
 */
export function describePersonalVaultConformance(name: string, open: () => Promise<EventStore>): void {
  describe(`personal-data vault: ${name}`, () => {
    it('the engine writes format 2: no 身份证号 or name in any event, the log verifies, the vault opens every token', async () => {
      const store = await open();
      expect(store.vault).toBeDefined();
      await run(store, issued());
      const log = await all(store);
      const text = JSON.stringify(log);
      for (const c of testRoster()) {
        expect(text).not.toContain(c.idNumber);
        expect(text).not.toContain(c.name);
      }
      expect(log.filter((e) => e.meta.format === 2).map((e) => e.type)).toEqual([
        'ExamPlanned',
        'ResultsRecorded',
        'CertificatesIssued',
        'CertificateIssued',
        'CertificateIssued',
      ]);
      const rows = await store.vault!.rows();
      expect(rows).toHaveLength(6);
      for (const r of rows) expect(openPersonalCommitment(r.commitment, r.value, r.salt)).toBe(true);
      expect(verifyLog(log)).toMatchObject({ ok: true, events: log.length });
      expect(verifyLog(log, { personal: { vault: rows } })).toMatchObject({ ok: true });
      expect(checkHistory(log).violations).toEqual([]);
    });

    it('writes vault rows with the append or not at all', async () => {
      const store = await open();
      const value = testRoster()[0]!.idNumber;
      const [lookup] = await store.vault!.lookupKeys([{ kind: 'id-number', value }]);
      const row = (subject: string) => {
        const c = commitPersonalValue(value);
        return { subject, kind: 'id-number' as const, value, salt: c.salt, commitment: c.commitment, lookup: lookup! };
      };
      // A refused append (the stream moved) writes no row.
      await expect(
        store.append('quota-v', [testEvent()], { expectedVersion: 3, personal: [row('3'.repeat(32))] }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.vault!.rows()).toEqual([]);
      await store.append('quota-a', [testEvent()], { expectedVersion: 'no-stream', personal: [row('1'.repeat(32))] });
      expect((await store.vault!.resolve([value])).get(value)).toMatchObject({ subject: '1'.repeat(32), lookup });
      // Another subject for the same 身份证号 (a writer that resolved before the first committed) is a ConcurrencyError; nothing is written.
      await expect(
        store.append('quota-b', [testEvent()], { expectedVersion: 'no-stream', personal: [row('2'.repeat(32))] }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.streamVersion('quota-b')).toBe(0);
      expect((await store.vault!.rows()).map((r) => r.subject)).toEqual(['1'.repeat(32)]);
      // A row whose salt does not open its commitment is refused.
      const bad = { ...row('4'.repeat(32)), lookup: null, commitment: '0'.repeat(64) };
      await expect(
        store.append('quota-c', [{ ...testEvent(), meta }], { expectedVersion: 'no-stream', personal: [bad] }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await store.streamVersion('quota-c')).toBe(0);
    });

    it('erases a subject: values, salts and lookup go, the erasure is an event, every chain stays valid and replay decides as before', async () => {
      const store = await open();
      const engine = await run(store, issued());
      const before = await all(store);
      const planned = before.find((e) => e.type === 'ExamPlanned')!.data as { roster: { idNumber: string }[] };
      const subject = parsePersonalToken(planned.roster[0]!.idNumber)!.subject;
      const states = async () =>
        Promise.all(
          [APP, 'exam-e1', ...before.filter((e) => e.type === 'CertificateIssued').map((e) => e.streamId)].map((id) =>
            engine.load(id),
          ),
        );
      const stateBefore = await states();

      const record = await store.vault!.eraseSubject(subject, {
        reason: '保存期限届满（个人信息保护法第四十七条）',
        actor: officer,
        at: new Date('2026-06-01T09:00:00+08:00'),
      });
      expect(record).toMatchObject({
        subject,
        reason: '保存期限届满（个人信息保护法第四十七条）',
        actor: officer,
        streamId: erasureStreamId(subject),
      });
      expect(record.commitments).toHaveLength(2);
      expect(await store.vault!.rows([subject])).toEqual([]);
      expect(await store.vault!.rows()).toHaveLength(4);
      expect(
        (await store.vault!.resolve([testRoster()[0]!.idNumber])).get(testRoster()[0]!.idNumber)?.subject,
      ).toBeUndefined();

      const after = await all(store);
      expect(after.slice(0, before.length)).toEqual(before);
      const erasure = after[after.length - 1]!;
      expect(erasure).toMatchObject({
        streamId: erasureStreamId(subject),
        version: 1,
        type: 'PersonalDataErased',
        data: { subject, commitments: record.commitments },
        meta: { actor: officer },
      });
      expect(verifyLog(after)).toMatchObject({ ok: true });
      // With the vault: the erased subject's tokens open nothing, and the erasure in the log says why.
      expect(verifyLog(after, { personal: { vault: await store.vault!.rows() } })).toMatchObject({ ok: true });
      expect(
        verifyLog(before, { personal: { vault: await store.vault!.rows() } }).problems.map((p) => p.kind),
      ).toContain('personal-unopened');
      expect(checkHistory(after).violations).toEqual([]);
      expect(await states()).toEqual(stateBefore);

      // Again: the first record. A subject never held: NotFoundError. Bad arguments: ValidationError.
      expect(await store.vault!.eraseSubject(subject, { reason: 'again', actor: officer })).toEqual(record);
      await expect(store.vault!.eraseSubject('f'.repeat(32), { reason: 'x', actor: officer })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(store.vault!.eraseSubject('nope', { reason: '', actor: officer })).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await all(store)).toHaveLength(after.length);
    });

    it('the public query matches over the vault, reveals nothing on a mismatch, and after erasure still proves the certificate exists', async () => {
      const store = await open();
      await run(store, issued());
      const roster = testRoster();
      const issuedEvents = (await all(store)).filter((e) => e.type === 'CertificateIssued');
      const holderOf = (e: StoredEvent) => (e.data as { holder: { idNumber: string } }).holder.idNumber;
      const planned = (await all(store)).find((e) => e.type === 'ExamPlanned')!.data as {
        roster: { idNumber: string }[];
      };
      const first = issuedEvents.find((e) => holderOf(e) === planned.roster[0]!.idNumber)!;
      const number = (first.data as { number: string }).number;
      const registry = await certificateRegistry(store, { display: personalDisplay(await store.vault!.rows()) });
      const ask = { number, name: roster[0]!.name, idNumber: roster[0]!.idNumber };
      expect(await registry.queryCertificate(ask)).toMatchObject({
        status: 'valid',
        number,
        organization: { code: '0001' },
      });
      expect(await registry.queryCertificate({ ...ask, name: '别人' })).toEqual({ status: 'not-found' });
      expect(await registry.queryCertificate({ ...ask, idNumber: roster[2]!.idNumber, name: roster[2]!.name })).toEqual(
        { status: 'not-found' },
      );
      expect(registry.lookup(number)).toMatchObject({
        holderName: '考**',
        idNumberMasked: `${roster[0]!.idNumber.slice(0, 4)}**********${roster[0]!.idNumber.slice(-4)}`,
      });

      await store.vault!.eraseSubject(parsePersonalToken(planned.roster[0]!.idNumber)!.subject, {
        reason: '保存期限届满',
        actor: officer,
      });
      await registry.waitUntilCaughtUp();
      expect(await registry.queryCertificate(ask)).toMatchObject({ status: 'valid', number, holderErased: true });
      expect(await registry.queryCertificate({ ...ask, name: '别人' })).toMatchObject({
        status: 'valid',
        holderErased: true,
      });
      expect(registry.lookup(number)).toMatchObject({
        holderName: PERSONAL_ERASED_DISPLAY,
        idNumberMasked: PERSONAL_ERASED_DISPLAY,
        holderErased: true,
      });
      await registry.stop();
      // A registry folded from scratch after the erasure says the same.
      const rebuilt = await certificateRegistry(store, { subscriptionName: 'rebuilt' });
      expect(rebuilt.lookup(number)).toMatchObject({ holderName: PERSONAL_ERASED_DISPLAY, holderErased: true });
      await rebuilt.stop();
    });

    it('a retention policy erases the subjects it picks (here: who did not pass), and nothing else', async () => {
      const store = await open();
      await run(store, issued());
      const facts = await subjectFacts(store);
      expect(facts.map((f) => f.exams.map((x) => x.passed))).toEqual([[true], [false], [true]]);
      expect(facts.map((f) => f.certificates.length)).toEqual([1, 0, 1]);
      const erased = await applyRetention(store, {
        policy: (subjects) => subjects.filter((s) => s.exams.every((x) => x.passed === false)).map((s) => s.subject),
        reason: '考核未通过，保存期限届满',
        actor: officer,
      });
      expect(erased.map((r) => r.subject)).toEqual([facts[1]!.subject]);
      expect((await store.vault!.rows()).map((r) => r.subject).sort()).toEqual(
        [facts[0]!.subject, facts[0]!.subject, facts[2]!.subject, facts[2]!.subject].sort(),
      );
      expect((await subjectFacts(store)).map((f) => f.subject)).toEqual([facts[0]!.subject, facts[2]!.subject]);
      expect(verifyLog(await all(store), { personal: { vault: await store.vault!.rows() } })).toMatchObject({
        ok: true,
      });
    });

    it('after an erasure the same person is a new subject', async () => {
      const store = await open();
      await run(store, issued());
      const first = (await all(store)).find((e) => e.type === 'ExamPlanned')!.data as {
        roster: { idNumber: string }[];
      };
      const subject = parsePersonalToken(first.roster[0]!.idNumber)!.subject;
      await store.vault!.eraseSubject(subject, { reason: '未通过且保存期限届满', actor: officer });
      await run(store, issued('exam-e2'));
      const second = (await all(store)).filter((e) => e.type === 'ExamPlanned')[1]!.data as {
        roster: { idNumber: string }[];
      };
      expect(parsePersonalToken(second.roster[0]!.idNumber)!.subject).not.toBe(subject);
      expect(parsePersonalToken(second.roster[1]!.idNumber)).toEqual(parsePersonalToken(first.roster[1]!.idNumber));
      expect(verifyLog(await all(store), { personal: { vault: await store.vault!.rows() } })).toMatchObject({
        ok: true,
      });
    });
  });
}
