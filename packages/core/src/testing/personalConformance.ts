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
  personalizePayload,
  verifyLog,
  type Actor,
  type Command,
  type Engine,
  type EventStore,
  type NewEvent,
  type PersonalFieldPath,
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

    it('a roster of known and new people: the known keep subject and salts and gain what they lacked, the new are written; another salt or lookup key for a known subject writes nothing', async () => {
      const store = await open();
      const vault = store.vault!;
      const fields: PersonalFieldPath[] = [
        { path: ['roster', '*', 'idNumber'], kind: 'id-number' },
        { path: ['roster', '*', 'name'], kind: 'name' },
      ];
      const [a, b, c] = testRoster(3);
      // First the 身份证号 of A alone: a subject with an id-number salt and its lookup key, no name salt.
      const first = await personalizePayload({ roster: [{ idNumber: a!.idNumber }] }, fields, vault);
      await store.append('quota-k1', [testEvent('T', first.payload)], {
        expectedVersion: 'no-stream',
        personal: first.rows,
      });
      const tokenOf = (payload: unknown, i: number, key: 'idNumber' | 'name') =>
        parsePersonalToken((payload as { roster: Record<string, string>[] }).roster[i]![key])!;
      const subjectA = tokenOf(first.payload, 0, 'idNumber').subject;
      // Then A with a name, and B and C new: A's 身份证号 gives the same token and no row; A's name, B and C do.
      const second = await personalizePayload({ roster: [a, b, c] }, fields, vault);
      expect(tokenOf(second.payload, 0, 'idNumber')).toEqual(tokenOf(first.payload, 0, 'idNumber'));
      expect(second.rows.map((r) => [r.subject === subjectA, r.kind])).toEqual([
        [true, 'name'],
        [false, 'id-number'],
        [false, 'name'],
        [false, 'id-number'],
        [false, 'name'],
      ]);
      // Every value its own fresh salt (one per subject and kind), 16 bytes, opening its commitment.
      const salts = second.rows.map((r) => r.salt);
      expect(new Set([...salts, first.rows[0]!.salt]).size).toBe(6);
      for (const r of second.rows) {
        expect(Buffer.from(r.salt, 'base64url').length).toBe(16);
        expect(openPersonalCommitment(r.commitment, r.value, r.salt)).toBe(true);
      }
      await store.append('quota-k2', [testEvent('T', second.payload as NewEvent['data'])], {
        expectedVersion: 'no-stream',
        personal: second.rows,
      });
      const rows = await vault.rows();
      expect(rows).toHaveLength(6);
      expect(rows.filter((r) => r.subject === subjectA).map((r) => [r.kind, r.value])).toEqual([
        ['id-number', a!.idNumber],
        ['name', a!.name],
      ]);
      const resolved = (await vault.resolve([a!.idNumber, b!.idNumber])).get(a!.idNumber)!;
      expect(resolved).toMatchObject({ subject: subjectA });
      expect(Object.keys(resolved.salts).sort()).toEqual(['id-number', 'name']);
      expect(verifyLog(await all(store), { personal: { vault: rows } })).toMatchObject({ ok: true });
      // A known subject given another name salt (a writer that resolved before A's name was written), or
      // another lookup key: a ConcurrencyError, and nothing is written.
      const otherName = commitPersonalValue('别名');
      const [otherLookup] = await vault.lookupKeys([{ kind: 'id-number', value: c!.idNumber }]);
      const idSalt = rows.find((r) => r.subject === subjectA && r.kind === 'id-number')!.salt;
      const clashes = [
        { subject: subjectA, kind: 'name' as const, value: '别名', ...otherName, lookup: null },
        {
          subject: subjectA,
          kind: 'id-number' as const,
          value: b!.idNumber,
          salt: idSalt,
          commitment: commitPersonalValue(b!.idNumber, idSalt).commitment,
          lookup: otherLookup!,
        },
      ];
      for (const [i, clash] of clashes.entries()) {
        await expect(
          store.append(`quota-k${3 + i}`, [testEvent()], { expectedVersion: 'no-stream', personal: [clash] }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.streamVersion(`quota-k${3 + i}`)).toBe(0);
      }
      expect(await vault.rows()).toEqual(rows);
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

    it('an import carries the vault: rows go with the events, keyed under the target vault, and the log opens, answers and continues there', async () => {
      const source = await open();
      await run(source, issued());
      const log = await all(source);
      const rows = await source.vault!.rows();
      const target = await open();
      // A row whose salt does not open its commitment refuses the import: no event, no row.
      const bad = rows.map((r, i) =>
        i === 0 ? { ...r, salt: rows[1]!.salt === r.salt ? 'A'.repeat(22) : rows[1]!.salt } : r,
      );
      await expect(target.importEvents(log, { personal: bad })).rejects.toBeInstanceOf(ValidationError);
      expect(await all(target)).toEqual([]);
      expect(await target.vault!.rows()).toEqual([]);

      await target.importEvents(log, { personal: rows });
      expect(await all(target)).toEqual(log);
      const held = await target.vault!.rows();
      const strip = (r: (typeof rows)[number]) => ({
        subject: r.subject,
        kind: r.kind,
        value: r.value,
        salt: r.salt,
        commitment: r.commitment,
      });
      expect(held.map(strip)).toEqual(rows.map(strip));
      // The lookup keys are the target's: a 身份证号 finds its subject there.
      const roster = testRoster();
      const planned = log.find((e) => e.type === 'ExamPlanned')!.data as { roster: { idNumber: string }[] };
      const subject = parsePersonalToken(planned.roster[0]!.idNumber)!.subject;
      const [key] = await target.vault!.lookupKeys([{ kind: 'id-number', value: roster[0]!.idNumber }]);
      expect(held.find((r) => r.subject === subject && r.kind === 'id-number')!.lookup).toBe(key);
      expect((await target.vault!.resolve([roster[0]!.idNumber])).get(roster[0]!.idNumber)).toMatchObject({ subject });
      expect(verifyLog(await all(target), { personal: { vault: held } })).toMatchObject({
        ok: true,
        events: log.length,
      });

      const issuedEvents = log.filter((e) => e.type === 'CertificateIssued');
      const first = issuedEvents.find(
        (e) => (e.data as { holder: { idNumber: string } }).holder.idNumber === planned.roster[0]!.idNumber,
      )!;
      const number = (first.data as { number: string }).number;
      const registry = await certificateRegistry(target, { display: personalDisplay(held) });
      expect(
        await registry.queryCertificate({ number, name: roster[0]!.name, idNumber: roster[0]!.idNumber }),
      ).toMatchObject({ status: 'valid', number });
      expect(await registry.queryCertificate({ number, name: '别人', idNumber: roster[0]!.idNumber })).toEqual({
        status: 'not-found',
      });
      await registry.stop();

      // The engine goes on in the target: the same people are the same subjects.
      await run(target, issued('exam-e2'));
      const second = (await all(target)).filter((e) => e.type === 'ExamPlanned')[1]!.data as {
        roster: { idNumber: string }[];
      };
      expect(second.roster.map((c) => parsePersonalToken(c.idNumber)!.subject)).toEqual(
        planned.roster.map((c) => parsePersonalToken(c.idNumber)!.subject),
      );
      expect(verifyLog(await all(target), { personal: { vault: await target.vault!.rows() } })).toMatchObject({
        ok: true,
      });
      expect(checkHistory(await all(target)).violations).toEqual([]);
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
